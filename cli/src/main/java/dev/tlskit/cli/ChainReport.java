package dev.tlskit.cli;

import dev.tlskit.certs.Pem;
import dev.tlskit.cli.option.ExpectOptions;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * {@code --show-certs}: the peer's chain as a tree with a verdict per certificate, and, when verification failed,
 * the reason in plain words with a hint. {@code --save-chain}: the chain as PEM files. The verdicts are computed
 * here from the chain and the configured trust anchors, to explain; the engine's PKIX check is what decides.
 */
public final class ChainReport {
    private final List<X509Certificate> chain;
    private final TlsConfig config;
    /** The configured anchors, the platform's included: read when a verdict first needs them (see anchors()). */
    private List<X509Certificate> anchors;
    private final boolean verified;
    private final String host;
    private final boolean sniGiven;

    private static final String SAME_NAME = "issuer NOT SENT; a trusted CA has its name but a DIFFERENT KEY";

    /**
     * @param chain the peer's chain, leaf first, as it sent it
     * @param config the endpoint's configuration (its trust anchors)
     * @param host the host a client connects to (the leaf must match it, or the configured SNI name), or null (a
     *     server)
     */
    public ChainReport(List<X509Certificate> chain, TlsConfig config, String host) {
        this.chain = List.copyOf(chain);
        this.config = config;
        this.verified = config.trustMode() != TlsConfig.TrustMode.INSECURE;
        // A client verifies the SNI name when it sends one (-S), not the host it connects to.
        this.host = host != null && config.serverName() != null ? config.serverName() : host;
        this.sniGiven = config.serverName() != null;
    }

