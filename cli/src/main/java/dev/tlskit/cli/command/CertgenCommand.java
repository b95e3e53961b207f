package dev.tlskit.cli.command;

import dev.tlskit.certs.Certgen;
import dev.tlskit.certs.HeldCertificate;
import dev.tlskit.certs.Identity;
import dev.tlskit.certs.KeyType;
import dev.tlskit.certs.SubjectAltName;
import dev.tlskit.certs.Validity;
import dev.tlskit.cli.Errors;
import dev.tlskit.cli.Json;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.JsonOption;
import dev.tlskit.cli.option.KeyTypeNames;
import dev.tlskit.cli.option.OptionGroup;
import dev.tlskit.cli.option.PasswordSource;
import dev.tlskit.cli.option.VerboseOption;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Makes a CA, server and client certificates, key stores, or the negative-test fixtures.
 *
 * <p>This class holds the options, rejects conflicting ones before any work and says what to make;
 * {@link CertgenFiles} writes, {@link CertgenSummary} says what was made, {@link CertgenFixtures} does
 * {@code --fixtures}.
 */
@Command(name = "certgen",
        header = "Make a CA, server and client certificates, key stores, or test fixtures.",
        description = {
            "Makes certificates in one command: with no arguments a new CA, a server certificate for localhost,"
                    + " 127.0.0.1 and ::1 and a client certificate, as PEM in ./tlskit-certs/, and says what it made."
                    + " Names given (as mkcert takes them, or with --san) make a server certificate for those names."
                    + " Never overwrites without --force; writes all files or none; private keys are mode 0600.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # a CA, a localhost server and a client certificate in ./tlskit-certs/",
            "  tlskit certgen",
            "  # a server certificate for these names, in ./certs/",
            "  tlskit certgen example.test '*.example.test' 10.0.0.1 --out certs",
            "  # a client certificate with an Ed25519 key",
            "  tlskit certgen --client alice@example.test --key-type ed25519",
            "  # CA -> intermediate -> leaves, with PKCS#12 files and a trust store for Java",
            "  tlskit certgen --intermediate --p12 --truststore --password pass:secret",
            "  # sign with an existing CA",
            "  tlskit certgen --ca-cert ca.pem --ca-key ca.key --server api.test --out api",
            "  # an expired self-signed certificate, for negative tests",
            "  tlskit certgen --self-signed --san dns:localhost --not-after 2020-01-01",
            "  # valid, expired, wrong-host, ... certificates for testing TLS clients",
            "  tlskit certgen --fixtures fixtures/",
            "  # the TEST-ONLY demo certificates (used without -c/-k), for openssl, curl, ...",
            "  tlskit certgen --demo demo/",
            "  # use them",
            "  cd tlskit-certs && tlskit server -c server.pem -k server.key -A ca.pem",
        })
public final class CertgenCommand implements Callable<Integer> {
    static final String DEFAULT_OUT = "tlskit-certs";

    @Spec
    CommandSpec spec;

    @OptionGroup.In(OptionGroup.MAKE)
    @Parameters(paramLabel = "NAME", arity = "0..*",
            description = "server names as mkcert takes them: DNS names, wildcards, IP literals, emails, URIs")
    List<String> names = new ArrayList<>();

    @OptionGroup.In(OptionGroup.MAKE)
    @Option(names = "--server", paramLabel = "NAME", arity = "1..*", split = ",",
            description = "make a server certificate for these names (default without --client: localhost,"
                    + " 127.0.0.1, ::1)")
    List<String> serverNames = new ArrayList<>();

    @OptionGroup.In(OptionGroup.MAKE)
    @Option(names = "--client", paramLabel = "NAME",
            description = "make a client certificate with this CN (an email or URI also becomes a SAN)")
    String client;

    @OptionGroup.In(OptionGroup.MAKE)
    @Option(names = "--san", paramLabel = "TYPE:VALUE", split = ",",
            description = "subject alternative names (dns:, ip:, email:, uri:), comma-separated, repeatable; on the"
                    + " server certificate (on the client one when only --client is given)")
    List<String> sans = new ArrayList<>();

