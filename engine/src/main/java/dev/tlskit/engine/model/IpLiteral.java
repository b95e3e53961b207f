package dev.tlskit.engine.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP address literals: recognised without DNS, and written as people write them (IPv6 compressed, RFC 5952). */
public final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%[\\w.]+)?");

    private IpLiteral() {}

    /** The address {@code s} spells ({@code 127.0.0.1}, {@code ::1}, {@code [::1]}), or null for a host name. */
    public static InetAddress parse(String s) {
        if (s == null) {
            return null;
        }
        String t = unbracketed(s);
        if (!IPV4.matcher(t).matches() && !IPV6.matcher(t).matches()) {
            return null; // a host name: never resolved here
        }
        try {
            return InetAddress.getByName(t); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether {@code s} is an IP literal rather than a host name. */
    public static boolean is(String s) {
        return parse(s) != null;
    }

    /**
     * The address as RFC 5952 writes it: IPv4 dotted, IPv6 in lower case with the longest run of two or more zero
     * groups (the first, on a tie) as {@code ::} ({@code ::1}, {@code 2001:db8::1}); no brackets, no scope.
     */
    public static String format(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xFF) << 8 | b[2 * i + 1] & 0xFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** {@code host:port} with an IPv6 address in brackets ({@code [::1]:11111}, {@code 127.0.0.1:11111}). */
    public static String hostPort(InetAddress address, int port) {
        return hostPort(format(address), port);
    }

    /** {@code host:port} with an IPv6 literal in brackets ({@code [::1]:11111}, {@code localhost:11111}). */
    public static String hostPort(String host, int port) {
        return bracketed(host) + ":" + port;
    }

    /** {@code host} as a URL writes it: an IPv6 literal in brackets ({@code ::1} → {@code [::1]}). */
    public static String bracketed(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** {@code s} without the brackets of an IPv6 literal ({@code [::1]} → {@code ::1}), others as given. */
    public static String unbracketed(String s) {
        return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    }
}
