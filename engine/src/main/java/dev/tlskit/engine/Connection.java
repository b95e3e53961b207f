package dev.tlskit.engine;

import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsException;
import java.io.Closeable;
import java.net.InetSocketAddress;

/**
 * A blocking secure connection, over TCP ({@link TlsConnection}) or UDP ({@link DtlsConnection}): what a
 * command needs to talk to one peer without caring which.
 */
public interface Connection extends Closeable {
    /**
     * Connects and completes the handshake: DTLS when the configuration says so, TLS otherwise.
     *
     * @throws TlsException a network failure, a failed handshake, or a rejected certificate, with its kind
     */
    static Connection connect(TlsContext context, String host, int port, IpFamily family) throws TlsException {
        return context.config().dtls()
                ? DtlsConnection.connect(context, host, port, family)
                : TlsConnection.connect(context, host, port, family);
    }

    /** Reads application data: blocks until some arrives, -1 once the peer has closed. */
    int read(byte[] b, int off, int len) throws TlsException;

    /** Writes all of {@code b[off..off+len)} as application data. */
    void write(byte[] b, int off, int len) throws TlsException;

    default void write(byte[] b) throws TlsException {
        write(b, 0, b.length);
    }

    /** Everything until the peer closes (an HTTP/1.0 response, say), at most {@code limit} bytes. */
    default byte[] readToEnd(int limit) throws TlsException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        int n;
        while (all.size() < limit && (n = read(buf, 0, Math.min(buf.length, limit - all.size()))) >= 0) {
            all.write(buf, 0, n);
        }
        return all.toByteArray();
    }

    HandshakeSummary summary();

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /** Sends close_notify and closes; never throws. */
    @Override
    void close();

    /** As {@link #close()}, but fails with the peer's last fatal alert, where the transport can see one. */
    default void closeChecked() throws TlsException {
        close();
    }
}
