package dev.tlskit.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The blocking socket under a TLS connection: moves bytes between it and the {@link EngineCore}'s network buffers.
 * Reads come from the connection's one reading thread; flushes hold the connection's write lock.
 */
public final class SocketIo {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final EngineCore core;
    private final Object writeLock;

    public SocketIo(Socket socket, EngineCore core, Object writeLock) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.core = core;
        this.writeLock = writeLock;
    }

    /** Bytes already read from the socket (by a plaintext prelude) go first, as if just read. */
    public void preload(byte[] alreadyRead) {
        if (alreadyRead.length > 0) {
            ByteBuffer netIn = core.netIn();
            if (netIn.remaining() < alreadyRead.length) {
                throw new IllegalArgumentException("more bytes read ahead (" + alreadyRead.length
                        + ") than one TLS record holds");
            }
            netIn.put(alreadyRead);
            core.received(alreadyRead.length);
        }
    }

    /**
     * Reads once from the socket into netIn; false at end of stream. Honours the deadline ({@link System#nanoTime},
     * 0 for none: the socket's read timeout applies).
     */
    public boolean fill(long deadlineNanos) throws IOException {
        if (deadlineNanos > 0) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (left <= 0) {
                throw new SocketTimeoutException("handshake timed out");
            }
            socket.setSoTimeout((int) Math.max(1, left));
        }
        ByteBuffer netIn = core.netIn();
        int n = in.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
        if (n < 0) {
            return false;
        }
        netIn.position(netIn.position() + n);
        core.received(n);
        return true;
    }

    /** Writes what netOut holds to the socket. */
    public void flush() throws IOException {
        synchronized (writeLock) {
            ByteBuffer buffer = core.netOut();
            if (buffer.position() > 0) {
                buffer.flip();
                out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                out.flush();
                buffer.clear();
            }
        }
    }
}
