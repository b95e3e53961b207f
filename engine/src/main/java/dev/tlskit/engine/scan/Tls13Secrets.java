package dev.tlskit.engine.scan;

import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.ContentType;
import dev.tlskit.engine.wire.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TLS 1.3 key schedule (RFC 8446 section 7.1) and record protection (section 5.2) for one cipher suite, on
 * the JDK's HMAC, AES-GCM and ChaCha20-Poly1305: just enough for a scan to read a server's encrypted flight.
 */
final class Tls13Secrets {
    private final String mac;
    private final String digest;
    private final String cipher;
    private final int keyLength;
    final int hashLength;

    private Tls13Secrets(String mac, String digest, String cipher, int keyLength, int hashLength) {
        this.mac = mac;
        this.digest = digest;
        this.cipher = cipher;
        this.keyLength = keyLength;
        this.hashLength = hashLength;
    }

    /** The schedule for a TLS 1.3 suite the JDK can run (AES-GCM, ChaCha20-Poly1305), else null (the CCM ones). */
    static Tls13Secrets forSuite(int code) {
        CipherSuite s = CipherSuite.of(code);
        if (s == null || !s.isTls13()) {
            return null;
        }
        String name = s.ianaName();
        boolean sha384 = name.endsWith("SHA384");
        String mac = sha384 ? "HmacSHA384" : "HmacSHA256";
        String digest = sha384 ? "SHA-384" : "SHA-256";
        if (name.contains("CHACHA20_POLY1305")) {
            return new Tls13Secrets(mac, digest, "ChaCha20-Poly1305", 32, sha384 ? 48 : 32);
        }
        if (name.contains("_GCM_")) {
            return new Tls13Secrets(mac, digest, "AES/GCM/NoPadding", name.contains("AES_256") ? 32 : 16,
                    sha384 ? 48 : 32);
        }
        return null;
    }

