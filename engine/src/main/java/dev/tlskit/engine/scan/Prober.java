package dev.tlskit.engine.scan;

import dev.tlskit.engine.starttls.Prelude;
import dev.tlskit.engine.starttls.PreludeException;
import dev.tlskit.engine.wire.Alert;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.ContentType;
import dev.tlskit.engine.wire.HandshakeType;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.ServerHello;
import dev.tlskit.engine.wire.ServerKeyExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Sends one hello over a fresh TCP connection and reads the server's first answer, within a deadline. Only
 * plaintext is read: the ServerHello (or HelloRetryRequest), and for TLS 1.2 and older on request the rest of the
 * server's first flight (Certificate, ServerKeyExchange) up to ServerHelloDone. Thread-safe: no state.
 */
final class Prober {
    /** SSL 2.0's SERVER-HELLO message type (the SSL 2.0 draft, appendix B); no TLS registry has it. */
    private static final int SSL2_SERVER_HELLO = 4;

    private final InetSocketAddress address;
    private final Duration connectTimeout;
    private final Duration probeTimeout;

    private final Prelude prelude;

    /** @param prelude a STARTTLS prelude spoken on each connection before the hello, or null */
    Prober(InetSocketAddress address, Duration connectTimeout, Duration probeTimeout, Prelude prelude) {
        this.address = address;
        this.connectTimeout = connectTimeout;
        this.probeTimeout = probeTimeout;
        this.prelude = prelude;
    }

    /** Sends {@code hello} (whole records) and classifies the answer; {@code flight}: read on to ServerHelloDone. */
    Answer probe(byte[] hello, boolean flight) {
        return exchange(hello, (s, in, deadline, start) -> read(s, in, deadline, flight, start));
    }

    /**
     * Reads a server's answer off a connected socket through {@code in} (the socket's stream, after any bytes a
     * STARTTLS prelude read ahead), within {@code deadline} (a nanoTime).
     */
    interface Reader {
        Answer read(Socket s, InputStream in, long deadline, long start) throws IOException;
    }

