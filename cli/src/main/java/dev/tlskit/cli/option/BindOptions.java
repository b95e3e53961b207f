package dev.tlskit.cli.option;

import dev.tlskit.cli.UsageException;
import dev.tlskit.engine.ListenAddresses;
import dev.tlskit.engine.model.IpLiteral;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import picocli.CommandLine.Option;

/** Which interfaces a listening side binds: {@code -b}, {@code --bind}. Loopback only unless told otherwise. */
@OptionGroup.In(OptionGroup.CONNECTION)
public final class BindOptions {
    @Option(names = "-b", description = "listen on every interface (default: loopback only)")
    boolean anyInterface;

    @Option(names = "--bind", paramLabel = "ADDR", description = "listen on this address (e.g. ::1, 127.0.0.2)")
    String bind;

    /** Whether -b or --bind was given. */
    public boolean given() {
        return anyInterface || bind != null;
    }

    /** The flag given, for messages: {@code -b} or {@code --bind}; null when neither. */
    public String flag() {
        return anyInterface ? "-b" : bind != null ? "--bind" : null;
    }

    /** Rejects {@code -b} with {@code --bind}. */
    public void validate() {
        if (anyInterface && bind != null) {
            throw new UsageException("-b and --bind conflict");
        }
    }

    /** The address to bind: null for every interface (the wildcard, both families), loopback by default. */
    public InetAddress address() {
        if (anyInterface) {
            return null;
        }
        if (bind == null) {
            return InetAddress.getLoopbackAddress();
        }
        try {
            return InetAddress.getByName(IpLiteral.unbracketed(bind));
        } catch (UnknownHostException e) {
            throw new UsageException("--bind " + bind + ": unknown address");
        }
    }

    /**
     * Every address to listen on: by default 127.0.0.1 and ::1 (when this machine has IPv6 loopback), so clients
     * of either family find the server; {@code -b} the wildcard (both families); {@code --bind} that one.
     */
    public List<InetAddress> addresses() {
        if (!given()) {
            return ListenAddresses.loopback();
        }
        InetAddress a = address();
        return List.of(a == null ? new InetSocketAddress(0).getAddress() : a);
    }
}
