package dev.tlskit.engine.model;

/**
 * A DTLS server's counters ({@link dev.tlskit.engine.DtlsServer#stats()}), read at any time.
 *
 * @param open sessions now (handshaking or established)
 * @param handshakes handshakes completed
 * @param failures sessions ended by an error or a timeout
 * @param rejected datagrams from new peers dropped because of the peer limit
 * @param helloVerifyRequests cookies sent
 * @param dropped datagrams from unknown peers that were not a usable ClientHello
 */
public record DtlsServerStats(int open, long handshakes, long failures, long rejected, long helloVerifyRequests,
        long dropped) {}
