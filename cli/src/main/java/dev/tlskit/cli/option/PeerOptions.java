package dev.tlskit.cli.option;

import dev.tlskit.cli.UsageException;
import dev.tlskit.engine.IpFamily;
import picocli.CommandLine.Option;

/** The server a client command connects to, and whether it checks it: {@code -h -p -4 -6 -d -x}. */
public final class PeerOptions {
    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = {"-h", "--host"}, paramLabel = "HOST", description = "server host or IP literal (default: localhost)")
    String host = "localhost";

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "server port (default: 11111)")
    Integer port;

    /** The port when -p is not given: 11111, or what {@link #defaultPort(int)} set. */
    private int defaultPort = 11111;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = "-4", description = "use IPv4 only")
    boolean ipv4;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = "-6", description = "use IPv6 only")
    boolean ipv6;

    @OptionGroup.In(OptionGroup.CERTIFICATES)
    @Option(names = "-d", description = "do NOT verify the server (chain and hostname); prints a warning")
    boolean insecure;

    @OptionGroup.In(OptionGroup.CERTIFICATES)
    @Option(names = "-x", description = "send no client certificate")
    boolean noClientCert;

    /** The host, an IPv6 literal without its brackets ({@code [::1]} → {@code ::1}). */
    public String host() {
        return unbracketed(host);
    }

    /**
     * {@code host}, an IPv6 literal without its brackets; a usage error with a hint for {@code host:port}, which
     * openssl s_client's {@code -connect} and curl users type ({@code [::1]:443} too; {@code ::1} alone is a host).
     */
    public static String unbracketed(String host) {
        java.util.regex.Matcher m = HOST_PORT.matcher(host);
        if (m.matches()) {
            String h = m.group(1) != null ? m.group(1) : m.group(2);
            throw new UsageException("-h " + host + ": a host, not host:port", "give the port with -p: -h " + h
                    + " -p " + m.group(3), null);
        }
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** {@code name:443}, {@code 10.0.0.1:443} or {@code [::1]:443}: one colon, or brackets, before the port. */
    private static final java.util.regex.Pattern HOST_PORT =
            java.util.regex.Pattern.compile("(?:\\[([^\\]]+)\\]|([^:\\[\\]]+)):(\\d{1,5})");

    /** The port to use when -p is not given (a STARTTLS protocol's own: 25 for smtp). */
    public void defaultPort(int p) {
        defaultPort = p;
    }

    public int port() {
        if (port == null) {
            return defaultPort;
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("-p " + port + ": not a port (1-65535)");
        }
        return port;
    }

    public IpFamily family() {
        if (ipv4 && ipv6) {
            throw new UsageException("-4 and -6 conflict");
        }
        return ipv4 ? IpFamily.IPV4 : ipv6 ? IpFamily.IPV6 : IpFamily.ANY;
    }

    /** {@code host:port} as messages name it ({@code [::1]:11111}). */
    public String where() {
        return where(host(), port());
    }

    /** {@code host:port} as messages and {@code --targets} output name it: IPv6 literals bracketed. */
    public static String where(String host, Object port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public boolean insecure() {
        return insecure;
    }

    public boolean noClientCert() {
        return noClientCert;
    }
}
