package dev.tlskit.cli.option;

import dev.tlskit.cli.Errors;
import dev.tlskit.cli.UsageException;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.IpLiteral;
import java.io.PrintWriter;
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

    /** The host, an IPv6 literal without its brackets ({@code [::1]} → {@code ::1}); host:port is refused. */
    public String host() {
        return HostPort.hostOnly("-h", host);
    }

    /** The port to use when -p is not given (a STARTTLS protocol's own: 25 for smtp). */
    public void defaultPort(int p) {
        defaultPort = p;
    }

    public int port() {
        if (port == null) {
            return defaultPort;
        }
        return HostPort.port(port, false);
    }

    /** The port for a command that listens instead (chat --listen): 0 allowed, to pick a free one. */
    public int listenPort() {
        return port == null ? defaultPort : HostPort.port(port, true);
    }

    public IpFamily family() {
        if (ipv4 && ipv6) {
            throw new UsageException("-4 and -6 conflict");
        }
        return ipv4 ? IpFamily.IPV4 : ipv6 ? IpFamily.IPV6 : IpFamily.ANY;
    }

    /** {@code host:port} as messages name it ({@code [::1]:11111}). */
    public String where() {
        return IpLiteral.hostPort(host(), port());
    }

    public boolean insecure() {
        return insecure;
    }

    /**
     * The one warning for {@code -d} on the verifying side, on stderr: {@code peer} is what goes unverified
     * ("server", "listener").
     */
    public static void warnNotVerified(PrintWriter err, String peer) {
        Errors.warn(err, "-d: the " + peer + "'s certificate and hostname are NOT verified");
    }

    public boolean noClientCert() {
        return noClientCert;
    }
}
