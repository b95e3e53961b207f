package dev.tlskit.engine.internal;

import dev.tlskit.engine.TlsContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A client and a server {@link EngineCore} joined by plain byte copies, no sockets. Every byte either side
 * sends is kept in {@link #transcript()} in the order it went on the "wire".
 */
final class EnginePair {
    /** Bytes sent by one side in one go. */
    record Chunk(boolean fromClient, byte[] bytes) {}

    private static final int STEP_LIMIT = 10_000;

    final EngineCore client;
    final EngineCore server;
    private final List<Chunk> transcript = new ArrayList<>();

    EnginePair(TlsContext clientContext, TlsContext serverContext) {
        this.client = new EngineCore(clientContext.newEngine("localhost", 443), new WireObserver(true, null));
        this.server = new EngineCore(serverContext.newEngine(null, 0), new WireObserver(false, null));
    }

    List<Chunk> transcript() {
        return List.copyOf(transcript);
    }

    /** Drives both engines until neither is handshaking. */
    void handshake() throws SSLException {
        client.engine().beginHandshake();
        server.engine().beginHandshake();
        for (int i = 0; i < STEP_LIMIT; i++) {
            if (!handshaking(client) && !handshaking(server)) {
                return;
            }
            boolean progress = step(client, server) | step(server, client);
            if (!progress) {
                throw new IllegalStateException("handshake stalled: client " + client.engine().getHandshakeStatus()
                        + ", server " + server.engine().getHandshakeStatus());
            }
        }
        throw new IllegalStateException("handshake did not finish in " + STEP_LIMIT + " steps");
    }

    /** Sends {@code text} from one side and returns what the other side decrypts. */
    String send(boolean fromClient, String text) throws SSLException {
        EngineCore from = fromClient ? client : server;
        EngineCore to = fromClient ? server : client;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer src = ByteBuffer.wrap(bytes);
        while (src.hasRemaining()) {
            from.wrap(src);
            transfer(from, to);
        }
        for (int i = 0; i < STEP_LIMIT && to.appIn().position() < bytes.length && to.hasBufferedNetworkBytes(); i++) {
            SSLEngineResult r = to.unwrap();
            settle(to, from, r.getHandshakeStatus());
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                break;
            }
        }
        ByteBuffer in = to.appIn();
        in.flip();
        byte[] out = new byte[in.remaining()];
        in.get(out);
        in.clear();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean handshaking(EngineCore core) {
        HandshakeStatus hs = core.engine().getHandshakeStatus();
        return hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED;
    }

    /** One move of {@code from}; true when it did something. */
    private boolean step(EngineCore from, EngineCore to) throws SSLException {
        switch (from.engine().getHandshakeStatus()) {
            case NEED_TASK -> {
                from.runDelegatedTasks();
                return true;
            }
            case NEED_WRAP -> {
                SSLEngineResult r = from.wrap(null);
                transfer(from, to);
                return r.bytesProduced() > 0 || r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP;
            }
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                if (!from.hasBufferedNetworkBytes()
                        && from.engine().getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP_AGAIN) {
                    // Netty's OpenSSL engine (boringssl) may finish its handshake in an unwrap of nothing.
                    return from.unwrap().getHandshakeStatus() == HandshakeStatus.FINISHED;
                }
                SSLEngineResult r = from.unwrap();
                return r.getStatus() != SSLEngineResult.Status.BUFFER_UNDERFLOW;
            }
            default -> {
                return false;
            }
        }
    }

    /** After an unwrap of application data: run tasks and send post-handshake replies. */
    private void settle(EngineCore core, EngineCore peer, HandshakeStatus hs) throws SSLException {
        while (hs == HandshakeStatus.NEED_TASK || hs == HandshakeStatus.NEED_WRAP) {
            if (hs == HandshakeStatus.NEED_TASK) {
                core.runDelegatedTasks();
            } else {
                core.wrap(null);
                transfer(core, peer);
            }
            hs = core.engine().getHandshakeStatus();
        }
    }

    /** Moves everything {@code from} has written into {@code to}'s network input, as a socket would. */
    private void transfer(EngineCore from, EngineCore to) {
        ByteBuffer out = from.netOut();
        out.flip();
        int n = out.remaining();
        if (n > 0) {
            byte[] bytes = new byte[n];
            out.get(bytes);
            transcript.add(new Chunk(from == client, bytes));
            ByteBuffer in = to.netIn();
            if (in.remaining() < n) {
                throw new IllegalStateException("peer's network buffer is full");
            }
            in.put(bytes);
            to.received(n);
        }
        out.clear();
    }
}
