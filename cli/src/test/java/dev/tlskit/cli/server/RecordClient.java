package dev.tlskit.cli.server;

import dev.tlskit.cli.AnyServerCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.SecureRandom;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsNoCloseNotifyException;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * A TLS client that chooses its application-data records one by one, zero-length ones included (RFC 8446 5.1 and
 * RFC 5246 6.2.1 allow them). Neither JSSE provider's {@code SSLEngine.wrap} of an empty buffer produces a record
 * (both return OK with 0 bytes), nor does {@code openssl s_client}; Bouncy Castle's low-level protocol writes
 * whatever record it is given through its protected {@code safeWriteRecord}. It trusts any server certificate
 * ({@link AnyServerCertificate}).
 */
final class RecordClient implements AutoCloseable {
    private final Socket socket;
    private final Protocol protocol;

    private static final class Protocol extends TlsClientProtocol {
        Protocol(Socket s) throws IOException {
            super(s.getInputStream(), s.getOutputStream());
        }

        void record(byte[] data) throws IOException {
            safeWriteRecord(ContentType.application_data, data, 0, data.length);
        }
    }

    /** Connects to loopback {@code port} and completes a handshake speaking only {@code version} (1.2 or 1.3). */
    RecordClient(int port, String version) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        protocol = new Protocol(socket);
        TlsCrypto crypto = new JcaTlsCryptoProvider().create(new SecureRandom());
        ProtocolVersion[] versions = version.equals("1.2") ? ProtocolVersion.TLSv12.only()
                : ProtocolVersion.TLSv13.only();
        protocol.connect(new DefaultTlsClient(crypto) {
            @Override
            protected ProtocolVersion[] getSupportedVersions() {
                return versions;
            }

            @Override
            public TlsAuthentication getAuthentication() {
                return new AnyServerCertificate();
            }
        });
    }

    /** Sends {@code data} as exactly one application-data record (an empty array: a zero-length record). */
    void record(byte[] data) throws IOException {
        protocol.record(data);
    }

    /** Reads exactly {@code n} bytes of application data. */
    byte[] read(int n) throws IOException {
        byte[] b = protocol.getInputStream().readNBytes(n);
        if (b.length < n) {
            throw new IOException("stream ended after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /** Everything until the server's close; how it closed. */
    record Rest(String text, boolean closeNotify) {}

    Rest readToEnd() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = protocol.getInputStream();
        byte[] buf = new byte[4096];
        boolean closeNotify = true;
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                all.write(buf, 0, n);
            }
        } catch (TlsNoCloseNotifyException truncated) {
            closeNotify = false;
        }
        return new Rest(all.toString(java.nio.charset.StandardCharsets.UTF_8), closeNotify);
    }

    @Override
    public void close() throws IOException {
        try {
            protocol.close();
        } finally {
            socket.close();
        }
    }
}
