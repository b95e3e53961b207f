package dev.tlskit.engine.model;

import java.time.Duration;

/**
 * How an event-loop server ({@link dev.tlskit.engine.EventLoopServer}) runs.
 *
 * @param loops event-loop threads (if 0: one per core)
 * @param maxConnections connections beyond this are closed at once on accept
 * @param handshakeTimeout a handshake not finished by then is aborted
 * @param idleTimeout a connection that moves no byte for this long is closed (null: never)
 */
public record EventLoopSettings(int loops, int maxConnections, Duration handshakeTimeout, Duration idleTimeout) {
    public EventLoopSettings {
        if (loops < 0 || maxConnections < 1) {
            throw new IllegalArgumentException("loops >= 0 and maxConnections >= 1 required");
        }
    }

    /** One loop per core, 100,000 connections, 10 s handshakes, no idle limit. */
    public static EventLoopSettings defaults() {
        return new EventLoopSettings(0, 100_000, Duration.ofSeconds(10), null);
    }
}
