package dev.tlskit.engine.internal;

import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The one TLS state machine over an {@link EngineCore}, free of any transport: it runs the engine until the
 * transport has to act, and says what for. The blocking connection and the event loop both drive their cores
 * through it (they differ only in how they wait for bytes and where they run delegated tasks), so every handshake
 * status, the end of the peer's stream and the failure path are handled in one place.
 *
 * <p>One thread advances a driver at a time (the reading side). Wraps it makes itself (handshake messages,
 * post-handshake replies such as a KeyUpdate answer or the close_notify that answers the peer's) happen under
 * {@code wrapLock}, the lock the transport holds while it wraps application data and flushes, so a writer thread
 * may wrap at the same time as the reader unwraps (SSLEngine allows that).
 */
public final class EngineDriver {
    /** What the transport must do before the driver can go on. */
    public enum Need {
        /** Write {@link EngineCore#netOut()} to the network (under the wrap lock), then advance again. */
        FLUSH,
        /** Read more bytes from the network into {@link EngineCore#netIn()}, then advance again. */
        INPUT,
        /** Run the engine's delegated tasks (here or on a worker), then advance again. */
        TASKS,
        /** The handshake just completed (reported once). */
        HANDSHAKE_DONE,
        /** Decrypted application bytes wait in {@link EngineCore#appIn()}. */
        DATA,
        /** The peer sent close_notify: nothing more will arrive. */
        PEER_CLOSED
    }

    /** Steps of one advance that neither need the transport nor change anything: more is an engine bug. */
    private static final int MAX_IDLE_STEPS = 10_000;

    private final EngineCore core;
    private final Object wrapLock;
    private boolean handshakeDone;
    private boolean inboundDone;
    /** The engine closed during the handshake (it answered an alert): flush what it said, then fail. */
    private boolean closedMidHandshake;

    public EngineDriver(EngineCore core, Object wrapLock) {
        this.core = core;
        this.wrapLock = wrapLock;
    }

    public EngineCore core() {
        return core;
    }

    public boolean handshakeDone() {
        return handshakeDone;
    }

    /** Whether the peer's close_notify has arrived. */
    public boolean inboundDone() {
        return inboundDone;
    }

    /**
     * Runs the engine until the transport must act.
     *
     * @throws SSLException the handshake or a record failed; {@link PeerClosed} when the peer ended the connection
     *     during the handshake. The transport then takes the failure path ({@link EngineCore#farewell}).
     */
    public Need advance() throws SSLException {
        for (int steps = 0; ; steps++) {
            if (steps == MAX_IDLE_STEPS) {
                throw new IllegalStateException("the engine made no progress in " + MAX_IDLE_STEPS + " steps ("
                        + core.engine().getHandshakeStatus() + ")");
            }
            if (core.hasPendingOutput()) {
                return Need.FLUSH;
            }
            if (closedMidHandshake) {
                throw PeerClosed.seenBy(core.observer());
            }
            HandshakeStatus hs = core.engine().getHandshakeStatus();
            switch (hs) {
                case NEED_TASK -> {
                    return Need.TASKS;
                }
                case NEED_WRAP -> {
                    SSLEngineResult r;
                    synchronized (wrapLock) {
                        r = core.wrap(null);
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED && !handshakeDone) {
                        closedMidHandshake = true;
                    }
                    if (r.bytesProduced() > 0) {
                        return Need.FLUSH;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN, NOT_HANDSHAKING, FINISHED -> {
                    boolean handshaking = hs == HandshakeStatus.NEED_UNWRAP || hs == HandshakeStatus.NEED_UNWRAP_AGAIN;
                    if (!handshakeDone && !handshaking) {
                        handshakeDone = true;
                        core.observer().handshakeDone();
                        return Need.HANDSHAKE_DONE;
                    }
                    if (core.appIn().position() > 0) {
                        return Need.DATA;
                    }
                    if (inboundDone) {
                        return Need.PEER_CLOSED;
                    }
                    // While handshaking, unwrap even with nothing buffered: SunJSSE reports a failed delegated task
                    // only from the next wrap or unwrap, and waiting for the peer would hide it.
                    if (!handshaking && !core.hasBufferedNetworkBytes()) {
                        return Need.INPUT;
                    }
                    SSLEngineResult r = core.unwrap();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        return Need.INPUT;
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        if (!handshakeDone) {
                            throw PeerClosed.seenBy(core.observer());
                        }
                        inboundDone = true;
                    }
                }
                default -> throw new IllegalStateException("unknown handshake status " + hs);
            }
        }
    }

    /**
     * The network stream ended (TCP FIN). During the handshake that is the peer closing early ({@link PeerClosed});
     * afterwards the end of its data, with or without close_notify.
     *
     * @return true when it came without close_notify (a possible truncation)
     */
    public boolean endOfStream() throws SSLException {
        if (!handshakeDone) {
            throw PeerClosed.seenBy(core.observer());
        }
        inboundDone = true;
        try {
            core.engine().closeInbound();
        } catch (SSLException noCloseNotify) {
            return true;
        }
        return false;
    }
}
