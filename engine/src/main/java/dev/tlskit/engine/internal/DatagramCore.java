package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.wire.Alert;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The datagram counterpart of {@link EngineCore}: a DTLS SSLEngine fed one whole datagram at a time, and every
 * wrap sent at once as one datagram. SunJSSE sizes what one wrap produces to the maximum packet size (the MTU),
 * so a wrap never needs more than one datagram, and two wraps must never be joined into one.
 *
 * <p>The pending datagram and {@link #appIn()} belong to the reading thread; wraps (and so every {@link Sender}
 * call) must be serialised by the caller. SSLEngine allows a wrap and an unwrap to run at the same time.
 */
public final class DatagramCore {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** Where a wrapped datagram goes (position..limit is the datagram). */
    public interface Sender {
        void send(ByteBuffer datagram) throws IOException;
    }

    private final SSLEngine engine;
    private final WireObserver observer;
    private final LastFlight lastFlight = new LastFlight();
    private ByteBuffer pending = EMPTY;
    private ByteBuffer appIn;
    private ByteBuffer netOut;

    public DatagramCore(SSLEngine engine, WireObserver observer) {
        this.engine = engine;
        this.observer = observer;
    }

    public SSLEngine engine() {
        return engine;
    }

    public WireObserver observer() {
        return observer;
    }

    /** Takes one datagram (position..limit, copied) to unwrap next; a datagram still pending is dropped. */
    public void received(ByteBuffer datagram) {
        observer.received(datagram);
        ByteBuffer copy = ByteBuffer.allocate(datagram.remaining());
        copy.put(datagram.duplicate()).flip();
        pending = copy;
    }

    /**
     * After the handshake: when the datagram just {@link #received} is the peer resending its last flight, ours was
     * lost, and this sends it again ({@link LastFlight}; SunJSSE does not). Serialised with wraps by the caller.
     */
    public void answerRetransmission(Sender sender) throws IOException {
        if (engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
            lastFlight.received(pending.duplicate(), sender, observer);
        }
    }

    /** Whether part of the last datagram (further records) has not been unwrapped yet. */
    public boolean hasPendingDatagram() {
        return pending.hasRemaining();
    }

    /** Decrypted application bytes (write mode): flip, drain, compact. */
    public ByteBuffer appIn() {
        if (appIn == null) {
            appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        }
        return appIn;
    }

    /**
     * Unwraps one record of the pending datagram (or nothing, for NEED_UNWRAP_AGAIN) into {@link #appIn()}. A
     * datagram the engine cannot use (truncated, or stuck) is dropped whole: UDP may deliver anything, and SunJSSE
     * itself silently discards records that fail their MAC or replay check.
     */
    public SSLEngineResult unwrap() throws SSLException {
        appIn();
        boolean handshaking = engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING;
        while (true) {
            SSLEngineResult r = engine.unwrap(pending, appIn);
            if (handshaking && r.bytesConsumed() > 0) {
                lastFlight.flightEnded();
            }
            switch (r.getStatus()) {
                case OK, CLOSED -> {
                    HandshakeStatus hs = r.getHandshakeStatus();
                    if (r.bytesConsumed() == 0 && pending.hasRemaining()
                            && (hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.NEED_UNWRAP)) {
                        pending = EMPTY;
                    }
                    return r;
                }
                case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                case BUFFER_UNDERFLOW -> {
                    pending = EMPTY;
                    return r;
                }
                default -> throw new IllegalStateException("unknown unwrap status " + r.getStatus());
            }
        }
    }

    /** Wraps {@code src} (or nothing, for handshake messages) and sends what it made as one datagram. */
    public SSLEngineResult wrap(ByteBuffer src, Sender sender) throws IOException {
        if (netOut == null) {
            netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        }
        boolean handshaking = engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING;
        while (true) {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src == null ? EMPTY : src, netOut);
            switch (r.getStatus()) {
                case OK, CLOSED -> {
                    if (netOut.position() > 0) {
                        netOut.flip();
                        boolean finished = r.getHandshakeStatus() == HandshakeStatus.FINISHED;
                        if (handshaking || finished) {
                            lastFlight.wrapped(netOut, finished);
                        }
                        observer.sent(netOut);
                        sender.send(netOut);
                    }
                    return r;
                }
                case BUFFER_OVERFLOW -> netOut = ByteBuffer.allocate(
                        Math.max(netOut.capacity() * 2, engine.getSession().getPacketBufferSize()));
                case BUFFER_UNDERFLOW -> throw new IllegalStateException("wrap cannot underflow");
                default -> throw new IllegalStateException("unknown wrap status " + r.getStatus());
            }
        }
    }

    /**
     * Closes the engine's outbound side and sends what that produces: after a failure the alert that tells the
     * peer why, else close_notify ({@link EngineCore#wrapClosingRecords()} for datagrams).
     */
    public void sendClosingRecords(Sender sender) throws IOException {
        engine.closeOutbound();
        for (int i = 0; i < EngineCore.MAX_CLOSING_WRAPS && !engine.isOutboundDone(); i++) {
            if (wrap(null, sender).bytesProduced() == 0) {
                break;
            }
        }
    }

    /**
     * This core as the {@link EngineDriver}'s view, its wraps sent through {@code sender} at once (so nothing is
     * ever pending output).
     */
    public EngineDriver.Io io(Sender sender) {
        return new EngineDriver.Io() {
            @Override
            public SSLEngine engine() {
                return engine;
            }

            @Override
            public WireObserver observer() {
                return observer;
            }

            @Override
            public boolean hasPendingOutput() {
                return false;
            }

            @Override
            public SSLEngineResult wrapHandshake() throws IOException {
                return wrap(null, sender);
            }

            @Override
            public SSLEngineResult unwrap() throws SSLException {
                return DatagramCore.this.unwrap();
            }

            @Override
            public boolean hasBufferedInput() {
                return hasPendingDatagram();
            }

            @Override
            public ByteBuffer appIn() {
                return DatagramCore.this.appIn();
            }
        };
    }

    /**
     * The failure path for datagrams ({@link EngineCore#farewell} and {@link Farewell}): sends what the peer must
     * hear after {@code cause} ended the connection and closes the engine's outbound side.
     *
     * @return the alert sent, as far as the wire shows it, or null
     */
    public Alert farewell(Throwable cause, Sender sender) {
        return Farewell.after(cause, engine, observer, true, new Farewell.Output() {
            @Override
            public int wrapOnce() throws SSLException {
                try {
                    return wrap(null, sender).bytesProduced();
                } catch (SSLException e) {
                    throw e;
                } catch (IOException e) {
                    throw new SSLException(e);
                }
            }

            @Override
            public void writeOwn(ByteBuffer record) throws IOException {
                observer.sent(record);
                sender.send(record);
            }
        });
    }

    /**
     * The retransmission timer fired while waiting for the peer: SunJSSE resends its last flight when wrap is
     * called in NEED_UNWRAP (RFC 6347 section 4.2.4); this sends its first datagram, and the engine then asks to
     * wrap the rest, which the caller's driver does. Nothing happens once the handshake is over.
     */
    public void retransmit(Sender sender) throws IOException {
        HandshakeStatus hs = engine.getHandshakeStatus();
        if (hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED) {
            lastFlight.flightEnded();
            wrap(null, sender);
        }
    }

    /** Runs the engine's delegated tasks (certificate checks, key generation) on the calling thread. */
    public void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    public HandshakeSummary summarize(TlsConfig config, Duration time) {
        return EngineCore.summarize(engine, observer, config, time);
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + atLeast));
        b.flip();
        bigger.put(b);
        return bigger;
    }
}
