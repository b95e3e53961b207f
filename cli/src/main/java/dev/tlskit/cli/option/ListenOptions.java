package dev.tlskit.cli.option;

import java.net.InetAddress;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where a server listens: {@code -p}, {@code -b}, {@code --bind}. Loopback only unless told otherwise. */
@OptionGroup.In(OptionGroup.CONNECTION)
public final class ListenOptions {
    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "port to listen on; 0 picks a free one and prints it (default: 11111)")
    int port = 11111;

    @Mixin
    BindOptions bind;

    /** Rejects a bad port and {@code -b} with {@code --bind}, before any work is done. */
    public void validate() {
        HostPort.port(port, true);
        bind.validate();
    }

    public int port() {
        return port;
    }

    /** The address to bind: null for every interface (the wildcard, both families), loopback by default. */
    public InetAddress address() {
        return bind.address();
    }

    /** As {@link BindOptions#addresses()}. */
    public List<InetAddress> addresses() {
        return bind.addresses();
    }
}
