package dev.tlskit.engine.scan;

import dev.tlskit.engine.scan.ScanReport.CertificateKey;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.SignatureScheme;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * The certificates a server has for the SNI name sent, told apart by what the client can verify: on TLS 1.2 by
 * suite authentication (ECDSA or RSA suites only, the plaintext Certificate message read), on TLS 1.3 by
 * signature_algorithms (one key family's schemes only, the encrypted Certificate read by {@link Tls13Peek}).
 */
final class KeyProbes {
    /** Signature scheme families a TLS 1.3 certificate is chosen by. */
    private static final Map<String, List<SignatureScheme>> FAMILIES = new LinkedHashMap<>();

    static {
        FAMILIES.put("RSA", List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
                SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PSS_PSS_SHA256,
                SignatureScheme.RSA_PSS_PSS_SHA384, SignatureScheme.RSA_PSS_PSS_SHA512));
        FAMILIES.put("ECDSA", List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
                SignatureScheme.ECDSA_SECP521R1_SHA512));
        FAMILIES.put("EdDSA", List.of(SignatureScheme.ED25519, SignatureScheme.ED448));
    }

    private final Map<String, Future<List<X509Certificate>>> jobs = new LinkedHashMap<>();

    private KeyProbes() {}

    static KeyProbes start(ExecutorService pool, Probes probes, FeatureProbes features, boolean tls12,
            boolean tls13) {
        KeyProbes k = new KeyProbes();
        if (tls12) {
            List<CipherSuite> all = Hellos.suitesFor(ProtocolVersion.TLS12);
            k.legacy(pool, probes, "TLS 1.2 ECDSA suites", all.stream()
                    .filter(s -> s.authentication() == CipherSuite.Authentication.ECDSA).toList());
            k.legacy(pool, probes, "TLS 1.2 RSA suites", all.stream()
                    .filter(s -> s.authentication() == CipherSuite.Authentication.RSA).toList());
        }
        if (tls13) {
            FAMILIES.forEach((family, schemes) -> {
                int[] codes = schemes.stream().mapToInt(SignatureScheme::code).toArray();
                String purpose = "TLS 1.3 " + family + " signature schemes";
                k.jobs.put(purpose, pool.submit(() -> {
                    Tls13Peek.Result r = features.peek13("certificate for " + purpose,
                            b -> b.signatureAlgorithms(codes), false);
                    return r.flight() != null ? r.flight().chain() : List.of();
                }));
            });
        }
        return k;
    }

    private void legacy(ExecutorService pool, Probes probes, String purpose, List<CipherSuite> suites) {
        jobs.put(purpose, pool.submit(() -> probes.offer("certificate for " + purpose, ProtocolVersion.TLS12,
                suites, UnaryOperator.identity(), true).chain()));
    }

    /** Each distinct leaf once, with every offer that brought it. */
    List<CertificateKey> collect() {
        Map<String, X509Certificate> leaves = new LinkedHashMap<>();
        Map<String, List<String>> by = new LinkedHashMap<>();
        jobs.forEach((purpose, job) -> {
            List<X509Certificate> chain = Scanner.get(job);
            if (chain.isEmpty()) {
                return;
            }
            String id = fingerprint(chain.get(0));
            leaves.putIfAbsent(id, chain.get(0));
            by.computeIfAbsent(id, x -> new ArrayList<>()).add(purpose);
        });
        List<CertificateKey> out = new ArrayList<>();
        leaves.forEach((id, leaf) -> out.add(new CertificateKey(leaf.getPublicKey().getAlgorithm(), bits(leaf),
                leaf.getSigAlgName(), leaf.getSubjectX500Principal().getName(), id, by.get(id))));
        return out;
    }

    /** The key size in bits: RSA modulus, EC field; -1 when unknown (EdDSA keys have a fixed size). */
    static int bits(X509Certificate leaf) {
        if (leaf.getPublicKey() instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (leaf.getPublicKey() instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return -1;
    }

    private static String fingerprint(X509Certificate c) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            return java.util.HexFormat.of().formatHex(Arrays.copyOf(d, 32));
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            return String.valueOf(c.getSerialNumber());
        }
    }
}
