package dev.tlskit.cli.bench;

import dev.tlskit.cli.Json;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.OptionGroup;
import java.io.PrintWriter;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tlskit bench crypto}: the primitives under TLS, per JCA provider (the JDK's, and Bouncy Castle's used by
 * instance), in {@code openssl speed}'s units.
 */
@Command(name = "crypto",
        description = {
            "Measures the crypto under TLS per JCA provider, in openssl speed's units: digests, MACs and AEAD"
                    + " ciphers in thousands of bytes per second at each block size (one operation: a one-shot"
                    + " digest, or an AEAD init with a fresh nonce plus doFinal); signatures in signs/s and"
                    + " verifies/s; key agreement in derives/s; a KEM (ML-KEM-768, the post-quantum half of"
                    + " X25519MLKEM768) in key pairs, encapsulations and decapsulations per second. 'jdk' is the first"
                    + " JDK provider that has the algorithm (ML-KEM: javax.crypto.KEM, Java 24+), 'bc' Bouncy Castle's"
                    + " JCE provider. Algorithms a provider lacks show as n/a.",
            "'boringssl' (only when asked for) is BoringSSL through Netty's tcnative, which exposes only TLS:"
                    + " digests, MACs, signatures, key agreement and ML-KEM are not reachable and show as n/a. Its AEAD"
                    + " ciphers are measured through its own record protection: two SSLEngines in memory (no"
                    + " sockets) complete a TLS 1.2 handshake with the matching suite pinned"
                    + " (ECDHE-ECDSA-AES128-GCM-SHA256, ECDHE-ECDSA-AES256-GCM-SHA384, ECDHE-ECDSA-CHACHA20-POLY1305;"
                    + " BoringSSL's TLS 1.3 suites cannot be chosen); then at each block size the client wraps"
                    + " records of that many plaintext bytes (row boringssl:seal) and the server unwraps them (row"
                    + " boringssl:open), each timed on its own, in thousands of plaintext bytes per second. A block"
                    + " above 16384 bytes goes out as several records. Record framing (5-byte header, 8-byte explicit"
                    + " nonce for AES-GCM, 16-byte tag) and the engine's own work are included, as in TLS.",
            "Algorithms: md2, md4, md5, sha1, sha224, sha256, sha384, sha512, sha3-256, blake2b-512, ripemd160,"
                    + " poly1305, aes-128-gcm, aes-256-gcm, chacha20-poly1305, rsa-2048, ecdsa-p256, ed25519,"
                    + " ecdh-p256, x25519, ml-kem-768.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tlskit bench crypto --algorithms sha256,aes-128-gcm",
            "  tlskit bench crypto -a ecdsa-p256,x25519 --duration 2 --baseline openssl",
            "  tlskit bench crypto --sizes 16,16384 --csv",
            "  tlskit bench crypto -a x25519,ml-kem-768",
            "  tlskit bench crypto --providers boringssl -a aes-128-gcm --baseline openssl",
        })
public final class CryptoBenchCommand implements Callable<Integer> {
    static final List<Integer> SIZES = List.of(16, 64, 256, 1024, 8192, 16384);

    enum Kind { DIGEST, MAC, AEAD, SIGN, DERIVE, KEM }

    /** One algorithm: its CLI name, its JCA name, and how {@code openssl speed} names it (null: not there). */
    record Algorithm(String name, Kind kind, String jca, String openssl) {}

    static final List<Algorithm> ALGORITHMS = List.of(
            new Algorithm("md2", Kind.DIGEST, "MD2", "-evp md2"),
            new Algorithm("md4", Kind.DIGEST, "MD4", "-evp md4"),
            new Algorithm("md5", Kind.DIGEST, "MD5", "-evp md5"),
            new Algorithm("sha1", Kind.DIGEST, "SHA-1", "-evp sha1"),
            new Algorithm("sha224", Kind.DIGEST, "SHA-224", "-evp sha224"),
            new Algorithm("sha256", Kind.DIGEST, "SHA-256", "-evp sha256"),
            new Algorithm("sha384", Kind.DIGEST, "SHA-384", "-evp sha384"),
            new Algorithm("sha512", Kind.DIGEST, "SHA-512", "-evp sha512"),
            new Algorithm("sha3-256", Kind.DIGEST, "SHA3-256", "-evp sha3-256"),
            new Algorithm("blake2b-512", Kind.DIGEST, "BLAKE2B-512", "-evp blake2b512"),
            new Algorithm("ripemd160", Kind.DIGEST, "RIPEMD160", "-evp rmd160"),
            new Algorithm("poly1305", Kind.MAC, "POLY1305", null),
            new Algorithm("aes-128-gcm", Kind.AEAD, "AES/GCM/NoPadding", "-evp aes-128-gcm"),
            new Algorithm("aes-256-gcm", Kind.AEAD, "AES/GCM/NoPadding", "-evp aes-256-gcm"),
            new Algorithm("chacha20-poly1305", Kind.AEAD, "ChaCha20-Poly1305", "-evp chacha20-poly1305"),
            new Algorithm("rsa-2048", Kind.SIGN, "SHA256withRSA", "rsa2048"),
            new Algorithm("ecdsa-p256", Kind.SIGN, "SHA256withECDSA", "ecdsap256"),
            new Algorithm("ed25519", Kind.SIGN, "Ed25519", "ed25519"),
            new Algorithm("ecdh-p256", Kind.DERIVE, "ECDH", "ecdhp256"),
            new Algorithm("x25519", Kind.DERIVE, "X25519", "ecdhx25519"),
            new Algorithm("ml-kem-768", Kind.KEM, "ML-KEM-768", null));