    /** Prints the tree, and, for a failure, the reason and a hint. */
    public void print(PrintWriter err, String whose, String failure) {
        if (chain.isEmpty()) {
            err.println("tlskit: " + whose + " sent no certificate");
            err.flush();
            return;
        }
        err.println("tlskit: " + whose + " certificate chain (" + chain.size()
                + (chain.size() == 1 ? " certificate" : " certificates") + ", as sent):");
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            String indent = "  ".repeat(i);
            String pad = indent + "   ";
            err.println(indent + (i == 0 ? "" : "└─ ") + i + " " + c.getSubjectX500Principal().getName());
            err.println(pad + "  issuer:   " + c.getIssuerX500Principal().getName());
            err.println(pad + "  valid:    " + c.getNotBefore().toInstant() + " .. " + c.getNotAfter().toInstant()
                    + " (" + daysLeft(c) + ")");
            if (i == 0) {
                List<String> sans = Report.subjectAltNames(c);
                err.println(pad + "  SAN:      " + (sans.isEmpty() ? "none" : String.join(", ", sans)));
            }
            err.println(pad + "  key:      " + Report.keyType(c) + ", signed " + c.getSigAlgName());
            err.println(pad + "  sha256:   " + Report.sha256(c));
            err.println(pad + "  verdict:  " + String.join("; ", verdicts(i)));
        }
        if (failure != null) {
            err.println("tlskit: verification failed: " + failure);
            String hint = hint();
            if (hint != null) {
                err.println("hint: " + hint);
            }
        }
        err.flush();
    }

    /** What this certificate's place in the chain looks like, most important first. */
    List<String> verdicts(int i) {
        X509Certificate c = chain.get(i);
        List<String> out = new ArrayList<>();
        try {
            c.checkValidity();
        } catch (CertificateExpiredException e) {
            out.add("EXPIRED on " + c.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            out.add("NOT YET VALID until " + c.getNotBefore().toInstant());
        }
        if (i == 0 && host != null && !ExpectOptions.matchesHost(Report.subjectAltNames(c), host)) {
            out.add("NAME MISMATCH: not valid for " + host);
        }
        X509Certificate anchor = trustedCopy(c);
        if (anchor != null) {
            out.add("trusted root (a trust anchor)");
        } else if (i + 1 < chain.size() && issued(c, chain.get(i + 1))) {
            out.add("issued by the next certificate");
        } else if ((anchor = trustedIssuer(c)) != null) {
            out.add("issued by a trusted root: " + anchor.getSubjectX500Principal().getName());
        } else if (issued(c, c)) {
            out.add("self-signed, NOT TRUSTED");
        } else if (sameNameOtherKey(c) != null) {
            out.add(SAME_NAME);
        } else {
            out.add("issuer NOT SENT and not trusted");
        }
        if (out.size() == 1 && !out.get(0).contains("NOT") && !verified) {
            out.add("(not verified: -d)");
        }
        return out;
    }

    /** A plain-words hint for the first problem in the chain, or null. */
    String hint() {
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            List<String> v = verdicts(i);
            String first = v.get(0);
            if (first.startsWith("EXPIRED")) {
                return "certificate " + i + " (" + c.getSubjectX500Principal().getName() + ") expired on "
                        + c.getNotAfter().toInstant() + ": renew it on the " + (host == null ? "client" : "server");
            }
            if (first.startsWith("NOT YET VALID")) {
                return "certificate " + i + " is valid only from " + c.getNotBefore().toInstant()
                        + ": check the clocks of both machines, or reissue it";
            }
            if (first.startsWith("NAME MISMATCH")) {
                return "the certificate is for " + String.join(", ", Report.subjectAltNames(c)) + ", not " + host
                        + (sniGiven ? ": send one of those names with -S (it is the name verified), or drop -S"
                                : ": connect with one of those names (-h), or send one with -S");
            }
            if (v.contains("self-signed, NOT TRUSTED")) {
                return chain.size() == 1
                        ? "the certificate is self-signed: pass it with -A to trust it, or -d to skip verification"
                        : "the chain ends in a root that is not trusted: pass it with -A if you trust it";
            }
            if (v.contains(SAME_NAME)) {
                return "the CA you trust named " + c.getIssuerX500Principal().getName() + " is not the one that"
                        + " issued certificate " + i + " (same name, different key: another certgen run?): pass"
                        + " the CA that issued it with -A";
            }
            if (v.contains("issuer NOT SENT and not trusted")) {
                String peer = host == null ? "client" : "server";
                return "certificate " + i + " was issued by " + c.getIssuerX500Principal().getName() + ", which was"
                        + " neither sent nor trusted: if it is an intermediate, the " + peer + " did not send it"
                        + " (pass it with -A, or have the " + peer + " send its chain); if it is a root CA, pass it"
                        + " with -A";
            }
        }
        return null;
    }

    /** The first problem in the chain: what ({@code certificate 0 (CN=localhost) expired on ...}) and what to try. */
    record Problem(String what, String action) {}

    /** The first problem the verdicts see, or null (none, or a name mismatch, which the engine words well). */
    Problem problem() {
        String peer = host == null ? "client" : "server";
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            String which = "certificate " + i + " (" + c.getSubjectX500Principal().getName() + ")";
            String issuer = c.getIssuerX500Principal().getName();
            List<String> v = verdicts(i);
            String first = v.get(0);
            if (first.startsWith("EXPIRED")) {
                return new Problem(which + " expired on " + c.getNotAfter().toInstant(), "renew it on the " + peer);
            }
            if (first.startsWith("NOT YET VALID")) {
                return new Problem(which + " is not valid until " + c.getNotBefore().toInstant(),
                        "check the clocks of both machines, or reissue it");
            }
            if (first.startsWith("NAME MISMATCH")) {
                return null;
            }
            if (v.contains("self-signed, NOT TRUSTED")) {
                return chain.size() == 1
                        ? new Problem(which + " is self-signed and not trusted",
                                "pass it with -A to trust it" + (host == null ? "" : ", or -d to skip verification"))
                        : new Problem("the chain ends in " + which + ", a root that is not trusted",
                                "pass it with -A if you trust it");
            }
            if (v.contains(SAME_NAME)) {
                return new Problem(which + " was issued by " + issuer + ": a trusted CA has the same name, but a"
                        + " different key (another certgen run's CA?)",
                        "pass the CA that issued it with -A");
            }
            if (v.contains("issuer NOT SENT and not trusted")) {
                return new Problem(which + " was issued by " + issuer + ", which was neither sent nor trusted",
                        "if it is an intermediate, the " + peer + " did not send it (pass it with -A, or have the "
                                + peer + " send its chain); if it is a root CA, pass it with -A");
            }
        }
        return null;
    }

    /** Where to see the chain, for commands with {@code --show-certs}. */
    public static final String SHOW_CERTS = "--show-certs shows the chain";
    /** Where to see the chain, for commands without {@code --show-certs} (echoclient, chat). */
    public static final String CLIENT_SHOW_CERTS = "tlskit client --show-certs shows the chain";

    /** The words the engine's verification messages start with; what follows is the provider's detail. */
    private static final List<String> PREFIXES = List.of("untrusted certificate chain: ", "certificate has expired: ",
            "certificate is not yet valid: ", "certificate rejected: ", "hostname mismatch: ");

    /**
     * A verification failure of this endpoint's own trust check said with the verdicts: which certificate, what is
     * wrong with it, what to try, and where to see the chain; other failures unchanged.
     *
     * @param host as for the constructor: the host a client connects to, or null on a server
     * @param seeChain how to see the chain ({@code --show-certs shows the chain}), or null when it is being shown
     */
    public static TlsException explained(TlsException e, TlsConfig config, String host, String seeChain) {
        if (e.kind() != TlsException.Kind.VERIFICATION || e.peerChain().isEmpty()) {
            return e;
        }
        ChainReport report = new ChainReport(e.peerChain(), config, host);
        String m = e.getMessage();
        String prefix = PREFIXES.stream().filter(m::contains).findFirst().orElse(null);
        if (prefix == null) {
            return e;
        }
        Problem problem = report.problem();
        String head = m.substring(0, m.indexOf(prefix) + prefix.length());
        String said = problem == null ? m : head + problem.what() + ": " + problem.action();
        return e.withMessage(said + (seeChain == null ? "" : " (" + seeChain + ")"));
    }

    /** Writes {@code 00-leaf.pem}, {@code 01-intermediate.pem}, ..., a self-signed last one as {@code NN-root.pem}. */
    public List<Path> save(Path dir) {
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            String role = i == 0 ? "leaf" : issued(c, c) ? "root" : "intermediate";
            Path p = dir.resolve(String.format(Locale.ROOT, "%02d-%s.pem", i, role));
            try {
                Pem.write(p, Pem.encode(c), false);
            } catch (RuntimeException e) {
                throw new UsageException("--save-chain " + dir + ": " + e.getMessage());
            }
            written.add(p);
        }
        return written;
    }

    private static String daysLeft(X509Certificate c) {
        Instant now = Instant.now();
        Instant end = c.getNotAfter().toInstant();
        return end.isBefore(now) ? "expired " + Duration.between(end, now).toDays() + " days ago"
                : Duration.between(now, end).toDays() + " days left";
    }

    private X509Certificate trustedCopy(X509Certificate c) {
        return anchors().stream().filter(a -> a.equals(c)).findFirst().orElse(null);
    }

    /** A trust anchor named as {@code c}'s issuer whose key did not sign it, or null. */
    private X509Certificate sameNameOtherKey(X509Certificate c) {
        return anchors().stream().filter(a -> a.getSubjectX500Principal().equals(c.getIssuerX500Principal())
                && !issued(c, a)).findFirst().orElse(null);
    }

    private X509Certificate trustedIssuer(X509Certificate c) {
        return anchors().stream().filter(a -> issued(c, a)).findFirst().orElse(null);
    }

    /** Whether {@code issuer} signed {@code c}. */
    static boolean issued(X509Certificate c, X509Certificate issuer) {
        if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * The trust anchors, read on first use: a run without --show-certs, and without a verification failure to
     * explain, never needs them, and the platform's are ~140 certificates (~20 ms of a one-shot client).
     */
    private List<X509Certificate> anchors() {
        if (anchors == null) {
            anchors = anchors(config);
        }
        return anchors;
    }

    private static List<X509Certificate> anchors(TlsConfig config) {
        List<X509Certificate> out = new ArrayList<>(config.trustAnchors());
        if (config.trustMode() == TlsConfig.TrustMode.PLATFORM || config.trustPlatformToo()) {
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((KeyStore) null);
                for (TrustManager tm : tmf.getTrustManagers()) {
                    if (tm instanceof X509TrustManager x) {
                        out.addAll(List.of(x.getAcceptedIssuers()));
                    }
                }
            } catch (Exception e) {
                // the platform store could not be read: verdicts then just name fewer anchors
            }
        }
        return out;
    }
}
