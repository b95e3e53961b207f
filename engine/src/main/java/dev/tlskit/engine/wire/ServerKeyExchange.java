package dev.tlskit.engine.wire;

import java.nio.ByteBuffer;

/**
 * What a TLS 1.2 ServerKeyExchange says about the key exchange group (RFC 8422 section 5.4, RFC 5246 section
 * 7.4.3, RFC 4279/5489 for the PSK forms): the named curve of an ECDHE suite or the prime size of a DHE one.
 * Read leniently: anything unreadable is -1.
 *
 * @param namedGroup the curve's code point (ECDHE with curve_type named_curve), else -1
 * @param dhPrimeBits the bit length of the DH prime p (DHE), else -1
 */
public record ServerKeyExchange(int namedGroup, int dhPrimeBits) implements HandshakeMessage {
    private static final int NAMED_CURVE = 3;

    /** Reads the parameters of a ServerKeyExchange body sent for {@code suite} (null or other kinds: nothing). */
    public static ServerKeyExchange read(ByteBuffer body, CipherSuite suite) {
        if (suite == null || !(suite.isEcdhe() || suite.isFiniteFieldDhe())) {
            return new ServerKeyExchange(-1, -1);
        }
        try {
            Cursor c = new Cursor(body);
            if (suite.keyExchange() == CipherSuite.KeyExchange.ECDHE_PSK
                    || suite.keyExchange() == CipherSuite.KeyExchange.DHE_PSK) {
                c.vector16("psk_identity_hint");
            }
            if (suite.isEcdhe()) {
                return new ServerKeyExchange(c.u8("curve_type") == NAMED_CURVE ? c.u16("namedcurve") : -1, -1);
            }
            byte[] p = c.vector16("dh_p");
            int first = p.length > 0 ? p[0] & 0xFF : 0;
            return new ServerKeyExchange(-1, p.length * 8 - Integer.numberOfLeadingZeros(first) + 24);
        } catch (MalformedHelloException truncated) {
            return new ServerKeyExchange(-1, -1);
        }
    }
}
