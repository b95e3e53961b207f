package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.EventLoopSettings;
import dev.tlskit.engine.model.SessionHandler;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/** One connection of an event loop: the non-blocking side of {@link EngineCore}. Loop thread only. */
final class LoopConnection extends PeerSession {
    /** After close_notify (or an alert), how long to drain the peer's last bytes before closing the socket. */
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Records processed per event before yielding to other connections. */
    private static final int BUDGET = 64;

    private final EventLoop loop;
    private final SocketChannel channel;
    private final TlsConfig config;
    private final SessionHandler handler;
    private final Executor workers;
    private final LoopCounters counters;
    private final EventLoopSettings settings;
    private final EngineCore core;
    private final EngineFactory engines;
    private final EngineDriver driver;
    private final long startNanos = System.nanoTime();
    private final LoopChannel io;
    private SelectionKey key;
    private boolean tasksRunning;
    private boolean handshakeDone;
    private boolean lingering;
    private boolean counted = true;
    private long lingerDeadline;
    private boolean finished;

    LoopConnection(EventLoop loop, SocketChannel channel, EngineFactory engines, SessionHandler handler,
            Executor workers, LoopCounters counters, BufferPool pool, EventLoopSettings settings)
            throws IOException {
        super((InetSocketAddress) channel.getRemoteAddress());
        this.loop = loop;
        this.channel = channel;
        this.config = engines.config();
        this.engines = engines;
        this.handler = handler;
        this.workers = workers;
        this.counters = counters;
        this.settings = settings;
        SSLEngine engine = engines.newEngine(null, 0);
        this.core = new EngineCore(engine, new WireObserver(false, config.traceListener()), pool);
        // One thread (the loop's) wraps and unwraps: the driver's wrap lock is never contended.
        this.driver = new EngineDriver(core, this);
        this.io = new LoopChannel(channel, core, counters);
    }

    void register(Selector selector) throws IOException {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        key = channel.register(selector, SelectionKey.OP_READ, this);
        core.engine().beginHandshake();
        process();
    }

    void onReadable() {
        if (lingering) {
            drainLinger();
        } else {
            process();
        }
    }

    void onWritable() {
        try {
            if (io.flush() && lingering) {
                io.shutdownOutput();
            }
        } catch (IOException e) {
            abort();
            return;
        }
        if (!lingering) {
            process();
        } else {
            updateInterest();
        }
    }

    /** Timeouts, checked a few times a second by the loop. */
    void sweep(long now) {
        if (finished) {
            return;
        }
        if (lingering) {
            if (now > lingerDeadline) {
                finish();
            }
            return;
        }
        if (!handshakeDone && now - startNanos > settings.handshakeTimeout().toNanos()) {
            String message = "handshake timed out after " + settings.handshakeTimeout().toMillis() + " ms";
            fail(new TlsException(TlsException.Kind.NETWORK, TlsException.Reason.TIMED_OUT, message,
                    new SocketTimeoutException(), List.of(), null), false);
        } else if (handshakeDone && settings.idleTimeout() != null
                && now - io.lastActivity() > settings.idleTimeout().toNanos()) {
            close();
        }
    }

    private void process() {
        if (finished || lingering) {
            return;
        }
        try {
            step();
        } catch (IOException e) {
            fail(e, !handshakeDone);
        } catch (RuntimeException bug) {
            // A provider or handler bug must cost this connection only, never the loop and its other connections.
            fail(new TlsException(TlsException.Kind.HANDSHAKE, "internal error: " + bug, bug), false);
        }
        if (!finished && !lingering) {
            core.releaseIdleBuffers();
            updateInterest();
        }
    }

    private void step() throws IOException {
        for (int budget = BUDGET; !finished && !lingering && !tasksRunning; budget--) {
            if (budget == 0) {
                // Fair to the loop's other connections: continue after them. The selector would not wake us for
                // records already buffered here, so queue the rest explicitly.
                loop.execute(this::process);
                return;
            }
            EngineDriver.Need need = driver.advance();
            switch (need) {
                case FLUSH -> {
                    if (!io.flush()) {
                        return; // wait until the socket takes more
                    }
                }
                case TASKS -> {
                    runTasksOffLoop();
                    return;
                }
                case HANDSHAKE_DONE -> handshakeFinished();
                case DATA -> deliver();
                case PEER_CLOSED -> {
                    peerClosed();
                    return;
                }
                case INPUT -> {
                    if (!readSome()) {
                        return;
                    }
                }
                default -> throw new IllegalStateException("unknown need " + need);
            }
        }
    }

