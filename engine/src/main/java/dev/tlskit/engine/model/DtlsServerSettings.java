package dev.tlskit.engine.model;

import java.time.Duration;

/**
 * How a DTLS server ({@link dev.tlskit.engine.DtlsServer}) runs.
 *
 * @param maxPeers sessions beyond this are refused (their datagrams dropped) until others end
 * @param handshakeTimeout a peer whose handshake is not finished by then is dropped
 * @param idleTimeout a session that receives nothing for this long is closed (null: never)
 */
public record DtlsServerSettings(int maxPeers, Duration handshakeTimeout, Duration idleTimeout) {
    public DtlsServerSettings {
        if (maxPeers < 1) {
            throw new IllegalArgumentException("maxPeers must be at least 1: " + maxPeers);
        }
        if (handshakeTimeout == null || handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
        }
    }

    /** 10,000 peers, 10 s handshakes, no idle limit. */
    public static DtlsServerSettings defaults() {
        return new DtlsServerSettings(10_000, Duration.ofSeconds(10), null);
    }
}
