package dev.tlskit.engine.wire;

import java.util.Locale;

/**
 * The IANA TLS SignatureScheme registry (RFC 8446 section 4.2.3, 8998, 9367, draft-ietf-tls-mldsa), plus the
 * TLS 1.2 (hash, signature) pairs of RFC 5246 section 7.4.1.4.1 that no scheme name covers ({@link #legacy()}),
 * so every signature_algorithms entry a peer may send is named.
 */
public enum SignatureScheme implements CodePoint {
    RSA_MD5(0x0101, "rsa_md5", true),
    DSA_MD5(0x0102, "dsa_md5", true),
    ECDSA_MD5(0x0103, "ecdsa_md5", true),
    RSA_PKCS1_SHA1(0x0201, "rsa_pkcs1_sha1", false),
    DSA_SHA1(0x0202, "dsa_sha1", true),
    ECDSA_SHA1(0x0203, "ecdsa_sha1", false),
    RSA_SHA224(0x0301, "rsa_sha224", true),
    DSA_SHA224(0x0302, "dsa_sha224", true),
    ECDSA_SHA224(0x0303, "ecdsa_sha224", true),
    RSA_PKCS1_SHA256(0x0401, "rsa_pkcs1_sha256", false),
    DSA_SHA256(0x0402, "dsa_sha256", true),
    ECDSA_SECP256R1_SHA256(0x0403, "ecdsa_secp256r1_sha256", false),
    RSA_PKCS1_SHA256_LEGACY(0x0420, "rsa_pkcs1_sha256_legacy", false),
    RSA_PKCS1_SHA384(0x0501, "rsa_pkcs1_sha384", false),
    DSA_SHA384(0x0502, "dsa_sha384", true),
    ECDSA_SECP384R1_SHA384(0x0503, "ecdsa_secp384r1_sha384", false),
    RSA_PKCS1_SHA384_LEGACY(0x0520, "rsa_pkcs1_sha384_legacy", false),
    RSA_PKCS1_SHA512(0x0601, "rsa_pkcs1_sha512", false),
    DSA_SHA512(0x0602, "dsa_sha512", true),
    ECDSA_SECP521R1_SHA512(0x0603, "ecdsa_secp521r1_sha512", false),
    RSA_PKCS1_SHA512_LEGACY(0x0620, "rsa_pkcs1_sha512_legacy", false),
    ECCSI_SHA256(0x0704, "eccsi_sha256", false),
    ISO_IBS1(0x0705, "iso_ibs1", false),
    ISO_IBS2(0x0706, "iso_ibs2", false),
    ISO_CHINESE_IBS(0x0707, "iso_chinese_ibs", false),
    SM2SIG_SM3(0x0708, "sm2sig_sm3", false),
    GOSTR34102012_256A(0x0709, "gostr34102012_256a", false),
    GOSTR34102012_256B(0x070A, "gostr34102012_256b", false),
    GOSTR34102012_256C(0x070B, "gostr34102012_256c", false),
    GOSTR34102012_256D(0x070C, "gostr34102012_256d", false),
    GOSTR34102012_512A(0x070D, "gostr34102012_512a", false),
    GOSTR34102012_512B(0x070E, "gostr34102012_512b", false),
    GOSTR34102012_512C(0x070F, "gostr34102012_512c", false),
    RSA_PSS_RSAE_SHA256(0x0804, "rsa_pss_rsae_sha256", false),
    RSA_PSS_RSAE_SHA384(0x0805, "rsa_pss_rsae_sha384", false),
    RSA_PSS_RSAE_SHA512(0x0806, "rsa_pss_rsae_sha512", false),
    ED25519(0x0807, "ed25519", false),
    ED448(0x0808, "ed448", false),
    RSA_PSS_PSS_SHA256(0x0809, "rsa_pss_pss_sha256", false),
    RSA_PSS_PSS_SHA384(0x080A, "rsa_pss_pss_sha384", false),
    RSA_PSS_PSS_SHA512(0x080B, "rsa_pss_pss_sha512", false),
    ECDSA_BRAINPOOLP256R1TLS13_SHA256(0x081A, "ecdsa_brainpoolP256r1tls13_sha256", false),
    ECDSA_BRAINPOOLP384R1TLS13_SHA384(0x081B, "ecdsa_brainpoolP384r1tls13_sha384", false),
    ECDSA_BRAINPOOLP512R1TLS13_SHA512(0x081C, "ecdsa_brainpoolP512r1tls13_sha512", false),
    MLDSA44(0x0904, "mldsa44", false),
    MLDSA65(0x0905, "mldsa65", false),
    MLDSA87(0x0906, "mldsa87", false);

    private final int code;
    private final String ianaName;
    private final boolean legacy;

    SignatureScheme(int code, String ianaName, boolean legacy) {
        this.code = code;
        this.ianaName = ianaName;
        this.legacy = legacy;
    }

    public int code() {
        return code;
    }

    /** The registry name ({@code rsa_pss_rsae_sha256}); for a {@link #legacy()} pair, {@code signature_hash}. */
    public String ianaName() {
        return ianaName;
    }

    /** As tlskit prints it: the registry name. */
    public String displayName() {
        return ianaName;
    }

    /** A TLS 1.2 (hash, signature) pair with no SignatureScheme name of its own (not usable in TLS 1.3). */
    public boolean legacy() {
        return legacy;
    }

    /** SHA-1 or MD5: what RFC 8446 and current browsers refuse in handshake signatures. */
    public boolean weakHash() {
        return (code >> 8) <= 2 && (code & 0xFF) <= 3;
    }

    public static SignatureScheme of(int code) {
        return CodePoint.find(values(), code);
    }

    /** By registry name, case-insensitively ({@code ECDSA_SECP256R1_SHA256} too), or null. */
    public static SignatureScheme named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (SignatureScheme s : values()) {
            if (s.ianaName.toLowerCase(Locale.ROOT).equals(n)) {
                return s;
            }
        }
        return null;
    }

    /** The display name of {@code code}, or {@code 0xNNNN}. */
    public static String nameOf(int code) {
        SignatureScheme s = of(code);
        return s != null ? s.ianaName : String.format("0x%04X", code);
    }
}
