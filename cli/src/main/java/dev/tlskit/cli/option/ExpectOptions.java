package dev.tlskit.cli.option;

import dev.tlskit.cli.Assertion;
import dev.tlskit.cli.Report;
import dev.tlskit.cli.UsageException;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpLiteral;
import dev.tlskit.engine.wire.NamedGroup;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The {@code --expect-*} assertions client and server share, checked on the handshake summary after the exchange.
 * Each failed one makes the command exit 5 with one {@code expected X, got Y} line; with {@code --json} the
 * document lists every assertion under {@code "assertions"}. Values are checked before any connection is made.
 */
@OptionGroup.In(OptionGroup.ASSERTIONS)
public final class ExpectOptions {
    private static final Pattern VERSION = Pattern.compile("(d?tls)?\\s*v?\\s*(1\\.[23])");

    @Option(names = "--expect-version", paramLabel = "VERSION",
            description = "the negotiated version must be this: TLSv1.3 or 1.3, TLSv1.2 or 1.2")
    String version;

    @Option(names = "--expect-cipher", paramLabel = "NAME",
            description = "the negotiated cipher suite must be this (IANA or OpenSSL name)")
    String cipher;

    @Option(names = "--expect-group", paramLabel = "NAME",
            description = "the key exchange group must be this, e.g. x25519, secp256r1, P-256 or X25519MLKEM768")
    String group;

    @Option(names = "--expect-alpn", paramLabel = "PROTO", description = "the agreed ALPN protocol must be this")
    String alpn;

    @Option(names = "--expect-san", paramLabel = "NAME",
            description = "the peer certificate must name this DNS name or IP address (repeatable)")
    List<String> sans;

    @Option(names = "--expect-issuer", paramLabel = "TEXT",
            description = "the peer certificate's issuer DN must contain this text (case-insensitive)")
    String issuer;

    @Option(names = "--min-days", paramLabel = "N",
            description = "the peer certificate must stay valid for at least N more days")
    Integer minDays;

    /** Whether any of these assertions was asked for. */
    public boolean any() {
        return version != null || cipher != null || group != null || alpn != null || sans != null || issuer != null
                || minDays != null;
    }

    /** Rejects values that could never match, before any work. */
    public void validate() {
        if (version != null) {
            expectedVersion();
        }
        if (cipher != null) {
            SuiteNames.iana("--expect-cipher", cipher);
        }
        if (group != null && NamedGroup.named(group) == null) {
            throw new UsageException("--expect-group " + group + ": unknown group (known: "
                    + NamedGroup.listedNames() + ")");
        }
        if (minDays != null && minDays < 0) {
            throw new UsageException("--min-days " + minDays + ": must be 0 or more");
        }
    }

    /** Every asked-for assertion on one handshake, in flag order. */
    public List<Assertion> check(HandshakeSummary s) {
        List<Assertion> out = new ArrayList<>();
        if (version != null) {
            String expected = expectedVersion();
            // a bare 1.2 or 1.3 also matches DTLSv1.2 under -u
            boolean ok = s.protocol().equalsIgnoreCase(expected)
                    || (!version.toLowerCase(Locale.ROOT).contains("tls") && s.protocol().endsWith("v" + bare()));
            out.add(Assertion.of("version", "version", expected, s.protocol(), ok));
        }
        if (cipher != null) {
            String expected = SuiteNames.iana("--expect-cipher", cipher);
            out.add(Assertion.of("cipher", "cipher", expected, s.cipherSuite(),
                    expected.equalsIgnoreCase(s.cipherSuite())));
        }
        if (group != null) {
            String expected = NamedGroup.named(group).displayName();
            String actual = s.group() == null ? "none" : s.group();
            out.add(Assertion.of("group", "group", expected, actual, expected.equalsIgnoreCase(actual)));
        }
        if (alpn != null) {
            String actual = s.applicationProtocol() == null ? "none" : s.applicationProtocol();
            out.add(Assertion.of("alpn", "ALPN", alpn, actual, alpn.equals(actual)));
        }
        X509Certificate leaf = s.peerChain().isEmpty() ? null : s.peerChain().get(0);
        if (sans != null) {
            for (String name : sans) {
                List<String> names = leaf == null ? List.of() : Report.subjectAltNames(leaf);
                String actual = leaf == null ? "no peer certificate"
                        : names.isEmpty() ? "no subject alternative names" : String.join(", ", names);
                out.add(Assertion.of("san", "SAN", name, actual, leaf != null && hasSan(names, name)));
            }
        }
        if (issuer != null) {
            String actual = leaf == null ? "no peer certificate" : leaf.getIssuerX500Principal().getName();
            boolean ok = leaf != null && (contains(actual, issuer)
                    || contains(leaf.getIssuerX500Principal().toString(), issuer));
            out.add(Assertion.of("issuer", "issuer containing", issuer, actual, ok));
        }
        if (minDays != null) {
            if (leaf == null) {
                out.add(new Assertion("minDays", minDays, null, false,
                        "expected a peer certificate valid for at least " + minDays + " more days, got no peer"
                                + " certificate"));
            } else {
                Instant notAfter = leaf.getNotAfter().toInstant();
                long left = Math.max(0, Duration.between(Instant.now(), notAfter).toDays());
                boolean ok = !notAfter.isBefore(Instant.now().plus(Duration.ofDays(minDays)));
                out.add(new Assertion("minDays", minDays, left, ok, "expected a peer certificate valid for at least "
                        + minDays + " more days, got " + left + " (notAfter " + notAfter + ")"));
            }
        }
        return out;
    }

