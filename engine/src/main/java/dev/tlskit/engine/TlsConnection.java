package dev.tlskit.engine;

import dev.tlskit.engine.internal.AppData;
import dev.tlskit.engine.internal.EngineCore;
import dev.tlskit.engine.internal.EngineDriver;
import dev.tlskit.engine.internal.Failures;
import dev.tlskit.engine.internal.SocketIo;
import dev.tlskit.engine.internal.Sockets;
import dev.tlskit.engine.internal.WireObserver;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TraceEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A blocking TLS connection over a socket, driven through the engine's {@link EngineCore}. The handshake is
 * complete when a factory method returns. One thread may read while another writes.
 */
public final class TlsConnection implements Connection {
    private static final Duration CLOSE_DRAIN_LIMIT = Duration.ofSeconds(2);

    private final TlsContext context;
    private final Socket socket;
    private final EngineCore core;
    private final SocketIo io;
    private final EngineDriver driver;
    private final ReentrantLock readLock = new ReentrantLock();
    private final Object writeLock = new Object();
    private final String peerHost;
    private HandshakeSummary summary;
    private volatile boolean inboundDone;
    private volatile boolean closed;
    private volatile boolean truncated;

    private TlsConnection(TlsContext context, Socket socket, String peerHost, Consumer<TraceEvent> trace)
            throws IOException {
        this.context = context;
        this.socket = socket;
        this.peerHost = peerHost;
        TlsConfig config = context.config();
        SSLEngine engine = context.newEngine(peerHost, socket.getPort());
        this.core = new EngineCore(engine, new WireObserver(config.isClient(),
                trace != null ? trace : config.traceListener()).localCertificate(Failures.describe(config.chain())));
        this.driver = new EngineDriver(core, writeLock);
        this.io = new SocketIo(socket, core, writeLock);
    }

    /**
     * Connects to {@code host:port} and completes the handshake.
     *
     * @param host a name or an IP literal (IPv6 without brackets)
     * @throws TlsException a network failure, a failed handshake, or a rejected certificate, with its kind
     */
    public static TlsConnection connect(TlsContext context, String host, int port, IpFamily family)
            throws TlsException {
        if (!context.config().isClient()) {
            throw new IllegalArgumentException("connect needs a client configuration");
        }
        Socket socket;
        try {
            socket = Sockets.open(host, port, family, context.config().handshakeTimeout());
        } catch (IOException e) {
            throw Failures.classify(e, false, null);
        }
        return over(context, socket, host, new byte[0]);
    }

    /**
     * Runs the client side of the handshake on a socket that is already connected, for instance after a STARTTLS
     * prelude spoke plaintext on it. The socket is closed if the handshake fails.
     *
     * @param host the server's name as the user gave it (SNI and the hostname check use it)
     * @param alreadyRead bytes the prelude read past its own last line, which belong to the TLS stream (usually none)
     */
    public static TlsConnection over(TlsContext context, Socket socket, String host, byte[] alreadyRead)
            throws TlsException {
        if (!context.config().isClient()) {
            throw new IllegalArgumentException("a client handshake needs a client configuration");
        }
        return start(context, socket, host, null, alreadyRead);
    }

    /** Runs the server side of the handshake on an accepted socket. The socket is closed if it fails. */
    public static TlsConnection accept(TlsContext context, Socket socket) throws TlsException {
        return accept(context, socket, null);
    }

    /**
     * As {@link #accept(TlsContext, Socket)}, with this connection's records going to {@code trace} instead of the
     * configuration's listener (so one context, and its session cache, can serve connections traced apart).
     */
    public static TlsConnection accept(TlsContext context, Socket socket, Consumer<TraceEvent> trace)
            throws TlsException {
        return accept(context, socket, trace, new byte[0]);
    }

    /**
     * As {@link #accept(TlsContext, Socket, Consumer)}, deferred: the socket already carried a plaintext prelude
     * (a server's side of STARTTLS), and {@code alreadyRead} holds the bytes read past it, which belong to TLS.
     */
    public static TlsConnection accept(TlsContext context, Socket socket, Consumer<TraceEvent> trace,
            byte[] alreadyRead) throws TlsException {
        if (context.config().isClient()) {
            throw new IllegalArgumentException("accept needs a server configuration");
        }
        return start(context, socket, null, trace, alreadyRead);
    }

