package dev.tlskit.engine.internal;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * The transport-free heart of a connection: network bytes in, application bytes out, and back, with the
 * buffers an SSLEngine needs. A transport (blocking socket, event loop) moves {@link #netIn()} and
 * {@link #netOut()} to and from the network and decides when to call what.
 *
 * <p>Buffer discipline: {@code netIn} and {@code appIn} are kept in write mode (filled by the transport and the
 * engine respectively); {@code netOut} too. The inbound pair belongs to the reading thread, the outbound buffer to
 * the writing thread; SSLEngine allows wrap and unwrap to run at the same time.
 */
public final class EngineCore {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final WireObserver observer;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;

    public EngineCore(SSLEngine engine, WireObserver observer) {
        this.engine = engine;
        this.observer = observer;
        int packet = engine.getSession().getPacketBufferSize();
        int app = engine.getSession().getApplicationBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(app);
        this.netOut = ByteBuffer.allocate(packet);
    }

    public SSLEngine engine() {
        return engine;
    }

    public WireObserver observer() {
        return observer;
    }

    /** Where the transport puts bytes read from the network (write mode). Call {@link #received(int)} after. */
    public ByteBuffer netIn() {
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
    public ByteBuffer appIn() {
        return appIn;
    }

    /** Bytes to send (write mode). After {@link #wrap}, the transport flips, writes all, clears. */
    public ByteBuffer netOut() {
        return netOut;
    }

    /** Wraps {@code src} (or nothing, for handshake messages) into {@link #netOut()}, growing it when needed. */
    public SSLEngineResult wrap(ByteBuffer src) throws SSLException {
        ByteBuffer in = src == null ? EMPTY : src;
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

    /**
     * Unwraps one record from {@link #netIn()} into {@link #appIn()}, growing either when the engine asks.
     * Returns {@code BUFFER_UNDERFLOW} when a whole record has not arrived yet: the transport must read more.
     */
    public SSLEngineResult unwrap() throws SSLException {
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
                    int packet = engine.getSession().getPacketBufferSize();
                    if (netIn.capacity() < packet) {
                        netIn = grow(netIn, packet);
                    }
                    return r;
                }
                default -> throw new IllegalStateException("unknown unwrap status " + r.getStatus());
            }
        }
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
        return netIn.position() > 0;
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + atLeast));
        b.flip();
        bigger.put(b);
        return bigger;
    }
}
