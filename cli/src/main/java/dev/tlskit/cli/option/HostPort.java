package dev.tlskit.cli.option;

import dev.tlskit.cli.UsageException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hosts and ports as flags take them and messages write them: IPv6 literals in brackets ({@code [::1]:443}). */
public final class HostPort {
    private HostPort() {}

    /** {@code name:443}, {@code 10.0.0.1:443} or {@code [::1]:443}: one colon, or brackets, before the port. */
    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([^\\]]+)\\]|([^:\\[\\]]+)):(\\d{1,5})");

    /** {@code host} without the brackets of an IPv6 literal ({@code [::1]} → {@code ::1}); other hosts as given. */
    public static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** {@code host} as a URL writes it: an IPv6 literal in brackets ({@code ::1} → {@code [::1]}). */
    public static String bracketed(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** {@code host:port} as messages name it ({@code localhost:11111}, {@code [::1]:11111}). */
    public static String of(String host, int port) {
        return bracketed(host) + ":" + port;
    }

    /**
     * The host of {@code flag host} without IPv6 brackets; a usage error with a hint for {@code host:port}, which
     * openssl s_client's {@code -connect} and curl users type ({@code [::1]:443} too; {@code ::1} alone is a host).
     */
    public static String hostOnly(String flag, String host) {
        Matcher m = HOST_PORT.matcher(host);
        if (m.matches()) {
            String h = m.group(1) != null ? m.group(1) : m.group(2);
            throw new UsageException(flag + " " + host + ": a host, not host:port", "give the port with -p: " + flag
                    + " " + h + " -p " + m.group(3), null);
        }
        return unbracketed(host);
    }

    /** {@code port} checked against 1-65535 ({@code zeroPicks}: 0-65535, 0 being "pick a free one"). */
    public static int port(int port, boolean zeroPicks) {
        int min = zeroPicks ? 0 : 1;
        if (port < min || port > 65535) {
            throw new UsageException("-p " + port + ": not a port (" + min + "-65535)");
        }
        return port;
    }
}
