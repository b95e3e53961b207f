package dev.tlskit.cli.command;

import dev.tlskit.cli.UsageException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Where the listening commands bind, and how addresses are written in their messages. */
final class Addresses {
    private Addresses() {}

    /**
     * The address {@code -b} / {@code --bind} ask for: null for every interface (the wildcard, both families),
     * the loopback address by default.
     */
    static InetAddress bindAddress(boolean anyInterface, String bind) {
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

    /** {@code 127.0.0.1:11111}, {@code [::1]:11111}, or {@code *:11111} for the wildcard (null). */
    static String hostPort(InetAddress address, int port) {
        return (address == null ? "*" : hostLiteral(address)) + ":" + port;
    }

    /** An address as a URL would write it: IPv6 in brackets. */
    static String hostLiteral(InetAddress address) {
        String h = address.getHostAddress();
        return h.contains(":") ? "[" + h + "]" : h;
    }
}