    /** The handshake on a connected socket, either side; the socket is closed if it fails. */
    private static TlsConnection start(TlsContext context, Socket socket, String host, Consumer<TraceEvent> trace,
            byte[] alreadyRead) throws TlsException {
        TlsConnection c = null;
        try {
            socket.setTcpNoDelay(true);
            c = new TlsConnection(context, socket, host, trace);
            c.io.preload(alreadyRead);
            c.handshake();
            return c;
        } catch (IOException e) {
            Sockets.closeAfterFailure(socket);
            // The observer knows the plaintext alerts the peer sent: the failure names them, on either side.
            TlsException failure = Failures.classify(e, socket.isConnected(), c == null ? null : c.core.observer());
            releaseEngine(c);
            throw failure;
        } catch (RuntimeException e) {
            Sockets.closeQuietly(socket);
            releaseEngine(c);
            throw e;
        }
    }

    /**
     * A plain TCP connection to {@code host:port} (the first address of {@code family} that answers), for a
     * STARTTLS prelude to speak on before {@link #over} takes it.
     *
     * @throws TlsException a {@link TlsException.Kind#NETWORK} failure: DNS, refused, unreachable, timed out
     */
    public static Socket openTcp(String host, int port, IpFamily family, Duration timeout) throws TlsException {
        try {
            return Sockets.open(host, port, family, timeout);
        } catch (IOException e) {
            throw Failures.classify(e, false, null);
        }
    }

    private void handshake() throws IOException {
        try {
            runHandshake();
        } catch (SSLException e) {
            sendFarewell(e);
            throw e;
        }
    }

    /** After a failed handshake: the alert that tells the peer why (the one failure path, {@link EngineCore#farewell}). */
    private void sendFarewell(SSLException cause) {
        synchronized (writeLock) {
            core.farewell(cause);
            try {
                io.flush();
            } catch (IOException | RuntimeException ignored) {
                // Best effort: the first failure is the one reported.
            }
        }
    }

    private void runHandshake() throws IOException {
        long start = System.nanoTime();
        long deadline = start + context.config().handshakeTimeout().toNanos();
        core.engine().beginHandshake();
        while (true) {
            EngineDriver.Need need = driver.advance();
            switch (need) {
                case FLUSH -> io.flush();
                case INPUT -> {
                    if (!io.fill(deadline)) {
                        driver.endOfStream(); // throws: the peer closed before the handshake completed
                    }
                }
                case TASKS -> core.runDelegatedTasks();
                case HANDSHAKE_DONE -> {
                    summary = core.summarize(context.config(), Duration.ofNanos(System.nanoTime() - start));
                    socket.setSoTimeout((int) context.config().readTimeout().toMillis());
                    return;
                }
                case DATA, PEER_CLOSED -> throw new IllegalStateException(need + " before the handshake completed");
                default -> throw new IllegalStateException("unknown need " + need);
            }
        }
    }

    /**
     * Reads application data; blocks until some arrives, the peer closes (-1), or the read timeout passes.
     *
     * @throws TlsException on a timeout, a reset or a broken record
     */
    public int read(byte[] b, int off, int len) throws TlsException {
        readLock.lock();
        try {
            return readLocked(b, off, len, 0);
        } catch (IOException | RuntimeException e) {
            if (closed) {
                return -1;
            }
            if (e instanceof SSLException failed) {
                sendFarewell(failed); // a record failed: the provider's alert, through the one failure path
            }
            throw Failures.classify(e, false, core.observer());
        } finally {
            readLock.unlock();
        }
    }

