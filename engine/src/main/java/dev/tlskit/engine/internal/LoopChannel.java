package dev.tlskit.engine.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The non-blocking socket of one {@link LoopConnection}: moves bytes between it and the {@link EngineCore}'s network
 * buffers, counts them, and remembers when the peer was last heard from or written to. Loop thread only.
 */
final class LoopChannel {
    private final SocketChannel channel;
    private final EngineCore core;
    private final LoopCounters counters;
    private long lastActivity = System.nanoTime();

    LoopChannel(SocketChannel channel, EngineCore core, LoopCounters counters) {
        this.channel = channel;
        this.core = core;
        this.counters = counters;
    }

    /**
     * Reads what the socket has into netIn: the count, 0 when nothing came or nothing may be read yet (output is
     * pending, or netIn is full), -1 at end of stream.
     */
    int read() throws IOException {
        if (core.hasPendingOutput()) {
            return 0; // back-pressure: read no more while the peer is not reading what we send
        }
        ByteBuffer in = core.netIn();
        if (!in.hasRemaining()) {
            return 0;
        }
        int n = channel.read(in);
        if (n > 0) {
            core.received(n);
            counters.bytesIn.addAndGet(n);
            lastActivity = System.nanoTime();
        }
        return n;
    }

    /** Writes netOut to the socket; true when nothing is left pending. */
    boolean flush() throws IOException {
        if (!core.hasPendingOutput()) {
            return true;
        }
        ByteBuffer out = core.netOut();
        out.flip();
        int n = channel.write(out);
        out.compact();
        if (n > 0) {
            counters.bytesOut.addAndGet(n);
            lastActivity = System.nanoTime();
        }
        return !core.hasPendingOutput();
    }

    void shutdownOutput() throws IOException {
        if (channel.isOpen()) {
            channel.shutdownOutput();
        }
    }

    /** Reads and discards what the socket has (the peer's last bytes after ours); true at end of stream. */
    boolean drain() throws IOException {
        ByteBuffer sink = core.netIn();
        while (true) {
            sink.clear();
            int n = channel.read(sink);
            if (n < 0) {
                return true;
            }
            if (n == 0) {
                sink.clear();
                return false;
            }
        }
    }

    /** When a byte last went either way ({@link System#nanoTime}). */
    long lastActivity() {
        return lastActivity;
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }
}
