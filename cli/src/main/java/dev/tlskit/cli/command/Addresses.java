package dev.tlskit.cli.command;

import dev.tlskit.engine.ListenAddresses;
import dev.tlskit.engine.model.IpLiteral;
import dev.tlskit.engine.model.TlsException;
import java.net.InetAddress;

/** How the listening commands write addresses in their messages. */
final class Addresses {
    private Addresses() {}

    /** {@code 127.0.0.1:11111}, {@code [::1]:11111}, or {@code *:11111} for the wildcard (null). */
    static String hostPort(InetAddress address, int port) {
        return (address == null ? "*" : hostLiteral(address)) + ":" + port;
    }

    /** The failure to bind {@code address:port} ({@code transport} is "" or "UDP "): a network error, exit 1. */
    static TlsException cannotListen(String transport, InetAddress address, int port, Exception e) {
        if (e instanceof ListenAddresses.BindFailed failed) { // of several addresses, the one that failed
            address = failed.address().getAddress();
            port = failed.address().getPort();
        }
        String why = e.getMessage() == null || e.getMessage().isEmpty() ? "failed"
                : Character.toLowerCase(e.getMessage().charAt(0)) + e.getMessage().substring(1);
        return new TlsException(TlsException.Kind.NETWORK, "cannot listen on " + transport + hostPort(address, port)
                + ": " + why, e);
    }

    /** An address as a URL would write it: IPv6 compressed, in brackets ({@code [::1]}). */
    static String hostLiteral(InetAddress address) {
        return IpLiteral.bracketed(IpLiteral.format(address));
    }
}