    private int readLocked(byte[] b, int off, int len, long deadline) throws IOException {
        while (true) {
            int n = AppData.take(core.appIn(), b, off, len);
            if (n >= 0) {
                return n;
            }
            if (inboundDone) {
                return -1;
            }
            EngineDriver.Need need = driver.advance();
            switch (need) {
                case DATA -> { }
                case FLUSH -> io.flush();
                case TASKS -> core.runDelegatedTasks();
                case PEER_CLOSED -> inboundDone = true;
                case INPUT -> {
                    if (!io.fill(deadline)) {
                        truncated = driver.endOfStream();
                        inboundDone = true;
                    }
                }
                case HANDSHAKE_DONE -> throw new IllegalStateException("a second handshake");
                default -> throw new IllegalStateException("unknown need " + need);
            }
        }
    }

    /** Writes all of {@code b[off..off+len)} as application data. */
    public void write(byte[] b, int off, int len) throws TlsException {
        ByteBuffer src = ByteBuffer.wrap(b, off, len);
        synchronized (writeLock) {
            try {
                while (src.hasRemaining()) {
                    SSLEngineResult r = core.wrap(src);
                    io.flush();
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SocketException("connection already closed");
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw Failures.classify(e, false, core.observer());
            }
        }
    }

    /** The connection as streams (for line readers, copy loops). Closing either closes the connection. */
    public InputStream inputStream() {
        return ConnectionStreams.input(this);
    }

    public OutputStream outputStream() {
        return ConnectionStreams.output(this);
    }

    /** How long a read may wait for the peer before it fails. */
    public void readTimeout(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
        } catch (SocketException e) {
            // The socket is closed; the next read reports it.
        }
    }

    public HandshakeSummary summary() {
        return summary;
    }

    /** Whether the peer ended the stream without a close_notify (a possible truncation attack). */
    public boolean truncated() {
        return truncated;
    }

    /** Whether the peer has finished sending (close_notify or end of stream). */
    public boolean peerClosed() {
        return inboundDone;
    }

    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** The last plaintext alert the peer sent (e.g. {@code fatal handshake_failure}), or null. */
    public String alertReceived() {
        return core.observer().alertReceived();
    }

    /**
     * Sends close_notify, waits briefly for the peer's (so no unread bytes turn the close into a reset that
     * would destroy data still in flight to the peer), then closes the socket. Idempotent; never throws.
     */
    @Override
    public void close() {
        closeGracefully();
    }

    /**
     * As {@link #close()}, but fails with what the peer said last if it was a fatal alert: in TLS 1.3 a server
     * rejects the client's certificate after the client's handshake is complete, and a client that sent nothing
     * since learns it only here.
     */
    public void closeChecked() throws TlsException {
        SSLException alert = closeGracefully();
        if (alert != null) {
            throw Failures.classify(alert, false, core.observer());
        }
    }

    /** The close itself; returns the TLS error met while draining the peer's last records, if any. */
    private SSLException closeGracefully() {
        if (closed) {
            return null;
        }
        SSLException alert = null;
        try {
            synchronized (writeLock) {
                core.wrapClosingRecords();
                io.flush();
            }
            socket.shutdownOutput();
            if (readLock.tryLock(CLOSE_DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    long deadline = System.nanoTime() + CLOSE_DRAIN_LIMIT.toNanos();
                    byte[] sink = new byte[4096];
                    while (!inboundDone && System.nanoTime() < deadline) {
                        if (readLocked(sink, 0, sink.length, deadline) < 0) {
                            break;
                        }
                    }
                } finally {
                    readLock.unlock();
                }
            }
        } catch (SSLException e) {
            alert = e;
        } catch (IOException | RuntimeException e) {
            // The peer may already be gone; closing goes on regardless.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            Sockets.closeQuietly(socket);
            releaseEngine(this);
        }
        return alert;
    }

    /** Closes the socket at once, without close_notify (for tests of truncation and for abort paths). */
    public void abort() {
        closed = true;
        Sockets.closeQuietly(socket);
        releaseEngine(this);
    }

    /** Frees the engine's native state (boringssl) once nothing will use it: the connection is over. */
    private static void releaseEngine(TlsConnection c) {
        if (c != null) {
            c.context.release(c.core.engine());
        }
    }
}
