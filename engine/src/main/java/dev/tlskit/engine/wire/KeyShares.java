package dev.tlskit.engine.wire;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

/** Real key pairs for a ClientHello's key_share entries, from the JDK, and their key_exchange bytes. */
final class KeyShares {
    private KeyShares() {}

    /** @throws IllegalArgumentException for a group the JDK makes no keys for here (x25519, x448, secp256/384/521r1) */
    static KeyPair generate(int group) {
        NamedGroup g = NamedGroup.of(group);
        try {
            KeyPairGenerator gen;
            if (g == NamedGroup.X25519 || g == NamedGroup.X448) {
                gen = KeyPairGenerator.getInstance(g == NamedGroup.X25519 ? "X25519" : "X448");
            } else if (g == NamedGroup.SECP256R1 || g == NamedGroup.SECP384R1 || g == NamedGroup.SECP521R1) {
                gen = KeyPairGenerator.getInstance("EC");
                gen.initialize(new ECGenParameterSpec(g.ianaName()));
            } else {
                throw new IllegalArgumentException("no key generation for named group " + group
                        + "; use keyShareEntries for raw bytes");
            }
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a key for named group " + group, e);
        }
    }

    /** The key_exchange bytes: the raw u-coordinate (RFC 7748) or the uncompressed point (RFC 8446 4.2.8.2). */
    static byte[] publicBytes(int group, KeyPair pair) {
        if (group == NamedGroup.X25519.code() || group == NamedGroup.X448.code()) {
            byte[] spki = pair.getPublic().getEncoded();
            int n = group == NamedGroup.X25519.code() ? 32 : 56;
            return Arrays.copyOfRange(spki, spki.length - n, spki.length);
        }
        ECPublicKey key = (ECPublicKey) pair.getPublic();
        int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] out = new byte[1 + 2 * size];
        out[0] = 4;
        unsigned(key.getW().getAffineX(), out, 1, size);
        unsigned(key.getW().getAffineY(), out, 1 + size, size);
        return out;
    }

    private static void unsigned(BigInteger v, byte[] out, int off, int size) {
        byte[] b = v.toByteArray();
        int skip = b.length > size ? b.length - size : 0;
        System.arraycopy(b, skip, out, off + size - (b.length - skip), b.length - skip);
    }
}
