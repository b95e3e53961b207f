package dev.tlskit.cli.option;

import dev.tlskit.cli.UsageException;
import dev.tlskit.engine.ListenAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import picocli.CommandLine.Option;

/** Where a server listens: {@code -p}, {@code -b}, {@code --bind}. Loopback only unless told otherwise. */
@OptionGroup.In(OptionGroup.CONNECTION)
public final class ListenOptions {
    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "port to listen on; 0 picks a free one and prints it (default: 11111)")
    int port = 11111;

    @Option(names = "-b", description = "listen on every interface (default: loopback only, 127.0.0.1 and ::1)")
    boolean anyInterface;

    @Option(names = "--bind", paramLabel = "ADDR", description = "listen on this address (e.g. ::1, 127.0.0.2)")
    String bind;

    /** Rejects a bad port and {@code -b} with {@code --bind}, before any work is done. */
    public void validate() {
        if (port < 0 || port > 65535) {
            throw new UsageException("-p " + port + ": not a port (0-65535)");
        }
        if (anyInterface && bind != null) {
            throw new UsageException("-b and --bind conflict");
        }
    }

    public int port() {
        return port;
    }

    /** The address to bind: null for every interface (the wildcard, both families), loopback by default. */
    public InetAddress address() {
        return bindAddress(anyInterface, bind);
    }

    /**
     * Every address to listen on: by default 127.0.0.1 and ::1 (when this machine has IPv6 loopback), so clients
     * of either family find the server; {@code -b} the wildcard (both families); {@code --bind} that one.
     */
    public List<InetAddress> addresses() {
        if (!anyInterface && bind == null) {
            return ListenAddresses.loopback();
        }
        InetAddress a = address();
        return List.of(a == null ? new InetSocketAddress(0).getAddress() : a);
    }

    /** As {@link #address()}, for commands whose {@code -b}/{@code --bind} mean the same with other wording. */
    public static InetAddress bindAddress(boolean anyInterface, String bind) {
        if (anyInterface) {
            return null;
        }
        if (bind == null) {
            return InetAddress.getLoopbackAddress();
        }
        String b = bind.startsWith("[") && bind.endsWith("]") ? bind.substring(1, bind.length() - 1) : bind;
        try {
            return InetAddress.getByName(b);
        } catch (UnknownHostException e) {
            throw new UsageException("--bind " + bind + ": unknown address");
        }
    }
}
