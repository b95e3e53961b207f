package dev.tlskit.engine.model;

/** An event-loop server's counters ({@link dev.tlskit.engine.EventLoopServer#stats()}), read at any time. */
public record EventLoopStats(int open, long accepted, long handshakes, long failures, long rejected, long bytesIn,
        long bytesOut) {}
