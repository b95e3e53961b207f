package dev.tlskit.engine;

import dev.tlskit.engine.internal.AppData;
import dev.tlskit.engine.internal.DatagramCore;
import dev.tlskit.engine.internal.EngineDriver;
import dev.tlskit.engine.internal.Failures;
import dev.tlskit.engine.internal.HelloGate;
import dev.tlskit.engine.internal.PeerClosed;
import dev.tlskit.engine.internal.RetransmitTimer;
import dev.tlskit.engine.internal.WireObserver;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TraceEvent;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A blocking DTLS 1.2 connection with one peer over a connected UDP socket: the datagram sibling of
 * {@link TlsConnection}. The handshake is complete when a factory method returns; lost flights are resent on a
 * doubling timer until the handshake timeout. One thread may read while another writes.
 *
 * <p>Datagrams keep their boundaries: {@link #read} returns the application data of one record (one datagram as
 * SunJSSE sends them), {@link #write} splits larger data into records that fit the MTU, and the peer reads them
 * as separate pieces, in order on loopback but not necessarily elsewhere (UDP may lose or reorder them; DTLS only
 * drops replays).
 */
public final class DtlsConnection implements Connection {
    /** Large enough for any UDP datagram: a peer may send bigger ones than our MTU. */
    private static final int RECEIVE_BUFFER = 65_536;
    /** Kernel buffers sized for a burst of MTU-sized datagrams (a 64 KiB write is ~60 of them). */
    private static final int SOCKET_BUFFER = 1 << 20;
    /** Clients sent a HelloVerifyRequest whose engines accept waits to hear from again (see HelloGate). */
    private static final int PENDING_HELLOS = 64;

    private final TlsContext context;
    private final DatagramSocket socket;
    private final DatagramCore core;
    private final ReentrantLock readLock = new ReentrantLock();
    private final Object writeLock = new Object();
    private final byte[] receiveBuffer = new byte[RECEIVE_BUFFER];
    private final DatagramCore.Sender sender;
    private final RetransmitTimer timer = new RetransmitTimer();
    private final EngineDriver driver;
    private volatile Duration readTimeout;
    private HandshakeSummary summary;
    private volatile boolean inboundDone;
    private volatile boolean closed;

    private DtlsConnection(TlsContext context, DatagramSocket socket, DatagramCore core) {
        this.context = context;
        this.socket = socket;
        this.core = core;
        this.readTimeout = context.config().readTimeout();
        this.sender = d -> socket.send(new DatagramPacket(d.array(), d.arrayOffset() + d.position(), d.remaining()));
        this.driver = new EngineDriver(core.io(sender), writeLock, timer::reset);
    }

    /**
     * Connects to {@code host:port} over UDP and completes the DTLS handshake.
     *
     * @param host a name or an IP literal (IPv6 without brackets)
     * @throws TlsException a network failure (including no answer within the handshake timeout, or an ICMP port
     *     unreachable), a failed handshake, or a rejected certificate, with its kind
     */
    public static DtlsConnection connect(TlsContext context, String host, int port, IpFamily family)
            throws TlsException {
        TlsConfig config = context.config();
        if (!config.isClient() || !config.dtls()) {
            throw new IllegalArgumentException("connect needs a DTLS client configuration");
        }
        DatagramSocket socket = null;
        DtlsConnection c = null;
        try {
            InetAddress address = family.addresses(host).get(0);
            socket = new DatagramSocket(null);
            tune(socket);
            socket.bind(new InetSocketAddress(address instanceof Inet6Address
                    ? InetAddress.getByName("::") : InetAddress.getByName("0.0.0.0"), 0));
            // Connected: the kernel drops datagrams from anyone else, and reports ICMP port unreachable to us.
            socket.connect(new InetSocketAddress(address, port));
            SSLEngine engine = context.newEngine(host, port);
            c = new DtlsConnection(context, socket, new DatagramCore(engine,
                    new WireObserver(true, config.traceListener(), true)
                            .localCertificate(Failures.describe(config.chain()))));
            engine.beginHandshake();
            c.handshake(System.nanoTime());
            return c;
        } catch (IOException e) {
            if (c != null) {
                c.sendFarewell(e);
            }
            if (socket != null) {
                socket.close();
            }
            throw Failures.classify(e, true, c == null ? null : c.core.observer());
        } catch (RuntimeException e) {
            if (socket != null) {
                socket.close();
            }
            throw e;
        }
    }

    /**
     * Waits on {@code socket} (bound, not connected) for a client, answers ClientHellos without a valid cookie
     * with a HelloVerifyRequest (keeping nothing for them), and completes the handshake with the first client
     * that returns a valid cookie. The socket is then connected to that client; datagrams from others are dropped.
     * Waits for the first ClientHello as long as it takes; the handshake timeout applies from there.
     *
     * @throws TlsException when the handshake with the chosen client fails; the socket is closed then
     */
    public static DtlsConnection accept(TlsContext context, DatagramSocket socket) throws TlsException {
        return accept(context, socket, null);
    }

    /** As {@link #accept(TlsContext, DatagramSocket)}, with this connection's records going to {@code trace}. */
    public static DtlsConnection accept(TlsContext context, DatagramSocket socket, Consumer<TraceEvent> trace)
            throws TlsException {
        TlsConfig config = context.config();
        if (config.isClient() || !config.dtls()) {
            throw new IllegalArgumentException("accept needs a DTLS server configuration");
        }
        Consumer<TraceEvent> listener = trace != null ? trace : config.traceListener();
        DtlsConnection c = null;
        try {
            tune(socket);
            byte[] buf = new byte[RECEIVE_BUFFER];
            HelloGate gate = new HelloGate(context.engines(), listener, PENDING_HELLOS, config.handshakeTimeout().toNanos());
            while (true) {
                socket.setSoTimeout(0);
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                socket.receive(packet);
                HelloGate.Answer answer;
                try {
                    answer = gate.answer(packet.getSocketAddress(), ByteBuffer.wrap(buf, 0, packet.getLength()),
                            System.nanoTime());
                } catch (SSLException notAClientHello) {
                    continue; // anyone can send anything to a UDP port: wait for a real client
                }
                for (ByteBuffer reply : answer.replies()) {
                    socket.send(new DatagramPacket(reply.array(), reply.remaining(), packet.getSocketAddress()));
                }
                if (answer.core() == null) {
                    continue;
                }
                long start = System.nanoTime();
                socket.connect(packet.getSocketAddress());
                c = new DtlsConnection(context, socket, answer.core());
                c.timer.arm(start);
                c.handshake(start);
                return c;
            }
        } catch (IOException e) {
            if (c != null) {
                c.sendFarewell(e);
            }
            socket.close();
            throw Failures.classify(e, true, c == null ? null : c.core.observer());
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void tune(DatagramSocket socket) throws SocketException {
        socket.setReceiveBufferSize(SOCKET_BUFFER);
        socket.setSendBufferSize(SOCKET_BUFFER);
    }

    /**
     * The handshake: the engine's driver decides each step; while it waits for the peer, the retransmission timer
     * decides how long one receive may block, and when it fires our last flight goes out again.
     */
    private void handshake(long start) throws IOException {
        long deadline = start + context.config().handshakeTimeout().toNanos();
        while (true) {
            EngineDriver.Need need = driver.advance();
            switch (need) {
                case FLUSH -> timer.arm(System.nanoTime());
                case TASKS -> core.runDelegatedTasks();
                case INPUT -> {
                    if (!receive(Math.min(timer.due(), deadline))) {
                        long now = System.nanoTime();
                        if (now - deadline >= 0) {
                            throw new SocketTimeoutException("handshake timed out");
                        }
                        synchronized (writeLock) {
                            core.retransmit(sender);
                        }
                        timer.backOff(now);
                    }
                }
                case HANDSHAKE_DONE -> {
                    summary = core.summarize(context.config(), Duration.ofNanos(System.nanoTime() - start));
                    return;
                }
                case DATA, PEER_CLOSED -> throw new IllegalStateException(need + " before the handshake completed");
                default -> throw new IllegalStateException("unknown need " + need);
            }
        }
    }

    /** After a failed handshake: the alert that tells the peer why ({@link DatagramCore#farewell}). */
    private void sendFarewell(IOException cause) {
        synchronized (writeLock) {
            core.farewell(cause, sender);
        }
    }

    /** Closes the engine's outbound side and sends close_notify. Best effort: the peer may already be gone. */
    private void sendClosingRecords() {
        try {
            synchronized (writeLock) {
                core.sendClosingRecords(sender);
            }
        } catch (IOException | RuntimeException ignored) {
            // The first failure is the one reported; a close goes on regardless.
        }
    }

    /**
     * Receives one datagram into the core, waiting until {@code deadlineNanos} ({@link System#nanoTime()}) at most.
     *
     * @return false when the time ran out
     */
    private boolean receive(long deadlineNanos) throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (left <= 0) {
            return false;
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, left)));
        DatagramPacket packet = new DatagramPacket(receiveBuffer, receiveBuffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return false;
        }
        core.received(ByteBuffer.wrap(receiveBuffer, 0, packet.getLength()));
        synchronized (writeLock) {
            core.answerRetransmission(sender); // after an abbreviated handshake, our Finished may have been lost
        }
        return true;
    }

    /**
     * Reads the application data of one record (as much of it as fits; the rest comes with the next read). Blocks
     * until some arrives, the peer sends close_notify (-1), or the read timeout passes. Meanwhile it answers what
     * the peer still sends of the handshake: if our last flight was lost, the peer resends its own, and ours goes out
     * again in reply ({@link DatagramCore#answerRetransmission}).
     *
     * @throws TlsException on a timeout or an ICMP port unreachable (NETWORK)
     */
    public int read(byte[] b, int off, int len) throws TlsException {
        readLock.lock();
        try {
            long deadline = System.nanoTime() + readTimeout.toNanos();
            while (true) {
                int n = AppData.take(core.appIn(), b, off, len);
                if (n >= 0) {
                    return n;
                }
                if (inboundDone) {
                    return -1;
                }
                // The driver also takes what the peer still sends of the handshake (a retransmitted flight, which
                // receive() answers with ours).
                EngineDriver.Need need = driver.advance();
                switch (need) {
                    case DATA, FLUSH -> { }
                    case TASKS -> core.runDelegatedTasks();
                    case PEER_CLOSED -> inboundDone = true;
                    case INPUT -> {
                        if (!receive(deadline)) {
                            throw new SocketTimeoutException("read timed out");
                        }
                    }
                    case HANDSHAKE_DONE -> throw new IllegalStateException("a second handshake");
                    default -> throw new IllegalStateException("unknown need " + need);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (closed) {
                return -1;
            }
            throw Failures.classify(e, false, core.observer());
        } finally {
            readLock.unlock();
        }
    }

    /** Writes all of {@code b[off..off+len)} as application data, in records that fit the MTU. */
    public void write(byte[] b, int off, int len) throws TlsException {
        ByteBuffer src = ByteBuffer.wrap(b, off, len);
        synchronized (writeLock) {
            try {
                do {
                    SSLEngineResult r = core.wrap(src, sender);
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SocketException("connection already closed");
                    }
                } while (src.hasRemaining());
            } catch (IOException | RuntimeException e) {
                throw Failures.classify(e, false, core.observer());
            }
        }
    }


    /** How long a read may wait for the peer before it fails. */
    public void readTimeout(Duration timeout) {
        this.readTimeout = timeout;
    }

    public HandshakeSummary summary() {
        return summary;
    }

    /** Whether the peer has sent close_notify. */
    public boolean peerClosed() {
        return inboundDone;
    }

    /** The most application data one datagram carries with this MTU and cipher suite. */
    public int maxDatagramPayload() {
        return core.engine().getSession().getApplicationBufferSize();
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
     * Sends close_notify and closes the socket. Nothing waits for the peer's close_notify: over UDP no unread byte
     * can turn the close into a reset, and a lost close_notify is not resent by DTLS anyway. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            sendClosingRecords();
        } finally {
            socket.close();
        }
    }
}