    /** Reads what the socket has; false when nothing came (wait for OP_READ) or the peer closed. */
    private boolean readSome() throws IOException {
        int n = io.read();
        if (n < 0) {
            endOfStream();
        }
        return n > 0;
    }

    private void endOfStream() throws IOException {
        // Throws during the handshake; afterwards a close without close_notify lost nothing we could deliver.
        driver.endOfStream();
        finish();
        handler.closed(this, null);
    }

    private void deliver() {
        ByteBuffer app = core.appIn();
        if (app.position() > 0) {
            app.flip();
            try {
                handler.received(this, app);
            } finally {
                app.clear();
            }
        }
    }

    private void handshakeFinished() {
        handshakeDone = true;
        counters.handshakes.incrementAndGet();
        summary(core.summarize(config, Duration.ofNanos(System.nanoTime() - startNanos)));
        handler.opened(this);
    }

    private void peerClosed() throws IOException {
        // Answer the peer's close_notify with ours, then close.
        core.wrapClosingRecords();
        startLinger();
        handler.closed(this, null);
    }

    private void runTasksOffLoop() {
        List<Runnable> pending = new ArrayList<>(2);
        Runnable t;
        while ((t = core.engine().getDelegatedTask()) != null) {
            pending.add(t);
        }
        tasksRunning = true;
        updateInterest();
        workers.execute(() -> {
            try {
                pending.forEach(Runnable::run);
            } finally {
                loop.execute(() -> {
                    tasksRunning = false;
                    process();
                });
            }
        });
    }

    private void updateInterest() {
        if (finished || !key.isValid()) {
            return;
        }
        int ops = 0;
        if (core.hasPendingOutput()) {
            ops |= SelectionKey.OP_WRITE;
        } else if (!tasksRunning) {
            ops |= SelectionKey.OP_READ;
        }
        if (lingering) {
            ops |= SelectionKey.OP_READ;
        }
        key.interestOps(ops);
    }

    @Override
    public void write(ByteBuffer data) {
        if (finished || lingering) {
            return;
        }
        try {
            while (data.hasRemaining()) {
                SSLEngineResult r = core.wrap(data);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    return;
                }
            }
            io.flush();
        } catch (IOException e) {
            fail(e, false);
            return;
        }
        updateInterest();
    }

    @Override
    public void close() {
        if (!loop.inLoop()) {
            loop.execute(this::close);
            return;
        }
        if (finished || lingering) {
            return;
        }
        try {
            core.wrapClosingRecords();
        } catch (SSLException e) {
            // No close_notify then; the socket still closes.
        }
        startLinger();
        handler.closed(this, null);
    }

    /**
     * A failed connection: tell the peer why ({@link EngineCore#farewell}, the one failure path), then close.
     *
     * @param duringHandshake whether the failure is the handshake's (classified so)
     */
    private void fail(IOException cause, boolean duringHandshake) {
        if (finished || lingering) {
            return;
        }
        counters.failures.incrementAndGet();
        if (tasksRunning) {
            // A worker is inside the engine: do not touch it from here; just drop the connection.
            finish();
            handler.closed(this, Failures.classify(cause, duringHandshake, core.observer()));
            return;
        }
        core.farewell(cause);
        TlsException failure = Failures.classify(cause, duringHandshake, core.observer());
        startLinger();
        handler.closed(this, failure);
    }

    /**
     * Sends what is pending, half-closes, and drains the peer's last bytes for a bounded time: closing with unread
     * input would make TCP send a reset that can destroy our close_notify or alert before the peer reads it.
     */
    private void startLinger() {
        lingering = true;
        uncount();
        lingerDeadline = System.nanoTime() + LINGER_NANOS;
        try {
            if (io.flush()) {
                io.shutdownOutput();
            }
        } catch (IOException e) {
            finish();
            return;
        }
        if (core.hasBufferedNetworkBytes()) {
            core.netIn().clear();
        }
        core.releaseIdleBuffers();
        updateInterest();
    }

    private void drainLinger() {
        try {
            if (io.drain()) {
                finish();
            } else {
                core.releaseIdleBuffers();
            }
        } catch (IOException e) {
            finish();
        }
    }

    /** The connection no longer counts as open once it is closing (lingering is bounded and holds no buffers). */
    private void uncount() {
        if (counted) {
            counted = false;
            counters.open.decrementAndGet();
        }
    }

    /** Closes the socket at once. */
    void abort() {
        finish();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        uncount();
        if (key != null) {
            key.cancel();
        }
        io.close();
        loop.forget(this);
        engines.release(core.engine());
    }
}
