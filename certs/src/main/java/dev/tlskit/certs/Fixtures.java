package dev.tlskit.certs;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The negative-test set of {@code tlskit certgen --fixtures}: one server certificate per way a client must reject
 * it, and one valid one, all for {@code localhost}, {@code 127.0.0.1} and {@code ::1} (except wrong-host), under
 * one trusted root written as {@code ca.pem}. Each case is a folder with {@code server.pem} (the chain the server
 * sends), {@code server.key} and a one-line {@code README.txt}.
 */
public final class Fixtures {
    /** The hostname every fixture but wrong-host is issued for. */
    public static final String HOST = "localhost";
    /** The only name of the wrong-host fixture. */
    public static final String WRONG_HOST = "wrong-host.invalid";

    /** The cases, by folder name; {@link #reason()} is what a client's error should name (null: accepted). */
    public enum Case {
        VALID(null, "valid for localhost, 127.0.0.1 and ::1, issued by ../ca.pem: a client trusting ../ca.pem"
                + " must accept it"),
        EXPIRED("expired", "expired yesterday (otherwise valid, issued by ../ca.pem): a client must reject it as"
                + " expired"),
        NOT_YET_VALID("not yet valid", "valid only from tomorrow (otherwise valid, issued by ../ca.pem): a client"
                + " must reject it as not yet valid"),
        WRONG_HOST("hostname mismatch", "issued by ../ca.pem for wrong-host.invalid only: a client connecting to"
                + " localhost must reject it as a hostname mismatch"),
        SELF_SIGNED("untrusted", "self-signed for localhost (no CA): a client trusting ../ca.pem must reject it"
                + " as untrusted"),
        UNTRUSTED_ROOT("untrusted", "issued for localhost by a different root (untrusted-ca.pem here, not"
                + " ../ca.pem): a client trusting ../ca.pem must reject it as untrusted"),
        MISSING_INTERMEDIATE("untrusted", "issued for localhost by an intermediate of ../ca.pem that the server"
                + " does not send: a client must reject the chain as untrusted (it cannot build a path)");

        private final String reason;
        private final String readme;

        Case(String reason, String readme) {
            this.reason = reason;
            this.readme = readme;
        }

        /** The folder name, e.g. {@code not-yet-valid}. */
        public String folder() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** What a rejecting client should name: expired, not yet valid, hostname mismatch, untrusted; or null. */
        public String reason() {
            return reason;
        }

        /** The one line of the case's README.txt. */
        public String description() {
            return folder() + ": " + readme + ".";
        }
    }

    /** One case: the leaf and the chain its server sends (leaf first). */
    public record Fixture(Case kind, HeldCertificate leaf, List<X509Certificate> servedChain) {
    }

    /** The set: the trusted root, the cases in {@link Case} order, and the files to write. */
    public record Result(HeldCertificate ca, List<Fixture> fixtures, FileSet files) {
        public Fixture fixture(Case kind) {
            return fixtures.stream().filter(f -> f.kind() == kind).findFirst().orElseThrow();
        }
    }

    private Fixtures() {
    }

    /** Makes every case with keys of {@code keyType}. */
    public static Result generate(KeyType keyType) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Validity current = Validity.days(Certgen.LEAF_DAYS);
        Validity caValidity = Validity.days(Certgen.CA_DAYS).span(new Validity(now.minus(Duration.ofDays(30)),
                now));
        HeldCertificate ca = Certgen.ca("tlskit fixtures CA (TEST ONLY)", "tlskit", keyType, caValidity, 1);
        HeldCertificate otherRoot = Certgen.ca("tlskit fixtures untrusted root (TEST ONLY)", "tlskit", keyType,
                caValidity, 1);
        HeldCertificate intermediate = Certgen.intermediate(ca, "tlskit fixtures intermediate (TEST ONLY)",
                "tlskit", keyType, caValidity);

        FileSet files = new FileSet();
        files.add("ca.pem", ca.certificatePem(), false);
        List<Fixture> fixtures = new ArrayList<>();
        StringBuilder readme = new StringBuilder("TEST ONLY: TLS client test fixtures made by `tlskit certgen"
                + " --fixtures`. Trust ca.pem; serve each folder's server.pem + server.key; connect to localhost.\n\n");
        for (Case kind : Case.values()) {
            HeldCertificate leaf = switch (kind) {
                case VALID -> Certgen.server(ca, Certgen.LOCALHOST, keyType, current);
                case EXPIRED -> Certgen.server(ca, Certgen.LOCALHOST, keyType,
                        new Validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
                case NOT_YET_VALID -> Certgen.server(ca, Certgen.LOCALHOST, keyType,
                        new Validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))));
                case WRONG_HOST -> Certgen.server(ca,
                        List.of(new SubjectAltName(SubjectAltName.Kind.DNS, WRONG_HOST)), keyType, current);
                case SELF_SIGNED -> Certgen.server(null, Certgen.LOCALHOST, keyType, current);
                case UNTRUSTED_ROOT -> Certgen.server(otherRoot, Certgen.LOCALHOST, keyType, current);
                case MISSING_INTERMEDIATE -> Certgen.server(intermediate, Certgen.LOCALHOST, keyType, current);
            };
            List<X509Certificate> served = List.of(leaf.certificate());
            String dir = kind.folder() + "/";
            files.add(dir + "server.pem", Pem.encode(served.toArray(new X509Certificate[0])), false);
            files.add(dir + "server.key", leaf.privateKeyPkcs8Pem(), true);
            files.add(dir + "README.txt", kind.description() + "\n", false);
            if (kind == Case.UNTRUSTED_ROOT) {
                files.add(dir + "untrusted-ca.pem", otherRoot.certificatePem(), false);
            }
            if (kind == Case.MISSING_INTERMEDIATE) {
                files.add(dir + "intermediate.pem", intermediate.certificatePem(), false);
            }
            fixtures.add(new Fixture(kind, leaf, served));
            readme.append(kind.description()).append('\n');
        }
        files.add("README.txt", readme.toString(), false);
        return new Result(ca, List.copyOf(fixtures), files);
    }
}
