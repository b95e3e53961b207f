package dev.tlskit.engine.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An event-loop server's live counters, shared by its loops and read at any time; the public API sees only a
 * snapshot of them ({@link dev.tlskit.engine.model.EventLoopStats}).
 */
public final class LoopCounters {
    public final AtomicInteger open = new AtomicInteger();
    public final AtomicLong accepted = new AtomicLong();
    public final AtomicLong handshakes = new AtomicLong();
    public final AtomicLong failures = new AtomicLong();
    public final AtomicLong rejected = new AtomicLong();
    public final AtomicLong bytesIn = new AtomicLong();
    public final AtomicLong bytesOut = new AtomicLong();
}
