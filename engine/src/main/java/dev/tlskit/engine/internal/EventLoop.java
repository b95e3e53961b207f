package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.EventLoopSettings;
import dev.tlskit.engine.model.SessionHandler;
import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** One selector thread and the connections it owns. Everything about a connection happens on its loop. */
public final class EventLoop extends Thread {
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** How long a stopping loop lets its closing connections drain their peers' last bytes. */
    private static final long STOP_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Free buffers kept per loop: enough for bursts, small enough not to pin memory after them. */
    private static final int MAX_POOLED_BUFFERS = 256;

    private final EngineFactory engines;
    private final EventLoopSettings settings;
    private final SessionHandler handler;
    private final Executor workers;
    private final LoopCounters counters;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<LoopConnection> connections = new HashSet<>();
    private final BufferPool pool;
    private List<EventLoop> siblings = List.of();
    private int nextSibling;
    private volatile boolean running = true;
    /** Set by {@link #shutdown()}: the loop ends once its connections are gone or at {@link #stopBy}. */
    private boolean stopping;
    private long stopBy;
    private long lastSweep = System.nanoTime();

    public EventLoop(int index, EngineFactory engines, EventLoopSettings settings,
            SessionHandler handler, Executor workers, LoopCounters counters) throws IOException {
        super("tlskit-event-loop-" + index);
        setDaemon(true);
        this.engines = engines;
        this.settings = settings;
        this.handler = handler;
        this.workers = workers;
        this.counters = counters;
        this.selector = Selector.open();
        javax.net.ssl.SSLEngine probeEngine = engines.newEngine(null, 0);
        var probe = probeEngine.getSession();
        this.pool = new BufferPool(Math.max(probe.getPacketBufferSize(), probe.getApplicationBufferSize()),
                MAX_POOLED_BUFFERS);
        engines.release(probeEngine);
    }

    /** Runs {@code task} on this loop's thread. */
    public void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    boolean inLoop() {
        return Thread.currentThread() == this;
    }

    /** This loop accepts on {@code listener} and hands connections round-robin to {@code all} loops. */
    public void acceptOn(ServerSocketChannel listener, List<EventLoop> all) {
        execute(() -> {
            siblings = List.copyOf(all);
            try {
                listener.register(selector, SelectionKey.OP_ACCEPT, listener);
            } catch (IOException e) {
                throw new IllegalStateException("cannot accept on " + listener, e);
            }
        });
    }

    /**
     * Graceful stop: close_notify to every peer, then the loop runs on until every connection has drained its
     * peer's last bytes (the peer's close_notify, FIN) or {@link #STOP_DRAIN_NANOS} has passed, and ends. Ending at
     * once closed sockets with the peers' close_notify unread, and TCP then reset those connections (seen in a
     * capture of {@code echoserver} quitting).
     */
    public void shutdown() {
        execute(() -> {
            for (LoopConnection c : new ArrayList<>(connections)) {
                c.close();
            }
            stopBy = System.nanoTime() + STOP_DRAIN_NANOS;
            stopping = true;
        });
    }

    public void awaitTermination(Duration limit) {
        try {
            join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select(250);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    dispatch(key);
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now - lastSweep >= SWEEP_NANOS) {
                    lastSweep = now;
                    for (LoopConnection c : new ArrayList<>(connections)) {
                        c.sweep(now);
                    }
                }
                if (stopping && (connections.isEmpty() || now - stopBy >= 0)) {
                    running = false;
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // The selector failed: nothing more can be served on this loop.
        } finally {
            for (LoopConnection c : new ArrayList<>(connections)) {
                c.abort();
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }

    private void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.attachment() instanceof ServerSocketChannel listener) {
            acceptAll(listener);
            return;
        }
        LoopConnection c = (LoopConnection) key.attachment();
        try {
            if (key.isWritable()) {
                c.onWritable();
            }
            if (key.isValid() && key.isReadable()) {
                c.onReadable();
            }
        } catch (RuntimeException bug) {
            // Only this connection is lost to a bug (a handler's, say); the loop serves the others on.
            counters.failures.incrementAndGet();
            c.abort();
        }
    }

    private void acceptAll(ServerSocketChannel listener) {
        while (true) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (IOException e) {
                return; // e.g. too many open files: try again on the next select
            }
            if (ch == null) {
                return;
            }
            if (counters.open.get() >= settings.maxConnections()) {
                counters.rejected.incrementAndGet();
                closeQuietly(ch);
                continue;
            }
            counters.open.incrementAndGet();
            counters.accepted.incrementAndGet();
            EventLoop target = siblings.get(nextSibling++ % siblings.size());
            target.execute(() -> target.adopt(ch));
        }
    }

    private void adopt(SocketChannel ch) {
        LoopConnection c = null;
        try {
            c = new LoopConnection(this, ch, engines, handler, workers, counters, pool, settings);
            connections.add(c);
            c.register(selector);
        } catch (IOException | RuntimeException e) {
            counters.failures.incrementAndGet();
            if (c != null) {
                c.abort();
            } else {
                counters.open.decrementAndGet();
                closeQuietly(ch);
            }
        }
    }

    void forget(LoopConnection c) {
        connections.remove(c);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Nothing more to do.
        }
    }
}
