package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.TraceEvent;
import dev.tlskit.engine.wire.ContentType;
import dev.tlskit.engine.wire.HandshakeType;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * A DTLS server's door: answers datagrams from peers it has no session with. SunJSSE answers a ClientHello
 * without a valid cookie with a HelloVerifyRequest (RFC 6347 section 4.2.1) and a peer earns a session only by
 * returning the cookie, i.e. by proving it receives at its source address.
 *
 * <p>The cookie itself is checked against a secret of the SSLContext, but SunJSSE only accepts the second
 * ClientHello (message_seq 1) in the engine that answered the first: a fresh engine silently drops it. So the
 * engine that sent a HelloVerifyRequest is kept here, not as a session: no handler hears of it, it holds no
 * buffers, and the table is bounded ({@code maxPending}, oldest evicted) and short-lived ({@code ttlNanos}). A
 * flood of spoofed ClientHellos thus costs a bounded amount of memory and can at worst evict a real client's
 * entry, whose handshake then times out.
 */
public final class HelloGate {
    /**
     * What a datagram led to.
     *
     * @param core the engine to keep as the peer's session (a ServerHello went out), or null
     * @param replies datagrams to send to the peer, in order
     * @param helloVerifyRequest whether the reply is a HelloVerifyRequest
     */
    public record Answer(DatagramCore core, List<ByteBuffer> replies, boolean helloVerifyRequest) {}

    private record Pending(DatagramCore core, long expires) {}

    private final EngineFactory engines;
    private final Consumer<TraceEvent> trace;
    private final int maxPending;
    private final long ttlNanos;
    private final LinkedHashMap<SocketAddress, Pending> pending = new LinkedHashMap<>();

    public HelloGate(EngineFactory engines, Consumer<TraceEvent> trace, int maxPending, long ttlNanos) {
        this.engines = engines;
        this.trace = trace;
        this.maxPending = maxPending;
        this.ttlNanos = ttlNanos;
    }

    /**
     * @throws SSLException when the datagram is not a usable ClientHello (the caller drops it: anyone can send
     *     anything to a UDP port)
     */
    public Answer answer(SocketAddress peer, ByteBuffer datagram, long nowNanos) throws SSLException {
        expire(nowNanos);
        Pending earlier = pending.remove(peer);
        DatagramCore core;
        if (earlier != null) {
            core = earlier.core();
        } else {
            SSLEngine engine = engines.newEngine(null, 0);
            core = new DatagramCore(engine, new WireObserver(false, trace, true));
            engine.beginHandshake();
        }
        List<ByteBuffer> replies = new ArrayList<>();
        DatagramCore.Sender collect = d -> {
            ByteBuffer copy = ByteBuffer.allocate(d.remaining());
            copy.put(d).flip();
            replies.add(copy);
        };
        core.received(datagram);
        try {
            step(core, collect);
        } catch (ProtocolViolation refused) {
            // A hello that returned our cookie (so its sender receives at its address) and that this server
            // refuses: tell it why, as a TCP server does, and keep nothing.
            core.farewell(refused, collect);
            return new Answer(null, List.copyOf(replies), false);
        }
        boolean verify = !replies.isEmpty() && isHelloVerifyRequest(replies.get(0));
        if (verify || replies.isEmpty() && earlier != null) {
            remember(peer, core, nowNanos);
            return new Answer(null, List.copyOf(replies), verify);
        }
        return new Answer(replies.isEmpty() ? null : core, List.copyOf(replies), false);
    }

    /** Engines kept for peers that were sent a HelloVerifyRequest and have not answered yet. */
    public int pending() {
        return pending.size();
    }

    private void remember(SocketAddress peer, DatagramCore core, long nowNanos) {
        if (pending.size() >= maxPending) {
            Iterator<Map.Entry<SocketAddress, Pending>> oldest = pending.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        pending.put(peer, new Pending(core, nowNanos + ttlNanos));
    }

    private void expire(long nowNanos) {
        // Insertion order is expiry order: stop at the first live entry.
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            if (it.next().expires() - nowNanos > 0) {
                break;
            }
            it.remove();
        }
    }

    /** Runs a fresh driver over the peer's engine until it needs the peer again. */
    private static void step(DatagramCore core, DatagramCore.Sender collect) throws SSLException {
        // (a ProtocolViolation, the driver refusing a hello, passes through as the SSLException it is)
        EngineDriver driver = new EngineDriver(core.io(collect), core);
        try {
            while (true) {
                EngineDriver.Need need = driver.advance();
                switch (need) {
                    case FLUSH -> { }
                    case TASKS -> core.runDelegatedTasks();
                    case INPUT, HANDSHAKE_DONE, DATA, PEER_CLOSED -> {
                        return;
                    }
                    default -> throw new IllegalStateException("unknown need " + need);
                }
            }
        } catch (SSLException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("collecting datagrams cannot fail", e);
        }
    }

    /** A plaintext (epoch 0) handshake record whose first message is a HelloVerifyRequest (type 3). */
    static boolean isHelloVerifyRequest(ByteBuffer d) {
        int p = d.position();
        return d.remaining() > 13 && d.get(p) == ContentType.HANDSHAKE.code() && d.get(p + 3) == 0
                && d.get(p + 4) == 0 && d.get(p + 13) == HandshakeType.HELLO_VERIFY_REQUEST.code();
    }
}
