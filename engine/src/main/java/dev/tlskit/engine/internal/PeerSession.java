package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.Session;
import java.net.InetSocketAddress;

/**
 * What every server-side {@link Session} holds the same way over TCP ({@link LoopConnection}) and UDP
 * ({@link DtlsPeer}): the peer's address, the summary once the handshake is done, the handler's attachment.
 */
abstract class PeerSession implements Session {
    private final InetSocketAddress remote;
    private HandshakeSummary summary;
    private Object attachment;

    PeerSession(InetSocketAddress remote) {
        this.remote = remote;
    }

    /** Set when the handshake completes, before the handler hears of the session. */
    final void summary(HandshakeSummary summary) {
        this.summary = summary;
    }

    @Override
    public final HandshakeSummary summary() {
        return summary;
    }

    @Override
    public final InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public final Object attachment() {
        return attachment;
    }

    @Override
    public final void attach(Object attachment) {
        this.attachment = attachment;
    }
}