    /**
     * {@code --expect-client-auth} on a client: did the server ask for a certificate? In TLS 1.2 the Certificate
     * Request is plaintext, so the wire shows it. In TLS 1.3 it is encrypted; JSSE sends a certificate only when
     * asked, so a certificate sent (a non-empty local chain) is the signal. Under {@code -x} in TLS 1.3 nothing
     * tells, and the assertion fails as "unknown".
     */
    public static Assertion clientAuthRequested(HandshakeSummary s, boolean noClientCert) {
        Object actual;
        boolean ok;
        if (s.protocol().endsWith("1.2")) {
            ok = s.certificateRequestSeen();
            actual = ok ? "requested" : "not requested";
        } else if (!s.localChain().isEmpty()) {
            ok = true;
            actual = "requested";
        } else {
            ok = false;
            actual = noClientCert ? "unknown (TLS 1.3 encrypts the request and -x sends no certificate)"
                    : "not requested";
        }
        return Assertion.of("clientAuth", "client certificate", "requested", actual, ok);
    }

    /** {@code --expect-client-cert} on a server: the client sent a certificate. */
    public static Assertion clientCertSent(HandshakeSummary s) {
        boolean ok = !s.peerChain().isEmpty();
        String actual = ok ? s.peerChain().get(0).getSubjectX500Principal().getName() : "none";
        return Assertion.of("clientCert", "client certificate", "sent", ok ? "sent (" + actual + ")" : actual, ok);
    }

    /** {@code --expect-resumed} on the reconnection of {@code -r}. */
    public static Assertion resumed(HandshakeSummary second) {
        return Assertion.of("resumed", "session", "resumed",
                second.resumed() ? "resumed" : "not resumed (a full handshake)", second.resumed());
    }

    private String expectedVersion() {
        Matcher m = VERSION.matcher(version.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException("--expect-version " + version + ": unknown version (use TLSv1.3, 1.3, TLSv1.2"
                    + " or 1.2)");
        }
        return ("dtls".equals(m.group(1)) ? "DTLSv" : "TLSv") + m.group(2);
    }

    private String bare() {
        Matcher m = VERSION.matcher(version.trim().toLowerCase(Locale.ROOT));
        return m.matches() ? m.group(2) : version;
    }

    private static boolean contains(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    /** A SAN entry matches exactly (DNS names case-insensitively, IP addresses by value) or by a DNS wildcard. */
    static boolean hasSan(List<String> names, String wanted) {
        String w = wanted.replaceFirst("^(?i)(DNS|IP):", "");
        InetAddress ip = IpLiteral.parse(w);
        for (String n : names) {
            if (ip != null && n.startsWith("IP:") && ip.equals(IpLiteral.parse(n.substring(3)))) {
                return true;
            }
            if (ip == null && n.startsWith("DNS:")) {
                String dns = n.substring(4);
                if (dns.equalsIgnoreCase(w)) {
                    return true;
                }
                if (dns.startsWith("*.") && w.indexOf('.') > 0
                        && w.substring(w.indexOf('.')).equalsIgnoreCase(dns.substring(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a host name or IP literal matches one of the SANs (as {@link Report#subjectAltNames} spells them). */
    public static boolean matchesHost(List<String> names, String host) {
        return hasSan(names, host);
    }
}
