package dev.tlskit.cli.hostile;

import dev.tlskit.engine.wire.Alert;
import dev.tlskit.engine.wire.ContentType;
import dev.tlskit.engine.wire.HandshakeType;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.Record;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The attacking side: a plain socket, raw bytes out, and the server's answer read back as one short word: the
 * first alert ({@code fatal decode_error}), {@code ServerHello TLS 1.3}, {@code HelloRetryRequest}, {@code closed}
 * (EOF or reset, no alert), {@code silence} (nothing within the limit), or what else came first.
 */
final class Probe {
    static final String SILENCE = "silence";
    static final String CLOSED = "closed";
    /** SHA-256("HelloRetryRequest"), the random of a HelloRetryRequest (RFC 8446 section 4.1.3). */
    private static final byte[] HRR_RANDOM = HexFormat.of().parseHex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");
    private static final int EXT_SUPPORTED_VERSIONS = 43; // until the wire package has ExtensionType

    private Probe() {}

    /** The server's answer, and the local port it came to (servers log clients by it). */
    record Outcome(String answer, int localPort) {}

    /**
     * Sends {@code c} to {@code port} on loopback and classifies the answer. With a prelude, the prelude goes
     * first and the server's whole first flight (up to ServerHelloDone) is read before the attack is sent; a
     * server that fails the prelude is reported as {@code prelude: <answer>}.
     */
    static Outcome run(int port, HostileCase c, Duration limit) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), (int) limit.toMillis());
            return new Outcome(exchange(s, c, limit), s.getLocalPort());
        } catch (IOException e) {
            return new Outcome("connect failed: " + e.getMessage(), -1);
        }
    }

    private static String exchange(Socket s, HostileCase c, Duration limit) {
        try {
            s.setTcpNoDelay(true);
            long deadline = System.nanoTime() + limit.toNanos();
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            if (c.records() != null) {
                return OwnRecordProbe.run(s, in, out, c.protocol(), c.records(), deadline);
            }
            if (c.protocol() != null) {
                return EncryptedProbe.run(s, in, out, c.protocol(), c.tamper(), deadline);
            }
            if (c.prelude() != null) {
                out.write(c.prelude());
                out.flush();
                String flight = readFirstFlight(s, in, deadline);
                if (flight != null) {
                    return "prelude: " + flight;
                }
            }
            try {
                out.write(c.attack());
                out.flush();
            } catch (IOException e) {
                // the server may have answered and closed while we were still writing: read what it said
            }
            return answer(s, in, deadline);
        } catch (IOException e) {
            return "probe failed: " + e;
        }
    }

    /** Null once a ServerHelloDone has been read; otherwise what came instead. */
    private static String readFirstFlight(Socket s, InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        while (true) {
            Object next = next(s, in, deadline);
            if (next instanceof String word) {
                return word;
            }
            Record r = (Record) next;
            if (r.contentType() == ContentType.ALERT.code()) {
                return alertWord(r);
            }
            if (r.contentType() != ContentType.HANDSHAKE.code()) {
                return ContentType.nameOf(r.contentType()) + " record";
            }
            handshake.writeBytes(r.body());
            byte[] h = handshake.toByteArray();
            for (int off = 0; off + 4 <= h.length; ) {
                int type = h[off] & 0xFF;
                int len = u24(h, off + 1);
                if (off + 4 + len > h.length) {
                    break;
                }
                if (type == HandshakeType.SERVER_HELLO_DONE.code()) {
                    return null;
                }
                off += 4 + len;
            }
        }
    }

    /** The server's answer: the first alert, ServerHello or HelloRetryRequest, or how the connection ended. */
    private static String answer(Socket s, InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        while (true) {
            Object next = next(s, in, deadline);
            if (next instanceof String word) {
                return handshake.size() > 0 ? "partial handshake message, then " + word : word;
            }
            Record r = (Record) next;
            ContentType type = r.type();
            if (type == ContentType.ALERT) {
                return alertWord(r);
            }
            if (type == ContentType.CHANGE_CIPHER_SPEC) {
                continue; // middlebox compatibility (RFC 8446 D.4); tells nothing
            }
            if (type != ContentType.HANDSHAKE) {
                return ContentType.nameOf(r.contentType()) + " record";
            }
            handshake.writeBytes(r.body());
            byte[] h = handshake.toByteArray();
            if (h.length >= 4 && h.length >= 4 + u24(h, 1)) {
                return handshakeWord(Arrays.copyOfRange(h, 4, 4 + u24(h, 1)), h[0] & 0xFF);
            }
        }
    }

    /** The next record, or the word for how reading ended. */
    private static Object next(Socket s, InputStream in, long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            return SILENCE;
        }
        s.setSoTimeout((int) left);
        try {
            Record r = Record.read(in);
            return r == null ? CLOSED : r;
        } catch (SocketTimeoutException e) {
            return SILENCE;
        } catch (Record.MalformedRecordException e) {
            return e.getMessage();
        } catch (EOFException | SocketException e) {
            return CLOSED; // EOF inside a record, or a reset: no alert either way
        }
    }

    private static String alertWord(Record r) {
        Alert a = Alert.parse(r.body());
        return a != null ? a.toString() : "alert of " + r.length() + " bytes";
    }

    private static String handshakeWord(byte[] body, int type) {
        if (type != HandshakeType.SERVER_HELLO.code()) {
            return HandshakeType.nameOf(type);
        }
        if (body.length >= 34 && Arrays.equals(Arrays.copyOfRange(body, 2, 34), HRR_RANDOM)) {
            return "HelloRetryRequest";
        }
        return "ServerHello " + ProtocolVersion.nameOf(selectedVersion(body));
    }

    /** supported_versions' selected_version when present, else legacy_version. */
    private static int selectedVersion(byte[] b) {
        int legacy = u16(b, 0);
        try {
            int off = 34;
            off += 1 + (b[off] & 0xFF); // session id
            off += 3; // cipher suite, compression method
            if (off + 2 > b.length) {
                return legacy;
            }
            int end = off + 2 + u16(b, off);
            off += 2;
            while (off + 4 <= end) {
                int t = u16(b, off);
                int len = u16(b, off + 2);
                if (t == EXT_SUPPORTED_VERSIONS && len == 2) {
                    return u16(b, off + 4);
                }
                off += 4 + len;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            // a malformed ServerHello: its legacy_version is all it says for sure
        }
        return legacy;
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    private static int u24(byte[] b, int off) {
        return ((b[off] & 0xFF) << 16) | ((b[off + 1] & 0xFF) << 8) | (b[off + 2] & 0xFF);
    }
}