    /** X25519 (RFC 7748): our private key with the server's raw u-coordinate. */
    static byte[] x25519(PrivateKey mine, byte[] theirs) throws GeneralSecurityException {
        byte[] le = theirs.clone();
        le[le.length - 1] &= 0x7F;
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        PublicKey pub = KeyFactory.getInstance("XDH")
                .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be)));
        KeyAgreement ka = KeyAgreement.getInstance("XDH");
        ka.init(mine);
        ka.doPhase(pub, true);
        return ka.generateSecret();
    }

    /** ECDH on a NIST curve (RFC 8446 section 7.4.2): the server's uncompressed point, our key pair's curve. */
    static byte[] ecdh(java.security.KeyPair mine, byte[] point) throws GeneralSecurityException {
        java.security.spec.ECParameterSpec params = ((java.security.interfaces.ECPublicKey) mine.getPublic())
                .getParams();
        int size = (params.getCurve().getField().getFieldSize() + 7) / 8;
        if (point.length != 1 + 2 * size || point[0] != 4) {
            throw new GeneralSecurityException("not an uncompressed point of " + size + "-byte coordinates");
        }
        java.security.spec.ECPoint w = new java.security.spec.ECPoint(
                new BigInteger(1, java.util.Arrays.copyOfRange(point, 1, 1 + size)),
                new BigInteger(1, java.util.Arrays.copyOfRange(point, 1 + size, point.length)));
        PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new java.security.spec.ECPublicKeySpec(w, params));
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(mine.getPrivate());
        ka.doPhase(pub, true);
        return ka.generateSecret();
    }

    byte[] hash(byte[] data) throws GeneralSecurityException {
        return MessageDigest.getInstance(digest).digest(data);
    }

    byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac m = Mac.getInstance(mac);
        m.init(new SecretKeySpec(key, mac));
        return m.doFinal(data);
    }

    /** HKDF-Extract (RFC 5869): HMAC(salt, ikm); a null salt or ikm is the hash length of zeros. */
    byte[] extract(byte[] salt, byte[] ikm) throws GeneralSecurityException {
        return hmac(salt != null ? salt : new byte[hashLength], ikm != null ? ikm : new byte[hashLength]);
    }

    /** HKDF-Expand-Label (section 7.1): HkdfLabel = length, "tls13 " + label, context. */
    byte[] expandLabel(byte[] secret, String label, byte[] context, int length) throws GeneralSecurityException {
        byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(length >> 8);
        info.write(length);
        info.write(full.length);
        info.writeBytes(full);
        info.write(context.length);
        info.writeBytes(context);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        for (int at = 0, i = 1; at < length; i++) {
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            block.writeBytes(t);
            block.writeBytes(info.toByteArray());
            block.write(i);
            t = hmac(secret, block.toByteArray());
            int n = Math.min(t.length, length - at);
            System.arraycopy(t, 0, out, at, n);
            at += n;
        }
        return out;
    }

    /** Derive-Secret(secret, label, messages) with the transcript hash already taken. */
    byte[] derive(byte[] secret, String label, byte[] transcriptHash) throws GeneralSecurityException {
        return expandLabel(secret, label, transcriptHash, hashLength);
    }

    /** The handshake secret from the (EC)DHE shared secret, no PSK. */
    byte[] handshakeSecret(byte[] shared) throws GeneralSecurityException {
        byte[] early = extract(null, null);
        return extract(derive(early, "derived", hash(new byte[0])), shared);
    }

    byte[] masterSecret(byte[] handshakeSecret) throws GeneralSecurityException {
        return extract(derive(handshakeSecret, "derived", hash(new byte[0])), null);
    }

    /** The Finished verify_data for a traffic secret over the transcript hash (section 4.4.4). */
    byte[] finished(byte[] trafficSecret, byte[] transcriptHash) throws GeneralSecurityException {
        return hmac(expandLabel(trafficSecret, "finished", new byte[0], hashLength), transcriptHash);
    }

    Protection protection(byte[] trafficSecret) throws GeneralSecurityException {
        return new Protection(expandLabel(trafficSecret, "key", new byte[0], keyLength),
                expandLabel(trafficSecret, "iv", new byte[0], 12));
    }

    /** One direction's record protection: key, IV and sequence number. Not thread-safe. */
    final class Protection {
        private final byte[] key;
        private final byte[] iv;
        private long sequence;

        private Protection(byte[] key, byte[] iv) {
            this.key = key;
            this.iv = iv;
        }

        private Cipher cipher(int mode) throws GeneralSecurityException {
            byte[] nonce = iv.clone();
            for (int i = 0; i < 8; i++) {
                nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
            }
            sequence++;
            Cipher c = Cipher.getInstance(cipher);
            AlgorithmParameterSpec spec = cipher.startsWith("AES") ? new GCMParameterSpec(128, nonce)
                    : new IvParameterSpec(nonce);
            c.init(mode, new SecretKeySpec(key, cipher.startsWith("AES") ? "AES" : "ChaCha20"), spec);
            return c;
        }

        /**
         * Decrypts one application_data record's body ({@code header} its five header bytes, the AAD); the inner
         * plaintext with its content type as the last byte, padding removed.
         */
        byte[] open(byte[] header, byte[] body) throws GeneralSecurityException {
            Cipher c = cipher(Cipher.DECRYPT_MODE);
            c.updateAAD(header);
            byte[] inner = c.doFinal(body);
            int end = inner.length;
            while (end > 0 && inner[end - 1] == 0) {
                end--;
            }
            if (end == 0) {
                throw new GeneralSecurityException("an inner plaintext of padding only");
            }
            return java.util.Arrays.copyOf(inner, end);
        }

        /** One protected record carrying {@code content} of {@code type}, header included. */
        byte[] seal(ContentType type, byte[] content) throws GeneralSecurityException {
            int length = content.length + 1 + 16;
            byte[] header = {(byte) ContentType.APPLICATION_DATA.code(), (byte) (ProtocolVersion.TLS12.code() >> 8),
                (byte) ProtocolVersion.TLS12.code(), (byte) (length >> 8), (byte) length};
            Cipher c = cipher(Cipher.ENCRYPT_MODE);
            c.updateAAD(header);
            byte[] inner = java.util.Arrays.copyOf(content, content.length + 1);
            inner[content.length] = (byte) type.code();
            byte[] sealed = c.doFinal(inner);
            byte[] out = java.util.Arrays.copyOf(header, header.length + sealed.length);
            System.arraycopy(sealed, 0, out, header.length, sealed.length);
            return out;
        }
    }
}
