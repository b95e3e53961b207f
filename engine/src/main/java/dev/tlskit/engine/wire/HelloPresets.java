package dev.tlskit.engine.wire;

import java.security.SecureRandom;
import java.util.Arrays;

/** What a current client offers, as the data {@link ClientHelloBuilder#tls13()} and {@code tls12()} start from. */
final class HelloPresets {
    private static final int[] TLS13_SUITES = suites("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");
    // ECDHE-ECDSA/RSA with AES-GCM and ChaCha20-Poly1305, then the renegotiation SCSV.
    static final int[] TLS12_SUITES = suites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    static final int[] SIGNATURE_SCHEMES = schemes(SignatureScheme.ECDSA_SECP256R1_SHA256,
            SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ED25519, SignatureScheme.RSA_PSS_RSAE_SHA256,
            SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512,
            SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384);
    private static final SecureRandom RANDOM = new SecureRandom();

    private HelloPresets() {}

    /** The TLS 1.3 suites, then the TLS 1.2 ones. */
    static int[] tls13AndTls12Suites() {
        int[] out = Arrays.copyOf(TLS13_SUITES, TLS13_SUITES.length + TLS12_SUITES.length);
        System.arraycopy(TLS12_SUITES, 0, out, TLS13_SUITES.length, TLS12_SUITES.length);
        return out;
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static int[] suites(String... names) {
        return Arrays.stream(names).mapToInt(n -> CipherSuite.named(n).code()).toArray();
    }

    private static int[] schemes(SignatureScheme... schemes) {
        return Arrays.stream(schemes).mapToInt(SignatureScheme::code).toArray();
    }
}