    @Spec
    CommandSpec spec;

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = {"-a", "--algorithms"}, paramLabel = "LIST", split = ",",
            description = "`,`-separated algorithms to run (default: all)")
    List<String> algorithms = new ArrayList<>();

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "time per measurement: per block size, per sign/verify/derive (default: 0.5)")
    double duration = 0.5;

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = "--sizes", paramLabel = "LIST", split = ",",
            description = "block sizes in bytes (default: 16,64,256,1024,8192,16384, as openssl speed)")
    List<Integer> sizes = new ArrayList<>();

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = "--providers", paramLabel = "LIST", split = ",",
            description = "`,`-separated: jdk, bc, boringssl (default: jdk,bc)")
    List<String> providers = new ArrayList<>();

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = "--baseline", paramLabel = "openssl", description = "also run openssl speed -evp (seconds rounded"
            + " up to whole ones) and print tlskit/OpenSSL ratios")
    String baseline;

    @Mixin
    BenchFormat format;

    /**
     * One algorithm on one provider: kB/s by block size (symmetric), or ops/s (asymmetric); {@code provider} the
     * JCA provider's name (for boringssl: the record operation, seal or open), null when that family lacks it.
     */
    record Row(Algorithm algorithm, String family, String provider, Map<Integer, Double> kBytesPerSecond,
            double signPerSecond, double verifyPerSecond, double derivePerSecond, double keygenPerSecond,
            double encapsPerSecond, double decapsPerSecond) {
        Row(Algorithm algorithm, String family, String provider, Map<Integer, Double> kBytesPerSecond,
                double signPerSecond, double verifyPerSecond, double derivePerSecond) {
            this(algorithm, family, provider, kBytesPerSecond, signPerSecond, verifyPerSecond, derivePerSecond,
                    Double.NaN, Double.NaN, Double.NaN);
        }

        boolean available() {
            return provider != null;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        format.validate();
        if (!(duration > 0) || duration > 60) {
            throw new UsageException("--duration " + duration + ": must be above 0 and at most 60 seconds");
        }
        List<Algorithm> chosen = chosenAlgorithms();
        List<Integer> blockSizes = sizes.isEmpty() ? SIZES : sizes;
        for (int s : blockSizes) {
            if (s < 1 || s > 16 << 20) {
                throw new UsageException("--sizes " + s + ": must be between 1 and 16777216");
            }
        }
        Set<String> families = families();
        OpenSsl openssl = baseline == null ? null : OpenSsl.require(baseline);
        Provider bc = new BouncyCastleProvider();
        BoringAead boring = families.contains("boringssl") ? new BoringAead(duration) : null;
        List<Row> rows = new ArrayList<>();
        int steps = chosen.size() * families.size() + (openssl == null ? 0 : chosen.size());
        double perAlgorithm = duration * (blockSizes.size() + 1);
        String opensslVersion = null;
        try (OpenSsl cleanup = openssl;
                Bench.Progress progress = Bench.Progress.start(err, format.json(), steps * perAlgorithm)) {
            int step = 0;
            for (Algorithm a : chosen) {
                for (String family : List.of("jdk", "bc", "boringssl")) {
                    if (!families.contains(family)) {
                        continue;
                    }
                    progress.update(a.name + " (" + family + ")", step++ / (double) steps);
                    if (family.equals("boringssl")) {
                        rows.addAll(boring.measure(a, blockSizes));
                        continue;
                    }
                    Provider p = family.equals("bc") ? (has(bc, a) ? bc : null) : jdkProvider(a);
                    rows.add(p == null ? new Row(a, family, null, Map.of(), Double.NaN, Double.NaN, Double.NaN)
                            : new JcaRates(duration).measure(a, family, p, blockSizes));
                }
                if (openssl != null) {
                    progress.update(a.name + " (openssl)", step++ / (double) steps);
                    rows.add(OpenSslSpeed.measure(openssl, a, blockSizes, duration));
                }
            }
            if (openssl != null) {
                opensslVersion = openssl.version();
            }
        }
        report(out, chosen, blockSizes, rows, opensslVersion);
        return 0;
    }

    /** --algorithms, checked; all of them without it. */
    private List<Algorithm> chosenAlgorithms() {
        List<Algorithm> chosen = new ArrayList<>();
        for (String a : Bench.lowerSet(algorithms)) {
            Algorithm found = ALGORITHMS.stream().filter(x -> x.name.equals(a)).findFirst().orElseThrow(() ->
                    new UsageException("--algorithms: unknown algorithm '" + a + "' (known: "
                            + String.join(", ", ALGORITHMS.stream().map(Algorithm::name).toList()) + ")"));
            chosen.add(found);
        }
        if (chosen.isEmpty()) {
            chosen.addAll(ALGORITHMS);
        }
        return chosen;
    }

    /** --providers, checked: jdk, bc, boringssl; jdk and bc by default. */
    private Set<String> families() {
        Set<String> families = providers.isEmpty() ? Set.of("jdk", "bc") : Bench.lowerSet(providers);
        for (String f : families) {
            if (!f.equals("jdk") && !f.equals("bc") && !f.equals("boringssl")) {
                throw new UsageException("--providers " + f + ": use jdk, bc or boringssl");
            }
        }
        return families;
    }

    /** The first JDK provider (never Bouncy Castle, even if installed) that has {@code a}. */
    private static Provider jdkProvider(Algorithm a) {
        for (Provider p : Security.getProviders()) {
            if (p.getName().startsWith("BC")) {
                continue;
            }
            if (has(p, a)) {
                return p;
            }
        }
        return null;
    }

    private static boolean has(Provider p, Algorithm a) {
        try {
            switch (a.kind) {
                case DIGEST -> MessageDigest.getInstance(a.jca, p);
                case MAC -> Mac.getInstance(a.jca, p);
                case AEAD -> Cipher.getInstance(a.jca, p);
                case SIGN -> Signature.getInstance(a.jca, p);
                case DERIVE -> KeyAgreement.getInstance(a.jca, p);
                case KEM -> Kems.of(p);
                default -> throw new IllegalStateException("unknown kind " + a.kind);
            }
            if (a.kind == Kind.SIGN || a.kind == Kind.DERIVE || a.kind == Kind.KEM) {
                JcaRates.keyPair(a, p);
            }
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** This row over OpenSSL's: at the largest block size, or signs/s (derives/s). */
    private static Double ratio(Row r, List<Row> rows, List<Integer> blockSizes) {
        Row o = rows.stream().filter(x -> x.algorithm == r.algorithm && x.family.equals("openssl")).findFirst()
                .orElse(null);
        if (o == null || !o.available() || !r.available()) {
            return null;
        }
        double mine;
        double theirs;
        switch (r.algorithm.kind) {
            case SIGN -> {
                mine = r.signPerSecond;
                theirs = o.signPerSecond;
            }
            case DERIVE -> {
                mine = r.derivePerSecond;
                theirs = o.derivePerSecond;
            }
            default -> {
                int largest = blockSizes.get(blockSizes.size() - 1);
                mine = r.kBytesPerSecond.getOrDefault(largest, Double.NaN);
                theirs = o.kBytesPerSecond.getOrDefault(largest, Double.NaN);
            }
        }
        return Double.isFinite(mine) && Double.isFinite(theirs) && theirs > 0 ? mine / theirs : null;
    }

    private void report(PrintWriter out, List<Algorithm> chosen, List<Integer> blockSizes, List<Row> rows,
            String opensslVersion) {
        if (format.json()) {
            Map<String, Object> doc = Bench.document("crypto");
            doc.put("durationSeconds", duration);
            doc.put("sizes", blockSizes);
            doc.put("openssl", opensslVersion);
            List<Object> list = new ArrayList<>();
            for (Row r : rows) {
                Map<String, Object> m = Json.object();
                m.put("algorithm", r.algorithm.name);
                m.put("kind", r.algorithm.kind.name().toLowerCase(Locale.ROOT));
                m.put("provider", r.family);
                boolean jca = r.family.equals("jdk") || r.family.equals("bc");
                m.put("jcaProvider", jca ? r.provider : null);
                if (r.family.equals("boringssl") && r.available()) {
                    m.put("operation", r.provider);
                }
                m.put("available", r.available());
                if (r.available() && !r.kBytesPerSecond.isEmpty()) {
                    Map<String, Object> k = Json.object();
                    r.kBytesPerSecond.forEach((s, v) -> k.put(String.valueOf(s), v));
                    m.put("kBytesPerSecond", k);
                }
                if (r.available() && r.algorithm.kind == Kind.SIGN) {
                    m.put("signPerSecond", r.signPerSecond);
                    m.put("verifyPerSecond", r.verifyPerSecond);
                }
                if (r.available() && r.algorithm.kind == Kind.DERIVE) {
                    m.put("derivePerSecond", r.derivePerSecond);
                }
                if (r.available() && r.algorithm.kind == Kind.KEM) {
                    m.put("keygenPerSecond", r.keygenPerSecond);
                    m.put("encapsPerSecond", r.encapsPerSecond);
                    m.put("decapsPerSecond", r.decapsPerSecond);
                }
                if (opensslVersion != null && !r.family.equals("openssl")) {
                    m.put("ratioToOpenssl", ratio(r, rows, blockSizes));
                }
                list.add(m);
            }
            doc.put("results", list);
            out.println(Json.write(doc));
            out.flush();
            return;
        }
        List<String> header = new ArrayList<>(List.of("algorithm", "provider"));
        blockSizes.forEach(s -> header.add(s + " bytes"));
        header.addAll(List.of("sign/s", "verify/s", "derive/s"));
        boolean kems = chosen.stream().anyMatch(a -> a.kind == Kind.KEM);
        if (kems) {
            header.addAll(List.of("keygen/s", "encaps/s", "decaps/s"));
        }
        if (opensslVersion != null) {
            header.add("vs openssl");
        }
        List<List<String>> table = new ArrayList<>();
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(r.algorithm.name);
            cells.add(r.family.equals("openssl") || !r.available() ? r.family : r.family + ":" + r.provider);
            boolean symmetric = r.algorithm.kind != Kind.SIGN && r.algorithm.kind != Kind.DERIVE
                    && r.algorithm.kind != Kind.KEM;
            for (int s : blockSizes) {
                cells.add(!r.available() ? "n/a" : symmetric ? Bench.fmt(r.kBytesPerSecond.getOrDefault(s,
                        Double.NaN), 2) + (format.csv() ? "" : "k") : "");
            }
            boolean isKem = r.algorithm.kind == Kind.KEM;
            cells.add(r.available() && r.algorithm.kind == Kind.SIGN ? Bench.fmt(r.signPerSecond, 1)
                    : r.available() || symmetric || isKem ? "" : "n/a");
            cells.add(r.available() && r.algorithm.kind == Kind.SIGN ? Bench.fmt(r.verifyPerSecond, 1) : "");
            cells.add(r.available() && r.algorithm.kind == Kind.DERIVE ? Bench.fmt(r.derivePerSecond, 1) : "");
            if (kems) {
                boolean kem = r.available() && isKem;
                cells.add(kem ? Bench.fmt(r.keygenPerSecond, 1) : isKem ? "n/a" : "");
                cells.add(kem ? Bench.fmt(r.encapsPerSecond, 1) : "");
                cells.add(kem ? Bench.fmt(r.decapsPerSecond, 1) : "");
            }
            if (opensslVersion != null) {
                Double q = r.family.equals("openssl") ? null : ratio(r, rows, blockSizes);
                cells.add(q == null ? "" : Bench.fmt(q, 2));
            }
            table.add(cells);
        }
        if (format.csv()) {
            Bench.csv(out, header, table);
            out.flush();
            return;
        }
        out.printf("tlskit bench crypto: %s s per measurement; symmetric in thousands of bytes per second"
                + " (openssl speed's units), asymmetric in operations per second%n", Bench.fmt(duration, 2));
        out.printf("machine: %s%s%n", Bench.machineLine(), opensslVersion == null ? "" : "; " + opensslVersion);
        out.println();
        Bench.table(out, header, table);
        if (opensslVersion != null) {
            out.println();
            out.println("vs openssl: tlskit/OpenSSL at the largest block size, or signs/s, or derives/s;"
                    + " openssl speed ran with -seconds " + Math.max(1, (int) Math.ceil(duration))
                    + " (-evp for digests and ciphers). Its AEAD loop does not re-key per block; ours re-inits"
                    + " with a fresh nonce per block, as TLS does, which costs most at small blocks;"
                    + " boringssl's seal and open rows are TLS records, both over openssl speed's encryption.");
        }
        out.flush();
    }
}