    @OptionGroup.In(OptionGroup.MAKE)
    @Option(names = "--ca", description = "make a CA only")
    boolean caOnly;

    @OptionGroup.In(OptionGroup.MAKE)
    @Option(names = "--intermediate", description = "put an intermediate CA between the CA and the leaves;"
            + " writes chain.pem, and server.pem holds leaf + intermediate")
    boolean intermediate;

    @OptionGroup.In(OptionGroup.SIGNING)
    @Option(names = "--ca-cert", paramLabel = "FILE", description = "sign with this existing CA (needs --ca-key)")
    Path caCert;

    @OptionGroup.In(OptionGroup.SIGNING)
    @Option(names = "--ca-key", paramLabel = "FILE", description = "the existing CA's private key (PEM)")
    Path caKey;

    @OptionGroup.In(OptionGroup.MAKE)
    @Option(names = "--ca-name", paramLabel = "CN", description = "the new CA's common name (default: tlskit CA"
            + " user@host and a random id, different every run)")
    String caName;

    @OptionGroup.In(OptionGroup.MAKE)
    @Option(names = "--self-signed", description = "self-signed leaves, no CA")
    boolean selfSigned;

    @OptionGroup.In(OptionGroup.VALIDITY)
    @Option(names = "--key-type", paramLabel = "TYPE", completionCandidates = KeyTypeNames.class,
            converter = KeyTypeNames.class,
            description = "key type of every key made: ${COMPLETION-CANDIDATES} (default: ec-p256)")
    KeyType keyType = KeyType.EC_P256;

    @OptionGroup.In(OptionGroup.VALIDITY)
    @Option(names = "--days", paramLabel = "N", description = "validity of the leaves in days from now (default: "
            + Certgen.LEAF_DAYS + "; CAs: " + Certgen.CA_DAYS + ")")
    Integer days;

    @OptionGroup.In(OptionGroup.VALIDITY)
    @Option(names = "--not-before", paramLabel = "DATE",
            description = "start of the leaves' validity, ISO date or time (UTC), e.g. 2030-01-01 (not yet valid)")
    String notBefore;

    @OptionGroup.In(OptionGroup.VALIDITY)
    @Option(names = "--not-after", paramLabel = "DATE",
            description = "end of the leaves' validity, ISO date or time (UTC), e.g. 2020-01-01 (expired)")
    String notAfter;