    /** Connects, sends {@code hello}, and lets {@code reader} read; I/O failures become the answer. */
    Answer exchange(byte[] hello, Reader reader) {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            try {
                s.connect(address, (int) Math.max(1, connectTimeout.toMillis()));
            } catch (ConnectException e) {
                return Answer.of(Answer.Kind.REFUSED, message(e), ms(start));
            } catch (IOException e) {
                return Answer.of(Answer.Kind.UNREACHABLE, message(e), ms(start));
            }
            s.setTcpNoDelay(true);
            long deadline = start + connectTimeout.toNanos() + probeTimeout.toNanos();
            InputStream in = s.getInputStream();
            if (prelude != null) {
                try {
                    byte[] ahead = prelude.run(s, Instant.now().plus(connectTimeout).plus(probeTimeout)).readAhead();
                    in = new SequenceInputStream(new ByteArrayInputStream(ahead), in);
                } catch (PreludeException e) {
                    return Answer.of(Answer.Kind.STARTTLS_FAILED, e.getMessage(), ms(start));
                }
                deadline = System.nanoTime() + probeTimeout.toNanos();
            }
            s.getOutputStream().write(hello);
            s.getOutputStream().flush();
            return reader.read(s, in, deadline, start);
        } catch (SocketTimeoutException e) {
            return Answer.of(Answer.Kind.TIMEOUT, "no answer within " + probeTimeout.toMillis() + " ms", ms(start));
        } catch (SocketException e) {
            return Answer.of(Answer.Kind.RESET, message(e), ms(start));
        } catch (IOException e) {
            return Answer.of(Answer.Kind.CLOSED, message(e), ms(start));
        }
    }

    private Answer read(Socket s, InputStream in, long deadline, boolean flight, long start) throws IOException {
        FirstFlight f = new FirstFlight(flight, start);
        boolean first = true;
        while (true) {
            byte[] header = readFully(s, in, 5, deadline);
            if (header == null) {
                return f.orElse(Answer.Kind.CLOSED, "connection closed without an answer");
            }
            if (first && (header[0] & 0x80) != 0 && (header[2] & 0xFF) == SSL2_SERVER_HELLO) {
                return Answer.of(Answer.Kind.SSL2_SERVER_HELLO, null, ms(start));
            }
            first = false;
            int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
            if ((header[1] & 0xFF) != 3 || length > (1 << 14) + 2048 || ContentType.of(header[0] & 0xFF) == null) {
                return f.orElse(Answer.Kind.NOT_TLS, firstBytes(header));
            }
            byte[] body = readFully(s, in, length, deadline);
            if (body == null) {
                return f.orElse(Answer.Kind.CLOSED, "connection closed inside a record");
            }
            int type = header[0] & 0xFF;
            if (type == ContentType.ALERT.code()) {
                Alert alert = Alert.parse(body);
                return f.hello != null ? f.done()
                        : alert == null ? Answer.of(Answer.Kind.NOT_TLS, "a short alert record", ms(start))
                        : new Answer(Answer.Kind.ALERT, null, alert, null, -1, List.of(), null, ms(start));
            }
            if (type != ContentType.HANDSHAKE.code()) {
                return f.orElse(Answer.Kind.NOT_TLS, "a " + ContentType.nameOf(type) + " record first");
            }
            Answer answer = f.handshake(body);
            if (answer != null) {
                return answer;
            }
        }
    }

    /** The server's first flight as it arrives: ServerHello, then (TLS 1.2) Certificate, ServerKeyExchange, done. */
    private static final class FirstFlight {
        private final boolean wholeFlight;
        private final long start;
        private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        private ServerHello hello;
        private ServerKeyExchange ske;
        private int skeSignature = -1;
        private List<X509Certificate> chain = List.of();

        FirstFlight(boolean wholeFlight, long start) {
            this.wholeFlight = wholeFlight;
            this.start = start;
        }

        Answer done() {
            return Prober.done(hello, ske, skeSignature, chain, start);
        }

        /** What was read so far when the server stops: the hello if one came, else {@code kind}. */
        Answer orElse(Answer.Kind kind, String detail) {
            return hello != null ? done() : Answer.of(kind, detail, ms(start));
        }

        /** A handshake record's body; the answer once the flight is complete (or wrong), else null. */
        Answer handshake(byte[] body) {
            handshake.writeBytes(body);
            byte[] buffered = handshake.toByteArray();
            int at = 0;
            while (buffered.length - at >= 4) {
                int msgType = buffered[at] & 0xFF;
                int msgLength = ((buffered[at + 1] & 0xFF) << 16) | ((buffered[at + 2] & 0xFF) << 8)
                        | (buffered[at + 3] & 0xFF);
                if (buffered.length - at - 4 < msgLength) {
                    break;
                }
                Answer answer = message(msgType, ByteBuffer.wrap(buffered, at + 4, msgLength).slice());
                if (answer != null) {
                    return answer;
                }
                at += 4 + msgLength;
            }
            handshake.reset();
            handshake.write(buffered, at, buffered.length - at);
            return null;
        }

        private Answer message(int type, ByteBuffer msg) {
            if (hello == null) {
                if (type != HandshakeType.SERVER_HELLO.code()) {
                    return Answer.of(Answer.Kind.NOT_TLS, "handshake message " + type + " before ServerHello",
                            ms(start));
                }
                hello = ServerHello.read(msg);
                boolean more = wholeFlight && !hello.isHelloRetryRequest()
                        && hello.negotiatedVersion() < ProtocolVersion.TLS13.code();
                return more ? null : Prober.done(hello, null, -1, List.of(), start);
            }
            if (type == HandshakeType.CERTIFICATE.code()) {
                chain = certificates(msg);
            } else if (type == HandshakeType.SERVER_KEY_EXCHANGE.code()) {
                CipherSuite suite = CipherSuite.of(hello.cipherSuite());
                ske = ServerKeyExchange.read(msg.duplicate(), suite);
                if (hello.negotiatedVersion() == ProtocolVersion.TLS12.code()) {
                    skeSignature = signatureScheme(msg.duplicate(), suite);
                }
            } else if (type == HandshakeType.SERVER_HELLO_DONE.code()) {
                return done();
            }
            return null;
        }
    }

    /** {@code first bytes 48 54 54 50 2F ("HTTP/")}: the hex, and the text when it is printable ASCII. */
    private static String firstBytes(byte[] b) {
        String hex = HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
        for (byte x : b) {
            if (x < 0x20 || x > 0x7E) {
                return "first bytes " + hex;
            }
        }
        return "first bytes " + hex + " (\"" + new String(b, java.nio.charset.StandardCharsets.US_ASCII) + "\")";
    }

    /**
     * The SignatureAndHashAlgorithm of a TLS 1.2 ServerKeyExchange (RFC 5246 section 7.4.3, RFC 8422 section
     * 5.4): after the ECDHE parameters (curve_type, named curve, point) or the DHE ones (p, g, Ys); -1 when the
     * suite signs nothing or the message is short.
     */
    private static int signatureScheme(ByteBuffer m, CipherSuite suite) {
        try {
            if (suite == null || suite.isAnonymous()
                    || !(suite.keyExchange() == CipherSuite.KeyExchange.ECDHE
                    || suite.keyExchange() == CipherSuite.KeyExchange.DHE)) {
                return -1;
            }
            if (suite.isEcdhe()) {
                if ((m.get() & 0xFF) != 3) {
                    return -1; // not named_curve
                }
                m.getShort();
                skip(m, m.get() & 0xFF);
            } else {
                for (int i = 0; i < 3; i++) {
                    skip(m, m.getShort() & 0xFFFF);
                }
            }
            return m.getShort() & 0xFFFF;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void skip(ByteBuffer m, int n) {
        m.position(m.position() + n);
    }

    static Answer done(ServerHello hello, ServerKeyExchange ske, int skeSignature, List<X509Certificate> chain,
            long start) {
        Answer.Kind kind = hello.isHelloRetryRequest() ? Answer.Kind.HELLO_RETRY_REQUEST : Answer.Kind.SERVER_HELLO;
        return new Answer(kind, hello, null, ske, skeSignature, chain, null, ms(start));
    }

    /** The certificate_list of a TLS 1.2 Certificate message: 3-byte total, then 3-byte length + DER each. */
    static List<X509Certificate> certificates(ByteBuffer msg) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            int total = u24(msg);
            int end = Math.min(msg.limit(), msg.position() + total);
            while (msg.position() + 3 <= end) {
                int n = u24(msg);
                byte[] der = new byte[Math.min(n, end - msg.position())];
                msg.get(der);
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | RuntimeException e) {
            // an unreadable chain is reported as none; the engine's handshake has its own say
        }
        return out;
    }

    private static int u24(ByteBuffer b) {
        return ((b.get() & 0xFF) << 16) | ((b.get() & 0xFF) << 8) | (b.get() & 0xFF);
    }

    /** {@code n} bytes, or null at end of stream before all came; times out at {@code deadline}. */
    static byte[] readFully(Socket s, InputStream in, int n, long deadline) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("deadline");
            }
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            int r = in.read(out, got, n - got);
            if (r < 0) {
                return null;
            }
            got += r;
        }
        return out;
    }

    static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String message(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
