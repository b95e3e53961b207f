package dev.tlskit.engine.internal;

import dev.tlskit.engine.wire.AlertDescription;
import dev.tlskit.engine.wire.MalformedHelloException;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The one state machine over an SSLEngine, free of any transport: it runs the engine until the transport has to
 * act, and says what for. The blocking TLS connection, the event loop, the DTLS connection, the DTLS server's peers
 * and its hello gate all drive their engines through it; they differ only in how they wait for bytes, where they
 * run delegated tasks and what they do on a timer. Every handshake status, the peer's close and a close in the
 * middle of the handshake are handled here, once; a failure leaves as an exception for the one failure path
 * ({@link Farewell}).
 *
 * <p>One thread advances a driver at a time (the reading side). The wraps it makes itself (handshake messages,
 * post-handshake replies such as a KeyUpdate answer or the close_notify that answers the peer's) happen under
 * {@code wrapLock}, the lock the transport holds while it wraps application data and flushes, so a writer thread
 * may wrap while the reader unwraps (SSLEngine allows that).
 */
public final class EngineDriver {
    /** What the transport must do before the driver can go on. */
    public enum Need {
        /** Records were wrapped: write pending output to the network (TLS), arm the retransmit timer (DTLS). */
        FLUSH,
        /** Bytes from the network (TLS) or the next datagram (DTLS), then advance again. */
        INPUT,
        /** Run the engine's delegated tasks (here or on a worker), then advance again. */
        TASKS,
        /** The handshake just completed (reported once, before any {@link #DATA}). */
        HANDSHAKE_DONE,
        /** Decrypted application bytes wait in {@link Io#appIn()}. */
        DATA,
        /** The peer sent close_notify: nothing more will arrive. */
        PEER_CLOSED
    }

    /** The engine and buffers of one transport's core: {@link EngineCore} (a byte stream) or a datagram view. */
    public interface Io {
        SSLEngine engine();

        WireObserver observer();

        /** Whether wrapped bytes wait to go to the network. */
        boolean hasPendingOutput();

        /** Wraps what the engine wants to send of its own (handshake, alerts, close_notify). */
        SSLEngineResult wrapHandshake() throws IOException;

        /** Unwraps one record of the buffered input; {@code BUFFER_UNDERFLOW} when more must arrive first. */
        SSLEngineResult unwrap() throws SSLException;

        /** Whether received bytes wait to be unwrapped. */
        boolean hasBufferedInput();

        /** Decrypted application bytes (write mode). */
        ByteBuffer appIn();
    }

    /** Steps of one advance that neither need the transport nor change anything: more is an engine bug. */
    private static final int MAX_IDLE_STEPS = 10_000;
    /** Records a pending wrap holds: an alert or a KeyUpdate answer, a few at most. */
    private static final int MAX_PENDING_WRAPS = 4;

    private final Io io;
    /** A server told to accept one SNI name only: a ClientHello without SNI is refused. Else null. */
    private final String requiredServerName;
    private final Object wrapLock;
    private final Runnable peerProgress;
    private boolean handshakeDone;
    private boolean inboundDone;
    /** The engine closed during the handshake (it answered an alert): flush what it said, then fail. */
    private boolean closedMidHandshake;

    /** A driver whose wraps take {@code wrapLock}. */
    public EngineDriver(Io io, Object wrapLock) {
        this(io, wrapLock, () -> { });
    }

    /**
     * @param peerProgress called when a record from the peer moved the handshake on (DTLS resets its
     *     retransmission timer then)
     */
    public EngineDriver(Io io, Object wrapLock, Runnable peerProgress) {
        this.io = io;
        this.requiredServerName = requiredServerName(io.engine());
        this.wrapLock = wrapLock;
        this.peerProgress = peerProgress;
    }

    public boolean handshakeDone() {
        return handshakeDone;
    }

    /** Whether the peer's close_notify has arrived (or its stream ended). */
    public boolean inboundDone() {
        return inboundDone;
    }

    /**
     * Runs the engine until the transport must act.
     *
     * @throws SSLException the handshake or a record failed; {@link PeerClosed} when the peer ended the connection
     *     during the handshake. The transport then takes the failure path.
     * @throws IOException a datagram could not be sent
     */
    public Need advance() throws IOException {
        for (int steps = 0; steps < MAX_IDLE_STEPS; steps++) {
            if (io.hasPendingOutput()) {
                return Need.FLUSH;
            }
            if (closedMidHandshake) {
                throw PeerClosed.seenBy(io.observer());
            }
            HandshakeStatus hs = io.engine().getHandshakeStatus();
            switch (hs) {
                case NEED_TASK -> {
                    return Need.TASKS;
                }
                case NEED_WRAP -> {
                    SSLEngineResult r;
                    synchronized (wrapLock) {
                        r = io.wrapHandshake();
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED && !handshakeDone
                            && !completedBeforeClose(r)) {
                        closedMidHandshake = true;
                    }
                    if (r.bytesProduced() > 0) {
                        return Need.FLUSH;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN, NOT_HANDSHAKING, FINISHED -> {
                    Need need = afterHandshakeStatus(hs);
                    if (need != null) {
                        return need;
                    }
                }
                default -> throw new IllegalStateException("unknown handshake status " + hs);
            }
        }
        throw new IllegalStateException("the engine made no progress in " + MAX_IDLE_STEPS + " steps ("
                + io.engine().getHandshakeStatus() + ")");
    }

    /** The unwrapping side of {@link #advance()}: what to report, or null to go on. */
    private Need afterHandshakeStatus(HandshakeStatus hs) throws IOException {
        boolean handshaking = hs == HandshakeStatus.NEED_UNWRAP || hs == HandshakeStatus.NEED_UNWRAP_AGAIN;
        if (!handshakeDone && !handshaking) {
            handshakeDone = true;
            io.observer().handshakeDone();
            return Need.HANDSHAKE_DONE;
        }
        if (handshakeDone && io.appIn().position() > 0) {
            return Need.DATA;
        }
        if (inboundDone) {
            return Need.PEER_CLOSED;
        }
        // While handshaking, unwrap even with nothing buffered: SunJSSE reports a failed delegated task only from
        // the next wrap or unwrap, and waiting for the peer would hide it.
        if (handshakeDone && !io.hasBufferedInput()) {
            return Need.INPUT;
        }
        if (!handshakeDone) {
            rejectBrokenHello();
        }
        SSLEngineResult r = io.unwrap();
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
            // Netty's OpenSSL engine (boringssl) may complete a TLS 1.2 client handshake in an unwrap that consumed
            // nothing (the server's Finished went in with the previous one): go on, and report it done.
            return handshaking && r.getHandshakeStatus() == HandshakeStatus.FINISHED ? null : Need.INPUT;
        }
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            // Netty's OpenSSL engine may read the peer's last handshake message and its close_notify in one unwrap:
            // FINISHED then says the handshake completed first, and it is reported before the close.
            if (!handshakeDone && !completedBeforeClose(r)) {
                throw PeerClosed.seenBy(io.observer());
            }
            inboundDone = true;
            return null;
        }
        if (handshaking && r.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP) {
            peerProgress.run();
        }
        if (r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP
                && io.engine().getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
            return wrapWhatTheResultAsksFor();
        }
        if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && r.getHandshakeStatus() == hs
                && hs != HandshakeStatus.NEED_UNWRAP_AGAIN) {
            return Need.INPUT; // nothing usable buffered (DTLS drops such a datagram): wait for the peer
        }
        return null;
    }

    /**
     * Netty's OpenSSL engine (boringssl) says NEED_WRAP only in an unwrap's result while its
     * {@code getHandshakeStatus()} says NOT_HANDSHAKING: a KeyUpdate answer, or the alert it queued for a record that
     * failed (bad_record_mac, record_overflow), whose failure it throws only from the wrap after the one that hands
     * the alert out. Wrapped at once, and until the engine has nothing more to say, so the alert is in the output
     * and the failure leaves now, also when that record came in the same read as the client's Finished (the
     * handshake is not reported done yet then; waiting for the peer would sit on both).
     */
    private Need wrapWhatTheResultAsksFor() throws IOException {
        int produced = 0;
        synchronized (wrapLock) {
            for (int i = 0; i < MAX_PENDING_WRAPS; i++) {
                int n = io.wrapHandshake().bytesProduced();
                if (n == 0) {
                    break;
                }
                produced += n;
            }
        }
        return produced > 0 ? Need.FLUSH : null;
    }

    /**
     * Whether an unwrap that met the peer's close_notify had completed the handshake first: it says FINISHED, or the
     * engine is no longer handshaking and its session has a negotiated suite (JSSE's session before the handshake
     * completes is SSL_NULL_WITH_NULL_NULL).
     */
    private boolean completedBeforeClose(SSLEngineResult r) {
        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            return true;
        }
        String suite = io.engine().getSession().getCipherSuite();
        return io.engine().getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING && suite != null
                && !suite.isEmpty() && !suite.equals("SSL_NULL_WITH_NULL_NULL");
    }

    /**
     * A server does not hand the provider a ClientHello it must refuse: the observer has read it off the wire
     * before any unwrap, and the failure path sends the prescribed alert. Refused are hellos RFC 8446/5246 say to
     * reject, and, on a server that accepts one SNI name only, a hello without SNI (JSSE's SNI matchers are asked
     * only when the ClientHello carries SNI): with unrecognized_name, the alert RFC 6066 section 3 gives a server
     * for a name it does not serve, and JSSE and OpenSSL's {@code s_server -servername_fatal} send for a wrong one.
     */
    private void rejectBrokenHello() throws ProtocolViolation {
        WireObserver observer = io.observer();
        if (observer.helloAwaitsCookie()) {
            return; // DTLS: the engine answers with a HelloVerifyRequest; the hello that returns the cookie is judged
        }
        MalformedHelloException v = observer.helloViolation();
        if (v != null) {
            throw new ProtocolViolation(v.alert(), "the ClientHello breaks the protocol: " + v.getMessage());
        }
        if (requiredServerName != null && observer.clientHelloSeen() && observer.serverName() == null) {
            throw new ProtocolViolation(AlertDescription.UNRECOGNIZED_NAME,
                    "the client sent no server name (SNI); this server accepts only " + requiredServerName);
        }
    }

    /** The one SNI name a server engine accepts ({@link OnlyServerName}), or null for a client or any name. */
    private static String requiredServerName(SSLEngine engine) {
        if (engine.getUseClientMode()) {
            return null;
        }
        var matchers = engine.getSSLParameters().getSNIMatchers();
        if (matchers == null) {
            return null;
        }
        for (var m : matchers) {
            if (m instanceof OnlyServerName only) {
                return only.name();
            }
        }
        return matchers.isEmpty() ? null : "the names it was given";
    }

    /**
     * The network stream ended (TCP FIN). During the handshake that is the peer closing early ({@link PeerClosed});
     * afterwards the end of its data, with or without close_notify.
     *
     * @return true when it came without close_notify (a possible truncation)
     */
    public boolean endOfStream() throws SSLException {
        if (!handshakeDone) {
            throw PeerClosed.seenBy(io.observer());
        }
        inboundDone = true;
        try {
            io.engine().closeInbound();
        } catch (SSLException noCloseNotify) {
            return true;
        }
        return false;
    }
}
