package dev.tlskit.cli.hostile;

import dev.tlskit.cli.AnyServerCertificate;
import dev.tlskit.engine.wire.ContentType;
import dev.tlskit.engine.wire.Record;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsNoCloseNotifyException;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsEncodeResult;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * The attacking side for records no JSSE {@code SSLEngine} writes (an inner content type 0, a plaintext over
 * 2^14, an empty application-data record, an alert of one byte): Bouncy Castle's low-level client completes a real
 * handshake over the probe's socket, and the case's records are then protected with the client's own write keys,
 * numbered from the first sequence number the client has not used (0 on TLS 1.3; 1 on TLS 1.2, after its
 * Finished). The keys are a second record cipher, created by the client's crypto whenever Bouncy Castle creates
 * its own, from the same secrets: no key derivation here. The server's answer is read through the client, which
 * decrypts it: {@code fatal <alert>}, {@code warning close_notify}, {@code closed}, or {@value
 * EncryptedProbe#CARRIES_ON} (as {@link EncryptedProbe} says it).
 */
final class OwnRecordProbe {
    private OwnRecordProbe() {}

    /** What to send once keys are in use, made of records protected on demand. */
    @FunctionalInterface
    interface Attack {
        byte[] apply(Records records) throws IOException;
    }

    /** The client's write direction, for records of our own: each call takes the next sequence number. */
    static final class Records {
        private final TlsCipher cipher;
        private long sequence;

        private Records(TlsCipher cipher, long sequence) {
            this.cipher = cipher;
            this.sequence = sequence;
        }

        /**
         * One protected record with {@code content} of {@code type} (on TLS 1.3 the inner type; any byte, 0
         * included), header included; no length is checked.
         */
        byte[] record(int type, byte[] content) throws IOException {
            TlsEncodeResult r = cipher.encodePlaintext(sequence++, (short) type, ProtocolVersion.TLSv12,
                    Record.HEADER_LENGTH, content, 0, content.length);
            byte[] out = Arrays.copyOfRange(r.buf, r.off, r.off + r.len);
            int length = out.length - Record.HEADER_LENGTH;
            out[0] = (byte) r.recordType;
            out[1] = 3;
            out[2] = 3;
            out[3] = (byte) (length >> 8);
            out[4] = (byte) length;
            return out;
        }

        /**
         * TLS 1.3: one record whose TLSInnerPlaintext (content, type, zero padding; RFC 8446 5.2) is {@code inner}
         * exactly: Bouncy Castle appends the type byte, so the last byte of {@code inner} is given as the type.
         */
        byte[] inner(byte[] inner) throws IOException {
            return record(inner[inner.length - 1], Arrays.copyOf(inner, inner.length - 1));
        }

        /** An application-data record carrying a short line, as {@link EncryptedProbe}'s message. */
        byte[] message() throws IOException {
            return record(ContentType.APPLICATION_DATA.code(), "hello\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    static String run(Socket s, InputStream in, OutputStream out, String protocol, Attack attack, long deadline)
            throws IOException {
        boolean tls13 = protocol.equals("TLSv1.3");
        Crypto crypto = new Crypto();
        TlsClientProtocol client = new TlsClientProtocol(in, out);
        s.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        try {
            client.connect(new Client(crypto, tls13));
        } catch (TlsFatalAlertReceived e) {
            return "handshake: fatal " + AlertDescription.getName(e.getAlertDescription());
        } catch (IOException e) {
            return "handshake: " + e;
        }
        byte[] bytes = attack.apply(new Records(crypto.last, tls13 ? 0 : 1));
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the server may have closed already: read what it said
        }
        byte[] buffer = new byte[256];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return EncryptedProbe.CARRIES_ON;
            }
            s.setSoTimeout((int) left);
            try {
                int n = client.getInputStream().read(buffer);
                if (n < 0) {
                    return "warning close_notify";
                }
                if (n > 0) {
                    return EncryptedProbe.CARRIES_ON;
                }
            } catch (TlsFatalAlertReceived e) {
                return "fatal " + AlertDescription.getName(e.getAlertDescription());
            } catch (InterruptedIOException e) {
                return EncryptedProbe.CARRIES_ON; // no answer within the limit: s_server prints what it gets
            } catch (TlsNoCloseNotifyException | SocketException e) {
                return Probe.CLOSED;
            } catch (IOException e) {
                return "client failed: " + e;
            }
        }
    }

    /** Bouncy Castle's JCA crypto, which makes a twin of every record cipher it creates and keeps the last. */
    private static final class Crypto extends JcaTlsCrypto {
        TlsCipher last;

        Crypto() {
            super(new JcaTlsCryptoProvider().getHelper(), new SecureRandom(), new SecureRandom());
        }

        @Override
        public TlsCipher createCipher(TlsCryptoParameters params, int encryptionAlgorithm, int macAlgorithm)
                throws IOException {
            last = super.createCipher(params, encryptionAlgorithm, macAlgorithm);
            return super.createCipher(params, encryptionAlgorithm, macAlgorithm);
        }
    }

    /** Offers one version; on TLS 1.2 AES-GCM suites only; trusts any server (the suite tests answers, not names). */
    private static final class Client extends DefaultTlsClient {
        private final boolean tls13;

        Client(JcaTlsCrypto crypto, boolean tls13) {
            super(crypto);
            this.tls13 = tls13;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return tls13 ? ProtocolVersion.TLSv13.only() : ProtocolVersion.TLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return tls13 ? super.getSupportedCipherSuites() : new int[] {
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new AnyServerCertificate();
        }
    }
}