    @OptionGroup.In(OptionGroup.FILES)
    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "output directory (default: ./"
            + DEFAULT_OUT + ")")
    Path out;

    @OptionGroup.In(OptionGroup.FILES)
    @Option(names = "--force", description = "replace existing files")
    boolean force;

    @OptionGroup.In(OptionGroup.FILES)
    @Option(names = "--p12", description = "also write each leaf as PKCS#12 (server.p12, client.p12), chain and CA"
            + " included")
    boolean p12;

    @OptionGroup.In(OptionGroup.FILES)
    @Option(names = "--jks", description = "also write each leaf as a JKS key store (server.jks, client.jks); the"
            + " --truststore is JKS then")
    boolean jks;

    @OptionGroup.In(OptionGroup.FILES)
    @Option(names = "--truststore", description = "also write truststore.p12 (truststore.jks with --jks): the CA"
            + " as a trusted entry, for Java")
    boolean truststore;

    @OptionGroup.In(OptionGroup.FILES)
    @Option(names = "--password", paramLabel = "SOURCE", description = "password of the key stores: "
            + PasswordSource.FORMS + " (default: " + Certgen.DEFAULT_STORE_PASSWORD + ")")
    String password;

    @OptionGroup.In(OptionGroup.FILES)
    @Option(names = "--no-password", description = "key stores with an empty password")
    boolean noPassword;

    @OptionGroup.In(OptionGroup.MAKE)
    @Option(names = "--fixtures", paramLabel = "DIR", description = "write the client test fixtures instead: valid,"
            + " expired, not-yet-valid, wrong-host, self-signed, untrusted-root, missing-intermediate")
    Path fixtures;

    @OptionGroup.In(OptionGroup.MAKE)
    @Option(names = "--demo", paramLabel = "DIR", description = "write out the TEST-ONLY demo certificates the"
            + " commands use without -c/-k (ca.pem, server.pem/.key, client.pem/.key and -rsa variants), for other"
            + " tools; their private keys are public")
    Path demo;

    @Mixin
    JsonOption jsonOption;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = jsonOption.json();
        CertgenConflicts.check(this);
        Validity validity = CertgenValidity.of(days, notBefore, notAfter);
        CertgenKeyStores stores = CertgenKeyStores.read(p12, jks, truststore, password, noPassword);
        if (fixtures != null) {
            new CertgenFixtures(fixtures, keyType, force).write(stdout, json);
            return 0;
        }
        if (demo != null) {
            CertgenDemo.write(demo, force, stdout, json);
            return 0;
        }
        Certgen.Builder b = profile(validity, stores);
        Path dir = out != null ? out : Path.of(DEFAULT_OUT);
        CertgenFiles files = new CertgenFiles(dir, force);
        files.preflight();
        Certgen.Result made;
        try {
            made = b.build();
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
        files.write(made.files());
        for (String w : made.warnings()) {
            Errors.warn(err, w);
        }
        CertgenSummary summary = new CertgenSummary(made, dir, stores, caCert);
        if (json) {
            stdout.println(Json.write(summary.json()));
        } else {
            summary.print(stdout);
        }
        stdout.flush();
        err.flush();
        return 0;
    }

    /** What to make, from the options: names, client, CA or not, validity, key stores, the CA that signs. */
    private Certgen.Builder profile(Validity validity, CertgenKeyStores stores) {
        List<SubjectAltName> serverSans = new ArrayList<>();
        for (String name : names) {
            serverSans.add(san(name, null));
        }
        for (String name : serverNames) {
            serverSans.add(san(name, "--server"));
        }
        List<SubjectAltName> extra = new ArrayList<>();
        for (String s : sans) {
            try {
                extra.add(SubjectAltName.parse(s));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--san " + e.getMessage());
            }
        }
        boolean sansOnClient = serverSans.isEmpty() && client != null;
        if (!sansOnClient) {
            serverSans.addAll(extra);
        }
        if (caOnly && !extra.isEmpty()) {
            throw new UsageException("--ca and --san conflict: a CA has no subject alternative names");
        }

        Certgen.Builder b = Certgen.builder().keyType(keyType);
        if (validity != null) {
            b.leafValidity(validity);
        }
        if (!serverSans.isEmpty()) {
            b.serverNames(serverSans);
        }
        if (client != null) {
            try {
                b.client(client, sansOnClient ? extra : List.of());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--client '" + client + "': " + e.getMessage());
            }
        }
        if (caOnly) {
            b.caOnly();
        }
        if (intermediate) {
            b.intermediate();
        }
        if (selfSigned) {
            b.selfSigned();
        }
        if (caName != null) {
            try {
                b.caName(caName);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--ca-name '" + caName + "': " + e.getMessage());
            }
        }
        stores.applyTo(b);
        if (caCert != null) {
            b.signWith(existingCa());
        }
        return b;
    }

    // ---- values the options name

    private static SubjectAltName san(String name, String flag) {
        try {
            return SubjectAltName.guess(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException((flag == null ? "name " : flag + " ") + e.getMessage());
        }
    }

    private HeldCertificate existingCa() {
        Identity identity;
        try {
            identity = Identity.load(caCert, caKey, null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), null, e);
        }
        X509Certificate certificate = identity.leaf();
        HeldCertificate ca = new HeldCertificate(new KeyPair(certificate.getPublicKey(), identity.privateKey()),
                certificate);
        if (certificate.getBasicConstraints() < 0) {
            throw new UsageException("--ca-cert " + caCert + ": not a CA certificate (" + certificate
                    .getSubjectX500Principal().getName() + " has no basicConstraints CA:true)");
        }
        if (intermediate && certificate.getBasicConstraints() == 0) {
            throw new UsageException("--ca-cert " + caCert + ": path length 0, so it cannot sign the --intermediate"
                    + " CA");
        }
        return ca;
    }
}
