package dev.tlskit.certs.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Map;
import java.util.Optional;

/**
 * Unencrypted PKCS#8 (RFC 5208 PrivateKeyInfo, RFC 5958 OneAsymmetricKey) decoded with the JDK alone: a minimal DER
 * walk finds the key's algorithm OID and the JDK's own KeyFactory makes the key from the bytes as they are. Reading
 * the demo identity's key through {@link KeyCodec} loaded 117 Bouncy Castle classes (and java.util.logging) on
 * every client and server start.
 *
 * <p>It takes only input that Bouncy Castle reads the same way and re-encodes to the very same bytes before it hands
 * them to the same KeyFactory ({@link KeyCodec#toJdkKey}; Java 25's keep those bytes as their encoding): strict DER
 * (definite, minimal lengths, minimal INTEGERs, no constructed strings), version 0 or 1, a public key only in
 * version 1, no attributes (Bouncy Castle re-encodes their SET in DER order), an OID of {@link #JDK_KEY_ALGORITHMS}.
 * For anything else, and whenever the KeyFactory fails, it answers empty and the caller goes to {@link KeyCodec},
 * whose messages say what is wrong.
 */
public final class Pkcs8 {
    /** The JDK KeyFactory algorithm of each key OID the JDK reads from PKCS#8; {@link KeyCodec} uses it too. */
    private static final Map<String, String> JDK_KEY_ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.1", "RSA", // rsaEncryption
            "1.2.840.113549.1.1.10", "RSASSA-PSS", // id-RSASSA-PSS
            "1.2.840.10045.2.1", "EC", // id-ecPublicKey
            "1.3.101.110", "X25519",
            "1.3.101.111", "X448",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448",
            "1.2.840.10040.4.1", "DSA"); // id-dsa

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;
    private static final int OID = 0x06;
    /** [1] IMPLICIT BIT STRING: OneAsymmetricKey's publicKey. */
    private static final int PUBLIC_KEY = 0x81;
    /** Deeper parameters than any key algorithm's are left to Bouncy Castle. */
    private static final int MAX_DEPTH = 8;

    private Pkcs8() {
    }

    /** The JDK KeyFactory algorithm for a key OID in dotted form, or null when the JDK has none by that OID. */
    public static String jdkAlgorithm(String oid) {
        return JDK_KEY_ALGORITHMS.get(oid);
    }

    /**
     * The key the JDK's KeyFactory makes from PKCS#8 bytes; EC keys in the JDK's minimal form (no public key
     * inside), whatever the bytes held, so one key has one encoding whichever path read it.
     */
    public static PrivateKey jdkKey(String algorithm, byte[] pkcs8) throws GeneralSecurityException {
        PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        if (key instanceof ECPrivateKey ec) {
            return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(ec.getS(), ec.getParams()));
        }
        return key;
    }

    /** The key of unencrypted PKCS#8 DER, or empty on any doubt (see the class comment). */
    public static Optional<PrivateKey> decode(byte[] der) {
        String algorithm = algorithm(der);
        if (algorithm == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(jdkKey(algorithm, der));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty(); // KeyCodec reports it
        }
    }

    /**
     * The JDK algorithm of {@code SEQUENCE {INTEGER 0|1, SEQUENCE {OID, params?}, OCTET STRING, [1] publicKey?}}
     * filling the bytes exactly, or null.
     */
    static String algorithm(byte[] der) {
        Tlv outer = Tlv.at(der, 0, der.length);
        if (outer == null || outer.tag() != SEQUENCE || outer.end() != der.length) {
            return null;
        }
        Tlv version = Tlv.at(der, outer.start(), outer.end());
        if (version == null || version.tag() != INTEGER || version.length() != 1 || (der[version.start()] & ~1) != 0) {
            return null;
        }
        Tlv algorithmId = Tlv.at(der, version.end(), outer.end());
        Tlv oid = algorithmId == null || algorithmId.tag() != SEQUENCE ? null
                : Tlv.at(der, algorithmId.start(), algorithmId.end());
        if (oid == null || oid.tag() != OID || !parameters(der, oid.end(), algorithmId.end())) {
            return null;
        }
        Tlv key = Tlv.at(der, algorithmId.end(), outer.end());
        if (key == null || key.tag() != OCTET_STRING) {
            return null;
        }
        if (key.end() != outer.end()) {
            Tlv publicKey = Tlv.at(der, key.end(), outer.end());
            boolean v2 = der[version.start()] == 1;
            if (!v2 || publicKey == null || publicKey.tag() != PUBLIC_KEY || publicKey.end() != outer.end()
                    || !bitString(der, publicKey)) {
                return null;
            }
        }
        String dotted = oidText(der, oid.start(), oid.end());
        return dotted == null ? null : JDK_KEY_ALGORITHMS.get(dotted);
    }

    /** No parameters, or one well-formed element filling the rest of the AlgorithmIdentifier. */
    private static boolean parameters(byte[] der, int start, int end) {
        if (start == end) {
            return true;
        }
        Tlv parameters = Tlv.at(der, start, end);
        return parameters != null && parameters.end() == end && wellFormed(der, parameters, 0);
    }

    /**
     * DER that Bouncy Castle re-encodes to the same bytes: constructed elements fill their content exactly, and
     * INTEGERs, OIDs, BOOLEANs, NULLs and BIT STRINGs are in their one DER form; no SET (DER sorts it), no
     * constructed string.
     */
    private static boolean wellFormed(byte[] der, Tlv tlv, int depth) {
        switch (tlv.tag()) {
            case 0x01: // BOOLEAN
                return tlv.length() == 1 && (der[tlv.start()] == 0 || der[tlv.start()] == (byte) 0xFF);
            case INTEGER:
                return tlv.length() == 1 || tlv.length() > 1 && !redundantSign(der[tlv.start()], der[tlv.start() + 1]);
            case 0x03: // BIT STRING
                return bitString(der, tlv);
            case 0x05: // NULL
                return tlv.length() == 0;
            case OID:
                return oidText(der, tlv.start(), tlv.end()) != null;
            case 0x31: // SET
                return false;
            default:
                break;
        }
        if ((tlv.tag() & 0x20) == 0) {
            return true; // other primitives (OCTET STRING, strings) are re-encoded byte for byte
        }
        if ((tlv.tag() & 0xC0) == 0 && tlv.tag() != SEQUENCE || depth >= MAX_DEPTH) {
            return false; // a constructed string (BER only: DER makes it primitive), or too deep
        }
        for (int pos = tlv.start(); pos < tlv.end(); ) {
            Tlv child = Tlv.at(der, pos, tlv.end());
            if (child == null || !wellFormed(der, child, depth + 1)) {
                return false;
            }
            pos = child.end();
        }
        return true;
    }

    private static boolean redundantSign(byte first, byte second) {
        return first == 0 && second >= 0 || first == (byte) 0xFF && second < 0;
    }

    /** A primitive BIT STRING body in DER: the unused-bit count 0..7, and those bits zero. */
    private static boolean bitString(byte[] der, Tlv tlv) {
        if (tlv.length() == 0) {
            return false;
        }
        int unused = der[tlv.start()];
        if (tlv.length() == 1) {
            return unused == 0;
        }
        return unused >= 0 && unused <= 7 && (der[tlv.end() - 1] & ((1 << unused) - 1)) == 0;
    }

    /** An OID's content as dotted text, or null when it is not in its one DER form (or has a huge arc). */
    static String oidText(byte[] der, int start, int end) {
        if (start == end || (der[end - 1] & 0x80) != 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        long arc = 0;
        boolean first = true;
        for (int i = start; i < end; i++) {
            int octet = der[i] & 0xFF;
            if (arc == 0 && octet == 0x80 || arc > Long.MAX_VALUE >> 7) {
                return null; // a padded or huge arc
            }
            arc = arc << 7 | octet & 0x7F;
            if ((octet & 0x80) == 0) {
                if (first) {
                    int root = arc < 40 ? 0 : arc < 80 ? 1 : 2;
                    text.append(root).append('.').append(arc - 40L * root);
                    first = false;
                } else {
                    text.append('.').append(arc);
                }
                arc = 0;
            }
        }
        return text.toString();
    }

    /** One DER element: its identifier octet and where its content starts and ends. */
    private record Tlv(int tag, int start, int end) {
        int length() {
            return end - start;
        }

        /** The element at {@code pos}, or null unless its length is DER's (definite, minimal) and within limit. */
        static Tlv at(byte[] der, int pos, int limit) {
            if (limit - pos < 2 || (der[pos] & 0x1F) == 0x1F) {
                return null; // no room, or a high tag number (none in PKCS#8)
            }
            int first = der[pos + 1] & 0xFF;
            int start = pos + 2;
            long length = first;
            if (first >= 0x80) {
                int n = first & 0x7F;
                if (n == 0 || n > 4 || limit - start < n || der[start] == 0) {
                    return null; // indefinite, too long or padded
                }
                length = 0;
                for (int i = 0; i < n; i++) {
                    length = length << 8 | der[start + i] & 0xFF;
                }
                start += n;
                if (length < 0x80) {
                    return null; // the long form for a short length
                }
            }
            return length > limit - start ? null : new Tlv(der[pos] & 0xFF, start, start + (int) length);
        }
    }
}
