package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.Verification;
import dev.tlskit.engine.wire.Alert;
import dev.tlskit.engine.wire.Record;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The transport-free heart of a connection: network bytes in, application bytes out, and back, with the
 * buffers an SSLEngine needs. A transport (blocking socket, event loop) moves {@link #netIn()} and
 * {@link #netOut()} to and from the network and decides when to call what.
 *
 * <p>Buffer discipline: {@code netIn} and {@code appIn} are kept in write mode (filled by the transport and the
 * engine respectively); {@code netOut} too. The inbound pair belongs to the reading thread, the outbound buffer to
 * the writing thread; SSLEngine allows wrap and unwrap to run at the same time.
 *
 * <p>Buffers come from a {@link BufferPool} when first needed; {@link #releaseIdleBuffers()} gives back every buffer
 * that holds no bytes, so an idle connection keeps only its SSLEngine.
 */
public final class EngineCore implements EngineDriver.Io {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Wraps after closeOutbound: a record or two is all a closing engine has to say. */
    static final int MAX_CLOSING_WRAPS = 4;

    private final SSLEngine engine;
    private final WireObserver observer;
    private final BufferPool pool;
    private final int packetSize;
    private final int appSize;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    /** The failure path ran: closing wraps nothing more. */
    private boolean farewellSaid;

    /** A core whose buffers are allocated once and kept (a blocking connection). */
    public EngineCore(SSLEngine engine, WireObserver observer) {
        this(engine, observer, BufferPool.UNPOOLED);
    }

    public EngineCore(SSLEngine engine, WireObserver observer, BufferPool pool) {
        this.engine = engine;
        this.observer = observer;
        this.pool = pool;
        this.packetSize = engine.getSession().getPacketBufferSize();
        this.appSize = engine.getSession().getApplicationBufferSize();
    }

    @Override
    public SSLEngine engine() {
        return engine;
    }

    @Override
    public WireObserver observer() {
        return observer;
    }

    /** Where the transport puts bytes read from the network (write mode). Call {@link #received(int)} after. */
    public ByteBuffer netIn() {
        if (netIn == null) {
            netIn = pool.take(packetSize);
        }
        return netIn;
    }

    /** Tells the observer about the {@code n} bytes just appended to {@link #netIn()}. */
    public void received(int n) {
        ByteBuffer view = netIn.duplicate();
        view.flip();
        view.position(view.limit() - n);
        observer.received(view);
    }

    /** Decrypted application bytes (write mode): flip, drain, compact. */
    @Override
    public ByteBuffer appIn() {
        if (appIn == null) {
            appIn = pool.take(appSize);
        }
        return appIn;
    }

    /** Bytes to send (write mode). After {@link #wrap}, the transport flips, writes all, clears. */
    public ByteBuffer netOut() {
        if (netOut == null) {
            netOut = pool.take(packetSize);
        }
        return netOut;
    }

    /** Wraps {@code src} (or nothing, for handshake messages) into {@link #netOut()}, growing it when needed. */
    public SSLEngineResult wrap(ByteBuffer src) throws SSLException {
        ByteBuffer in = src == null ? EMPTY : src;
        netOut();
        while (true) {
            int before = netOut.position();
            SSLEngineResult r = engine.wrap(in, netOut);
            switch (r.getStatus()) {
                case OK, CLOSED -> {
                    if (netOut.position() > before) {
                        ByteBuffer produced = netOut.duplicate();
                        produced.flip();
                        produced.position(before);
                        observer.sent(produced);
                    }
                    return r;
                }
                case BUFFER_OVERFLOW -> netOut = grow(netOut, engine.getSession().getPacketBufferSize());
                case BUFFER_UNDERFLOW -> throw new IllegalStateException("wrap cannot underflow");
                default -> throw new IllegalStateException("unknown wrap status " + r.getStatus());
            }
        }
    }

    @Override
    public SSLEngineResult wrapHandshake() throws SSLException {
        return wrap(null);
    }

    /**
     * Closes the engine's outbound side and wraps what that produces into {@link #netOut()}: after a failure the
     * alert that tells the peer why, else close_notify. A closing engine produces a record or two; a few wraps at
     * most, so a broken engine cannot keep the caller here.
     */
    public void wrapClosingRecords() throws SSLException {
        engine.closeOutbound();
        if (farewellSaid) {
            return; // the failure path said all there is to say; a close_notify now would tell of an orderly end
        }
        for (int i = 0; i < MAX_CLOSING_WRAPS && !engine.isOutboundDone(); i++) {
            if (wrap(null).bytesProduced() == 0) {
                break;
            }
        }
    }

    /**
     * The failure path: puts into {@link #netOut()} what the peer must hear after {@code cause} ended the
     * connection (see {@link Farewell}) and closes the engine's outbound side. The transport then flushes and
     * closes.
     *
     * @return the alert sent, as far as the wire shows it, or null
     */
    public Alert farewell(Throwable cause) {
        farewellSaid = true;
        return Farewell.after(cause, engine, observer, false, new Farewell.Output() {
            @Override
            public int wrapOnce() throws SSLException {
                return wrap(null).bytesProduced();
            }

            @Override
            public void writeOwn(ByteBuffer record) {
                netOut();
                if (netOut.remaining() < record.remaining()) {
                    netOut = grow(netOut, record.remaining());
                }
                observer.sent(record);
                netOut.put(record);
            }
        });
    }

    /**
     * Unwraps one record from {@link #netIn()} into {@link #appIn()}, growing either when the engine asks.
     * Returns {@code BUFFER_UNDERFLOW} when a whole record has not arrived yet: the transport must read more.
     */
    @Override
    public SSLEngineResult unwrap() throws SSLException {
        netIn();
        appIn();
        while (true) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
                case OK, CLOSED -> {
                    return r;
                }
                case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                case BUFFER_UNDERFLOW -> {
                    // Room for the whole next record, even one its header declares longer than the engine's packet
                    // size (a peer's, at most 5 + 2^16-1 bytes): Netty's OpenSSL engine waits for all of it before
                    // BoringSSL judges it (record_overflow), and a full buffer would have the reader wait forever.
                    int needed = Math.max(engine.getSession().getPacketBufferSize(), declaredRecordSize(netIn));
                    if (netIn.capacity() < needed) {
                        netIn = grow(netIn, needed - netIn.position());
                    }
                    return r;
                }
                default -> throw new IllegalStateException("unknown unwrap status " + r.getStatus());
            }
        }
    }

    /**
     * What the finished handshake negotiated: the session's facts, and what only the wire tells (group,
     * resumption, SNI as really sent, the records).
     */
    public HandshakeSummary summarize(TlsConfig config, Duration time) {
        return summarize(engine, observer, config, time);
    }

    /** As {@link #summarize(TlsConfig, Duration)}, for any transport's engine and observer (DTLS too). */
    public static HandshakeSummary summarize(SSLEngine engine, WireObserver observer, TlsConfig config,
            Duration time) {
        SSLSession session = engine.getSession();
        List<X509Certificate> peer = new ArrayList<>();
        try {
            for (Certificate c : session.getPeerCertificates()) {
                peer.add((X509Certificate) c);
            }
        } catch (SSLPeerUnverifiedException none) {
            // The peer sent no certificate (a server that only wanted one).
        }
        List<X509Certificate> local = new ArrayList<>();
        Certificate[] sent = session.getLocalCertificates();
        if (sent != null) {
            for (Certificate c : sent) {
                local.add((X509Certificate) c);
            }
        }
        Verification verification;
        if (peer.isEmpty()) {
            verification = Verification.NO_PEER_CERTIFICATE;
        } else if (config.trustMode() == TlsConfig.TrustMode.INSECURE) {
            verification = Verification.SKIPPED;
        } else {
            verification = Verification.VERIFIED;
        }
        String alpn = engine.getApplicationProtocol();
        return new HandshakeSummary(
                config.provider(),
                session.getProtocol(),
                session.getCipherSuite(),
                observer.negotiatedGroup(),
                peer,
                local,
                verification,
                config.isClient() && config.verifyHostname(),
                alpn == null || alpn.isEmpty() ? null : alpn,
                // Read off the ClientHello, i.e. what was really sent (of itself neither provider sends SNI for a
                // dotless host such as "localhost"; TlsContext sets it), and BCJSSE's resumable session lacks
                // getRequestedServerNames().
                observer.serverName(),
                observer.resumed(),
                observer.helloRetryRequest(),
                observer.certificateRequestSeen(),
                time,
                observer.handshakeRecords());
    }

    /** Runs the engine's delegated tasks (certificate checks, key generation) on the calling thread. */
    public void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** True when {@link #netIn()} holds bytes not yet unwrapped. */
    public boolean hasBufferedNetworkBytes() {
        return netIn != null && netIn.position() > 0;
    }

    @Override
    public boolean hasBufferedInput() {
        return hasBufferedNetworkBytes();
    }

    /** True when {@link #netOut()} holds bytes not yet written to the network. */
    @Override
    public boolean hasPendingOutput() {
        return netOut != null && netOut.position() > 0;
    }

    /** Gives every empty buffer back to the pool. */
    public void releaseIdleBuffers() {
        if (netIn != null && netIn.position() == 0) {
            pool.give(netIn);
            netIn = null;
        }
        if (appIn != null && appIn.position() == 0) {
            pool.give(appIn);
            appIn = null;
        }
        if (netOut != null && netOut.position() == 0) {
            pool.give(netOut);
            netOut = null;
        }
    }

    /** Header and body of the record at the start of {@code netIn} (write mode) as its header says; 0 if unknown. */
    private static int declaredRecordSize(ByteBuffer netIn) {
        if (netIn.position() < Record.HEADER_LENGTH) {
            return 0;
        }
        return Record.HEADER_LENGTH + ((netIn.get(3) & 0xFF) << 8 | (netIn.get(4) & 0xFF));
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + atLeast));
        b.flip();
        bigger.put(b);
        return bigger;
    }
}
