package dev.tlskit.cli.option;

import dev.tlskit.cli.UsageException;
import dev.tlskit.engine.model.IpLiteral;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hosts and ports as flags take them (writing them, with IPv6 brackets, is {@link IpLiteral}'s). */
public final class HostPort {
    private HostPort() {}

    /** {@code name:443}, {@code 10.0.0.1:443} or {@code [::1]:443}: one colon, or brackets, before the port. */
    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([^\\]]+)\\]|([^:\\[\\]]+)):(\\d{1,5})");

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
        return IpLiteral.unbracketed(host);
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
