package dev.tlskit.cli.client;

import dev.tlskit.engine.wire.Alert;
import dev.tlskit.engine.wire.ContentType;
import dev.tlskit.engine.wire.HandshakeType;
import dev.tlskit.engine.wire.Record;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A server made of raw bytes, no TLS library: it accepts one connection on loopback, reads the client's
 * ClientHello, lets a test answer it byte by byte, then records every record the client sends until the client
 * closes (or a few seconds pass).
 */
final class HostileServer implements AutoCloseable {
    private static final int AFTERMATH_LIMIT_MILLIS = 5_000;

    /** The client's hello, as far as an answer needs it. */
    record ClientHello(byte[] sessionId, List<Integer> cipherSuites, List<Integer> supportedGroups) {}

    /** What the test sends; it may also stop writing, or close its side. */
    interface Answer {
        void answer(ClientHello hello, OutputStream out, Socket socket) throws IOException;
    }

    /** One record the client sent after the answer. */
    record Sent(int contentType, byte[] fragment) {
        /** The alert it carries, when it is a plaintext alert record; else null. */
        Alert alert() {
            return contentType == ContentType.ALERT.code() ? Alert.parse(fragment) : null;
        }

        @Override
        public String toString() {
            Alert a = alert();
            return a != null ? "alert " + a : ContentType.nameOf(contentType) + " (" + fragment.length + " bytes)";
        }
    }

    /** Everything the client sent after the answer, and how the connection ended. */
    record Aftermath(List<Sent> records, String end) {
        List<Alert> alerts() {
            return records.stream().map(Sent::alert).filter(a -> a != null).toList();
        }
    }

    private final ServerSocket listener;
    private final CompletableFuture<Aftermath> aftermath = new CompletableFuture<>();

    HostileServer(Answer answer) throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(() -> serve(answer), "hostile-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** What the client sent after the answer; fails the test with the server's own failure, if any. */
    Aftermath aftermath() throws Exception {
        return aftermath.get(AFTERMATH_LIMIT_MILLIS * 3L, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void serve(Answer answer) {
        try (Socket s = listener.accept()) {
            s.setSoTimeout(AFTERMATH_LIMIT_MILLIS);
            DataInputStream in = new DataInputStream(s.getInputStream());
            ClientHello hello = readClientHello(in);
            answer.answer(hello, s.getOutputStream(), s);
            if (!s.isOutputShutdown()) {
                s.getOutputStream().flush();
            }
            aftermath.complete(readAftermath(in));
        } catch (Throwable e) {
            aftermath.completeExceptionally(e);
        }
    }

    /** The client's first flight up to the end of its ClientHello, read with the engine's record and hello codec. */
    private static ClientHello readClientHello(DataInputStream in) throws IOException {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        int need = -1;
        while (need < 0 || handshake.size() < need) {
            Record r = Record.read(in);
            if (r == null) {
                throw new java.io.EOFException("the client closed before its ClientHello");
            }
            if (r.contentType() != ContentType.HANDSHAKE.code()) {
                throw new IOException("expected a handshake record, got " + ContentType.nameOf(r.contentType()));
            }
            handshake.writeBytes(r.body());
            byte[] h = handshake.toByteArray();
            if (need < 0 && h.length >= 4) {
                if (h[0] != HandshakeType.CLIENT_HELLO.code()) {
                    throw new IOException("expected a ClientHello, got " + HandshakeType.nameOf(h[0] & 0xFF));
                }
                need = 4 + ((h[1] & 0xFF) << 16 | (h[2] & 0xFF) << 8 | h[3] & 0xFF);
            }
        }
        dev.tlskit.engine.wire.ClientHello hello = dev.tlskit.engine.wire.ClientHello.parse(
                ByteBuffer.wrap(handshake.toByteArray(), 4, need - 4), false);
        return new ClientHello(hello.sessionId(), hello.cipherSuites(), hello.supportedGroups());
    }

    private static Aftermath readAftermath(DataInputStream in) {
        List<Sent> records = new ArrayList<>();
        try {
            while (true) {
                Record r = Record.read(in);
                if (r == null) {
                    return new Aftermath(records, "FIN");
                }
                records.add(new Sent(r.contentType(), r.body()));
            }
        } catch (SocketTimeoutException e) {
            return new Aftermath(records, "still open after " + AFTERMATH_LIMIT_MILLIS + " ms");
        } catch (EOFException e) {
            return new Aftermath(records, "FIN mid-record");
        } catch (IOException e) {
            return new Aftermath(records, "reset (" + e.getMessage() + ")");
        }
    }

    // ------------------------------------------------------------ raw bytes the answers are made of

    /** One plaintext record (version 0x0303). */
    static byte[] record(ContentType type, byte[] fragment) {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.write(type.code());
        r.write(0x03);
        r.write(0x03);
        r.write(fragment.length >> 8);
        r.write(fragment.length);
        r.writeBytes(fragment);
        return r.toByteArray();
    }

    /** One handshake message: type, a 3-byte length, body. */
    static byte[] handshake(HandshakeType type, byte[] body) {
        return type.message(body);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
