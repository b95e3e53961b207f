package dev.tlskit.engine.internal;

import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.AbstractTlsSecret;
import org.bouncycastle.tls.crypto.impl.jcajce.JceTlsSecret;

/**
 * A Bouncy Castle secret whose derived secrets are recording secrets too, so that every TLS 1.3 secret of the key
 * schedule (rooted in {@code hkdfInit}) passes through {@link #hkdfExpand}, where its HKDF label names it. The
 * secrets are copied, never {@code extract()}ed: extracting destroys a secret the connection still needs.
 */
final class RecordingSecret extends JceTlsSecret {
    private final KeyLogCrypto crypto;

    private RecordingSecret(KeyLogCrypto crypto, byte[] data) {
        super(crypto, data);
        this.crypto = crypto;
    }

    /** A recording copy of {@code secret}, which is destroyed. */
    static RecordingSecret adopt(KeyLogCrypto crypto, TlsSecret secret) {
        byte[] data = copyData((AbstractTlsSecret) secret);
        secret.destroy();
        return new RecordingSecret(crypto, data);
    }

    /** The bytes of a secret, copied; the secret stays usable. */
    static byte[] peek(TlsSecret secret) {
        return copyData((AbstractTlsSecret) secret);
    }

    @Override
    public synchronized TlsSecret hkdfExpand(int cryptoHashAlgorithm, byte[] info, int length) {
        RecordingSecret out = adopt(crypto, super.hkdfExpand(cryptoHashAlgorithm, info, length));
        String label = hkdfLabel(info);
        if (label != null) {
            crypto.derived(label, out.data);
        }
        return out;
    }

    @Override
    public synchronized TlsSecret hkdfExtract(int cryptoHashAlgorithm, TlsSecret ikm) {
        return adopt(crypto, super.hkdfExtract(cryptoHashAlgorithm, ikm));
    }

    @Override
    public synchronized TlsSecret deriveUsingPRF(int prfAlgorithm, String label, byte[] seed, int length) {
        return adopt(crypto, super.deriveUsingPRF(prfAlgorithm, label, seed, length));
    }

    /**
     * The label of a TLS 1.3 HkdfLabel structure (RFC 8446 7.1: uint16 length, opaque label<7..255> starting with
     * "tls13 ", opaque context<0..255>) without its "tls13 " prefix; null if {@code info} is not one.
     */
    static String hkdfLabel(byte[] info) {
        if (info.length < 3) {
            return null;
        }
        int n = info[2] & 0xff;
        String prefix = "tls13 ";
        if (n < prefix.length() || info.length < 3 + n) {
            return null;
        }
        String label = new String(info, 3, n, java.nio.charset.StandardCharsets.US_ASCII);
        return label.startsWith(prefix) ? label.substring(prefix.length()) : null;
    }
}
