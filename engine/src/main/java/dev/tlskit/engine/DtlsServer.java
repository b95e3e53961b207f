package dev.tlskit.engine;

import dev.tlskit.engine.internal.DtlsPeer;
import dev.tlskit.engine.internal.HelloGate;
import dev.tlskit.engine.model.DtlsServerSettings;
import dev.tlskit.engine.model.DtlsServerStats;
import dev.tlskit.engine.model.SessionHandler;
import dev.tlskit.engine.model.TlsConfig;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * A DTLS 1.2 server for many peers on one UDP port: datagrams are demultiplexed by source address into per-peer
 * sessions, each with its own SSLEngine. A peer gets a session only after returning the HelloVerifyRequest cookie.
 * Handshake and idle timeouts per peer, a peer limit, and a close that sends close_notify to every peer.
 *
 * <p>One thread runs it all, on purpose: a UDP port has one receive queue, so every datagram passes one reader
 * anyway; handing them to other threads would add locking per datagram, while SunJSSE's handshake work for one
 * peer (a few ms) is small next to what echo and test loads ask. Handler callbacks run on that thread.
 */
public final class DtlsServer implements Closeable {
    private static final int RECEIVE_BUFFER = 65_536;
    private static final int SOCKET_BUFFER = 4 << 20;
    /** At most this many engines wait for a cookie to come back (see HelloGate). */
    private static final int PENDING_HELLOS = 1024;

    private final TlsContext context;
    private final DtlsServerSettings settings;
    private final SessionHandler handler;
    private final DatagramChannel channel;
    private final Selector selector;
    private final HelloGate gate;
    private final Map<SocketAddress, DtlsPeer> peers = new HashMap<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong handshakes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong helloVerifyRequests = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean stopping;

    private DtlsServer(TlsContext context, DtlsServerSettings settings, SessionHandler handler, DatagramChannel channel)
            throws IOException {
        this.context = context;
        this.settings = settings;
        this.handler = handler;
        this.channel = channel;
        this.selector = Selector.open();
        this.gate = new HelloGate(context.engines(), context.config().traceListener(), PENDING_HELLOS,
                settings.handshakeTimeout().toNanos());
        channel.register(selector, SelectionKey.OP_READ);
        this.thread = new Thread(this::run, "tlskit-dtls-server");
        thread.setDaemon(true);
    }

    /** Binds and starts serving. */
    public static DtlsServer start(TlsContext context, InetSocketAddress bind, DtlsServerSettings settings,
            SessionHandler handler) throws IOException {
        TlsConfig config = context.config();
        if (config.isClient() || !config.dtls()) {
            throw new IllegalArgumentException("a DTLS server needs a DTLS server configuration");
        }
        DatagramChannel channel = DatagramChannel.open(bind.getAddress() instanceof java.net.Inet6Address
                ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
            channel.bind(bind);
            channel.configureBlocking(false);
            DtlsServer server = new DtlsServer(context, settings, handler, channel);
            server.thread.start();
            return server;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("channel closed", e);
        }
    }

    public DtlsServerStats stats() {
        return new DtlsServerStats(open.get(), handshakes.get(), failures.get(), rejected.get(),
                helloVerifyRequests.get(), dropped.get());
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(RECEIVE_BUFFER);
        try {
            while (!stopping) {
                long now = System.nanoTime();
                long next = now + TimeUnit.SECONDS.toNanos(1);
                for (DtlsPeer p : new ArrayList<>(peers.values())) {
                    next = Math.min(next, p.onTimer(now));
                }
                long waitMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime()));
                selector.select(waitMs);
                selector.selectedKeys().clear();
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                SocketAddress from;
                buf.clear();
                while (!stopping && (from = channel.receive(buf)) != null) {
                    buf.flip();
                    onDatagram(from, buf);
                    buf.clear();
                }
            }
        } catch (IOException e) {
            if (!stopping) {
                failures.incrementAndGet();
            }
        } finally {
            for (DtlsPeer p : new ArrayList<>(peers.values())) {
                p.closeNow();
            }
            try {
                selector.close();
                channel.close();
            } catch (IOException ignored) {
                // Nothing more to release.
            }
        }
    }

    private void onDatagram(SocketAddress from, ByteBuffer datagram) {
        DtlsPeer peer = peers.get(from);
        if (peer != null) {
            peer.onDatagram(datagram);
            return;
        }
        if (peers.size() >= settings.maxPeers()) {
            rejected.incrementAndGet();
            return;
        }
        HelloGate.Answer answer;
        try {
            answer = gate.answer(from, datagram, System.nanoTime());
        } catch (SSLException | RuntimeException notAClientHello) {
            dropped.incrementAndGet();
            return;
        }
        if (answer.helloVerifyRequest()) {
            helloVerifyRequests.incrementAndGet(); // counted before it leaves, so a peer that got it sees the count
        }
        for (ByteBuffer reply : answer.replies()) {
            send(from, reply);
        }
        if (answer.helloVerifyRequest()) {
            return;
        }
        if (answer.core() == null) {
            dropped.incrementAndGet();
        } else {
            DtlsPeer p = new DtlsPeer(this::send, (InetSocketAddress) from, answer.core(), context.config(),
                    settings, handler, new DtlsPeer.Events() {
                        @Override
                        public void handshakeDone() {
                            handshakes.incrementAndGet();
                        }

                        @Override
                        public void ended(DtlsPeer which, boolean failed) {
                            if (peers.remove(which.remoteAddress(), which)) {
                                open.decrementAndGet();
                            }
                            if (failed) {
                                failures.incrementAndGet();
                            }
                        }

                        @Override
                        public void closeFromAnyThread(DtlsPeer which) {
                            tasks.add(which::closeNow);
                            selector.wakeup();
                        }
                    });
            peers.put(from, p);
            open.incrementAndGet();
        }
    }

    /** Sends one datagram; a full socket buffer drops it, which UDP and DTLS retransmission allow. */
    private void send(SocketAddress to, ByteBuffer datagram) {
        try {
            channel.send(datagram, to);
        } catch (IOException e) {
            // An ICMP error from an earlier datagram to some peer, or a full buffer: the peer's timers handle it.
        }
    }

    /** Sends close_notify to every peer, closes every session and the port, and waits for the thread. Idempotent. */
    @Override
    public void close() {
        stopping = true;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks until {@link #close()} has finished (from another thread). */
    public void awaitTermination() throws InterruptedException {
        thread.join();
    }
}
