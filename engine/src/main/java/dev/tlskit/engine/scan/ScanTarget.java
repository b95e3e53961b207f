package dev.tlskit.engine.scan;

import dev.tlskit.engine.model.IpLiteral;

/**
 * One endpoint to scan: a host name or IP literal (IPv6 without brackets) and a port.
 *
 * @param host as the user gave it, brackets removed
 * @param port 1-65535
 */
public record ScanTarget(String host, int port) {
    public ScanTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port (1-65535): " + port);
        }
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port} or a bare IPv6 literal (more than
     * one colon, no brackets: all host), with {@code defaultPort} when none is given.
     *
     * @throws IllegalArgumentException naming the text when it is none of those
     */
    public static ScanTarget parse(String text, int defaultPort) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty target");
        }
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in target: " + text);
            }
            String host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (rest.isEmpty()) {
                return new ScanTarget(host, defaultPort);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("expected :PORT after ] in target: " + text);
            }
            return new ScanTarget(host, port(rest.substring(1), text));
        }
        int first = t.indexOf(':');
        if (first < 0) {
            return new ScanTarget(t, defaultPort);
        }
        if (first != t.lastIndexOf(':')) {
            return new ScanTarget(t, defaultPort); // a bare IPv6 literal
        }
        return new ScanTarget(t.substring(0, first), port(t.substring(first + 1), text));
    }

    private static int port(String s, String text) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("not a port (1-65535) in target: " + text);
    }

    /** {@code host:port}, {@code [::1]:443}. */
    @Override
    public String toString() {
        return IpLiteral.hostPort(host, port);
    }
}
