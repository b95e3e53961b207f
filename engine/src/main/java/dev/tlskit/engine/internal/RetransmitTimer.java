package dev.tlskit.engine.internal;

import java.util.concurrent.TimeUnit;

/**
 * When to resend a DTLS flight the peer has not answered: 250 ms at first, doubling at each retransmission up to
 * 8 s (RFC 6347 section 4.2.4.1 suggests 1 s, but loopback and LAN peers answer in microseconds and a handshake
 * has a bounded time; the caller's handshake deadline cuts it short anyway), back to the start once the peer makes
 * progress.
 */
public final class RetransmitTimer {
    static final long INITIAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(8);

    private long interval = INITIAL_NANOS;
    private long due = Long.MAX_VALUE;

    /** A flight was just sent: start waiting for the answer. */
    public void arm(long nowNanos) {
        due = nowNanos + interval;
    }

    /** No flight of ours is outstanding. */
    public void disarm() {
        due = Long.MAX_VALUE;
    }

    /** The peer answered: the next wait starts short again. */
    public void reset() {
        interval = INITIAL_NANOS;
    }

    /** The flight is being resent: wait twice as long for it. */
    public void backOff(long nowNanos) {
        interval = Math.min(interval * 2, MAX_NANOS);
        arm(nowNanos);
    }

    /** {@link System#nanoTime()} when the flight is due again; {@code Long.MAX_VALUE} when disarmed. */
    public long due() {
        return due;
    }
}
