package dev.tlskit.engine;

import dev.tlskit.engine.internal.EventLoop;
import dev.tlskit.engine.internal.LoopCounters;
import dev.tlskit.engine.model.EventLoopSettings;
import dev.tlskit.engine.model.EventLoopStats;
import dev.tlskit.engine.model.SessionHandler;
import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TLS server on NIO selectors: a few event-loop threads hold many connections, each driven through the same
 * {@code EngineCore} as the blocking connection. Delegated handshake tasks (signatures, certificate checks) run on
 * a small worker pool, never on a loop. Buffers are lent from a per-loop pool only while a connection has bytes in
 * flight, so an idle connection holds just its SSLEngine. Handshake and idle timeouts, a connection limit, and a
 * graceful shutdown that sends close_notify to every peer.
 */
public final class EventLoopServer implements Closeable {
    private final List<ServerSocketChannel> listeners;
    private final List<EventLoop> loops;
    private final ExecutorService workers;
    private final LoopCounters counters;
    private final ThreadCpu workerCpu;

    private EventLoopServer(List<ServerSocketChannel> listeners, List<EventLoop> loops, ExecutorService workers,
            LoopCounters counters, ThreadCpu workerCpu) {
        this.listeners = listeners;
        this.loops = loops;
        this.workers = workers;
        this.counters = counters;
        this.workerCpu = workerCpu;
    }

    /**
     * Binds and starts serving.
     *
     * @throws java.net.BindException when the address is in use
     */
    public static EventLoopServer start(TlsContext context, InetSocketAddress bind, EventLoopSettings settings,
            SessionHandler handler) throws IOException {
        return start(context, List.of(bind.getAddress()), bind.getPort(), settings, handler);
    }

    /**
     * Binds every address on one port ({@link ListenAddresses#bindAll}: {@code 0} picks one free on all) and starts
     * serving them all.
     *
     * @throws java.net.BindException when an address is in use
     */
    public static EventLoopServer start(TlsContext context, List<InetAddress> addresses, int port,
            EventLoopSettings settings, SessionHandler handler) throws IOException {
        if (context.config().isClient()) {
            throw new IllegalArgumentException("an event-loop server needs a server configuration");
        }
        int n = settings.loops() == 0 ? Runtime.getRuntime().availableProcessors() : settings.loops();
        List<ServerSocketChannel> listeners = ListenAddresses.bindAll(addresses, port, EventLoopServer::listen,
                l -> ((InetSocketAddress) l.getLocalAddress()).getPort());
        AtomicInteger workerIds = new AtomicInteger();
        ThreadCpu workerCpu = new ThreadCpu();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(workerCpu.track(r), "tlskit-handshake-worker-" + workerIds.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
        LoopCounters counters = new LoopCounters();
        List<EventLoop> loops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            loops.add(new EventLoop(i, context.engines(), settings, handler, workers, counters));
        }
        for (EventLoop loop : loops) {
            loop.start();
        }
        for (ServerSocketChannel listener : listeners) {
            loops.get(0).acceptOn(listener, loops);
        }
        return new EventLoopServer(listeners, loops, workers, counters, workerCpu);
    }

    private static ServerSocketChannel listen(InetSocketAddress bind) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(bind, 1024);
            listener.configureBlocking(false);
            return listener;
        } catch (IOException e) {
            listener.close();
            throw e;
        }
    }

    /** The first address listened on (and its port, which all share). */
    public InetSocketAddress localAddress() {
        return localAddresses().get(0);
    }

    /** Every address listened on, in the order given to {@code start}. */
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (ServerSocketChannel listener : listeners) {
            try {
                out.add((InetSocketAddress) listener.getLocalAddress());
            } catch (IOException e) {
                throw new IllegalStateException("listener closed", e);
            }
        }
        return out;
    }

    public EventLoopStats stats() {
        return new EventLoopStats(counters.open.get(), counters.accepted.get(), counters.handshakes.get(),
                counters.failures.get(), counters.rejected.get(), counters.bytesIn.get(), counters.bytesOut.get());
    }

    /** Threads this server runs now: its loops and its handshake workers. */
    public int threadCount() {
        return loops.size() + ((ThreadPoolExecutor) workers).getPoolSize();
    }

    /**
     * CPU time (user + system) this server's threads have used so far: its event loops and its handshake workers,
     * including workers that have since ended. For benchmarks ({@code tlskit bench}); only differences between two
     * calls mean anything. -1 when the JVM cannot measure thread CPU time.
     */
    public Duration cpuTime() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported()) {
            return Duration.ofNanos(-1);
        }
        long total = workerCpu.total(mx);
        for (EventLoop loop : loops) {
            long t = mx.getThreadCpuTime(loop.getId());
            total += Math.max(0, t);
        }
        return Duration.ofNanos(total);
    }

    /** Remembers the threads it starts, and the CPU time of those that have ended, so none is lost. */
    private static final class ThreadCpu {
        private final Set<Thread> live = ConcurrentHashMap.newKeySet();
        private final AtomicLong ended = new AtomicLong();

        Runnable track(Runnable r) {
            return () -> {
                live.add(Thread.currentThread());
                try {
                    r.run();
                } finally {
                    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                    if (mx.isCurrentThreadCpuTimeSupported()) {
                        ended.addAndGet(Math.max(0, mx.getCurrentThreadCpuTime()));
                    }
                    live.remove(Thread.currentThread());
                }
            };
        }

        long total(ThreadMXBean mx) {
            long sum = ended.get();
            for (Thread t : live) {
                sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
            }
            return sum;
        }
    }

    /**
     * Stops accepting, sends close_notify to every peer, closes every connection, and waits for the loops to end.
     * Idempotent.
     */
    @Override
    public void close() {
        for (ServerSocketChannel listener : listeners) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // Closing a listener that is already closed.
            }
        }
        for (EventLoop loop : loops) {
            loop.shutdown();
        }
        for (EventLoop loop : loops) {
            loop.awaitTermination(Duration.ofSeconds(5));
        }
        workers.shutdownNow();
    }

    /** Blocks until {@link #close()} has finished (from another thread). */
    public void awaitTermination() throws InterruptedException {
        for (EventLoop loop : loops) {
            loop.join();
        }
    }
}
