package dev.tlskit.engine.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Network and application buffers lent to connections only while they have bytes in flight, so an idle connection
 * holds no buffer at all. Not thread-safe: one pool per event loop, used on that loop's thread only.
 */
public final class BufferPool {
    /** A pool that always allocates and never keeps anything: for connections that hold their buffers for life. */
    public static final BufferPool UNPOOLED = new BufferPool(0, 0);

    private final int bufferSize;
    private final int maxPooled;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private long allocated;

    /**
     * @param bufferSize the size every pooled buffer has (at least the SSLEngine's packet buffer size)
     * @param maxPooled how many free buffers to keep at most; more are left to the garbage collector
     */
    public BufferPool(int bufferSize, int maxPooled) {
        this.bufferSize = bufferSize;
        this.maxPooled = maxPooled;
    }

    /** A cleared buffer of at least {@code minCapacity} bytes. */
    public ByteBuffer take(int minCapacity) {
        if (minCapacity <= bufferSize) {
            ByteBuffer b = free.pollFirst();
            if (b != null) {
                return b;
            }
            allocated++;
            return ByteBuffer.allocate(bufferSize);
        }
        allocated++;
        return ByteBuffer.allocate(minCapacity);
    }

    /** Takes back a buffer the caller no longer uses; odd-sized ones are dropped. */
    public void give(ByteBuffer b) {
        if (b.capacity() == bufferSize && free.size() < maxPooled) {
            b.clear();
            free.addFirst(b);
        }
    }

    /** Buffers allocated so far (a measure of churn, for stats). */
    public long allocated() {
        return allocated;
    }

    /** Free buffers held now. */
    public int pooled() {
        return free.size();
    }
}
