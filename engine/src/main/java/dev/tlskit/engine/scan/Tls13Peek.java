package dev.tlskit.engine.scan;

import dev.tlskit.engine.wire.Alert;
import dev.tlskit.engine.wire.ContentType;
import dev.tlskit.engine.wire.Extension;
import dev.tlskit.engine.wire.HandshakeType;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.Record;
import dev.tlskit.engine.wire.ServerHello;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A TLS 1.3 client of our own, far enough to read what TLS 1.3 encrypts: it offers x25519 and secp256r1 key
 * shares, derives
 * the server's handshake traffic keys from its own ephemeral key (RFC 8446 section 7.1), and decrypts
 * EncryptedExtensions (ALPN, record_size_limit), Certificate (each entry's status_request and
 * signed_certificate_timestamp) and CertificateVerify (the scheme the server signed with). With {@code finish} it sends its Finished (after an empty Certificate when the
 * server asked for one), nothing else, and waits briefly for a NewSessionTicket: whether the server offers early
 * data on resumption. It verifies nothing: the scan's verdicts
 * come from the engine's handshake.
 */
final class Tls13Peek {
    /** The groups offered, each with a key share: a server with neither answers with a HelloRetryRequest. */
    static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1);
    /** How long to wait for a NewSessionTicket after our Finished, at most. */
    static final Duration TICKET_WAIT = Duration.ofMillis(1500);

    /**
     * What the encrypted part of the server's flight said.
     *
     * @param encryptedExtensions the EncryptedExtensions' extensions
     * @param chain the Certificate message's certificates, leaf first
     * @param leafExtensions the leaf CertificateEntry's extensions (status_request, signed_certificate_timestamp)
     * @param clientCertificateRequested whether a CertificateRequest came (answered with no certificate)
     * @param ticket whether a NewSessionTicket came after our Finished; null when none was waited for
     * @param maxEarlyData the ticket's early_data max_early_data_size, or -1 when it has none
     * @param signatureScheme the scheme of the server's CertificateVerify, or -1 when none was read
     */
    record Flight(List<Extension> encryptedExtensions, List<X509Certificate> chain, List<Extension> leafExtensions,
            boolean clientCertificateRequested, Boolean ticket, long maxEarlyData, int signatureScheme) {
        Extension encrypted(dev.tlskit.engine.wire.ExtensionType type) {
            return encryptedExtensions.stream().filter(e -> e.type() == type.code()).findFirst().orElse(null);
        }

        boolean leafHas(dev.tlskit.engine.wire.ExtensionType type) {
            return leafExtensions.stream().anyMatch(e -> e.type() == type.code());
        }
    }

    /** The ServerHello answer, and the flight when the handshake got that far (else null, with why). */
    record Result(Answer answer, Flight flight, String problem) {}

    private Tls13Peek() {}

    /**
     * Sends {@code hello}, which must carry real key shares for {@link #GROUPS} ({@code ClientHelloBuilder.keyShare}), and
     * reads on as far as the server's CertificateVerify (or its Finished and a ticket, with {@code finish}).
     */
    static Result run(Prober prober, dev.tlskit.engine.wire.ClientHelloBuilder hello, boolean finish) {
        java.util.Map<Integer, java.security.KeyPair> keys = new java.util.HashMap<>();
        for (NamedGroup g : GROUPS) {
            keys.put(g.code(), hello.keyPair(g.code()));
        }
        byte[] clientHello = hello.handshakeMessage();
        byte[] record = new Record(ContentType.HANDSHAKE.code(), ProtocolVersion.TLS10.code(), clientHello).encode();
        Flight[] flight = new Flight[1];
        String[] problem = new String[1];
        Answer a = prober.exchange(record, (s, in, deadline, start) -> {
            Conversation c = new Conversation(s, in, deadline, keys, clientHello, finish);
            Answer answer = c.run(start);
            flight[0] = c.flight();
            problem[0] = c.problem;
            return answer;
        });
        return new Result(a, flight[0], flight[0] == null && problem[0] == null ? a.summary() : problem[0]);
    }

    /** One connection's state: the transcript, the keys, and what was read. */
    private static final class Conversation {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final java.util.Map<Integer, java.security.KeyPair> keys;
        private final boolean finish;
        private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private Tls13Secrets secrets;
        private Tls13Secrets.Protection server;
        private byte[] handshakeSecret;
        private byte[] clientTraffic;
        private List<Extension> encrypted;
        private List<X509Certificate> chain = List.of();
        private List<Extension> leaf = List.of();
        private boolean certificateRequested;
        private byte[] requestContext = new byte[0];
        private Boolean ticket;
        private long maxEarlyData = -1;
        private int signatureScheme = -1;
        private boolean serverFinished;
        String problem;

        Conversation(Socket socket, InputStream in, long deadline, java.util.Map<Integer, java.security.KeyPair> keys,
                byte[] clientHello,
                boolean finish) {
            this.socket = socket;
            this.in = in;
            this.deadline = deadline;
            this.keys = keys;
            this.finish = finish;
            transcript.writeBytes(clientHello);
        }

        Flight flight() {
            return encrypted == null ? null
                    : new Flight(encrypted, chain, leaf, certificateRequested, ticket, maxEarlyData, signatureScheme);
        }

        Answer run(long start) throws IOException {
            ServerHello hello = null;
            Answer answer = null;
            try {
                while (true) {
                    Record r = next();
                    if (r == null) {
                        break;
                    }
                    if (hello == null) {
                        if (r.contentType() == ContentType.ALERT.code() && Alert.parse(r.body()) != null) {
                            return new Answer(Answer.Kind.ALERT, null, Alert.parse(r.body()), null, -1, List.of(),
                                    null, Prober.ms(start));
                        }
                        if (r.contentType() != ContentType.HANDSHAKE.code()) {
                            return Answer.of(Answer.Kind.NOT_TLS, "a " + ContentType.nameOf(r.contentType())
                                    + " record before the ServerHello", Prober.ms(start));
                        }
                        pending.writeBytes(r.body());
                        byte[] msg = message();
                        if (msg == null) {
                            continue;
                        }
                        hello = ServerHello.read(ByteBuffer.wrap(msg, 4, msg.length - 4));
                        answer = Prober.done(hello, null, -1, List.of(), start);
                        if (hello.isHelloRetryRequest() || hello.negotiatedVersion() != ProtocolVersion.TLS13.code()
                                || !keys(hello, msg)) {
                            return answer;
                        }
                    } else if (r.contentType() == ContentType.APPLICATION_DATA.code()) {
                        if (!encrypted(r)) {
                            break;
                        }
                    }
                    // change_cipher_spec (middlebox compatibility, RFC 8446 appendix D.4) is skipped
                }
            } catch (SocketTimeoutException e) {
                if (answer == null) {
                    throw e;
                }
                problem = problem != null ? problem : "no more from the server within the timeout";
            } catch (GeneralSecurityException e) {
                problem = "cannot decrypt the server's flight: " + e.getMessage();
            }
            if (answer == null) {
                return Answer.of(Answer.Kind.CLOSED, "connection closed without an answer", Prober.ms(start));
            }
            return answer;
        }

        /** One record, or null at end of stream; the ticket wait once our Finished is out. */
        private Record next() throws IOException {
            long until = serverFinished ? Math.min(deadline, System.nanoTime() + TICKET_WAIT.toNanos()) : deadline;
            byte[] header = Prober.readFully(socket, in, 5, until);
            if (header == null) {
                return null;
            }
            int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
            byte[] body = Prober.readFully(socket, in, length, until);
            if (body == null) {
                return null;
            }
            return new Record(header[0] & 0xFF, ((header[1] & 0xFF) << 8) | (header[2] & 0xFF), body);
        }

        /** The next whole handshake message (header included) from the pending bytes, or null. */
        private byte[] message() {
            byte[] b = pending.toByteArray();
            if (b.length < 4) {
                return null;
            }
            int n = ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
            if (b.length < 4 + n) {
                return null;
            }
            pending.reset();
            pending.write(b, 4 + n, b.length - 4 - n);
            return java.util.Arrays.copyOf(b, 4 + n);
        }

        private boolean keys(ServerHello hello, byte[] serverHello) throws GeneralSecurityException {
            secrets = Tls13Secrets.forSuite(hello.cipherSuite());
            java.security.KeyPair mine = hello.keyShare() != null ? keys.get(hello.keyShareGroup()) : null;
            if (secrets == null || mine == null) {
                problem = "the server chose " + (secrets == null ? "a suite the JDK cannot decrypt"
                        : "no key share of ours");
                return false;
            }
            transcript.writeBytes(serverHello);
            byte[] theirs = hello.keyShare().key();
            handshakeSecret = secrets.handshakeSecret(hello.keyShareGroup() == NamedGroup.X25519.code()
                    ? Tls13Secrets.x25519(mine.getPrivate(), theirs) : Tls13Secrets.ecdh(mine, theirs));
            byte[] h = secrets.hash(transcript.toByteArray());
            server = secrets.protection(secrets.derive(handshakeSecret, "s hs traffic", h));
            clientTraffic = secrets.derive(handshakeSecret, "c hs traffic", h);
            return true;
        }

        /** Handles one protected record; false when there is nothing more to read. */
        private boolean encrypted(Record r) throws GeneralSecurityException, IOException {
            byte[] header = {(byte) r.contentType(), (byte) (r.version() >> 8), (byte) r.version(),
                (byte) (r.body().length >> 8), (byte) r.body().length};
            byte[] inner = server.open(header, r.body());
            int type = inner[inner.length - 1] & 0xFF;
            if (type == ContentType.ALERT.code()) {
                problem = "the server sent an alert inside the handshake";
                return false;
            }
            if (type != ContentType.HANDSHAKE.code()) {
                return true;
            }
            pending.write(inner, 0, inner.length - 1);
            for (byte[] msg = message(); msg != null; msg = message()) {
                if (!handshake(msg)) {
                    return false;
                }
            }
            return true;
        }

        /** One decrypted handshake message; false when the peek is done. */
        private boolean handshake(byte[] msg) throws GeneralSecurityException, IOException {
            int type = msg[0] & 0xFF;
            ByteBuffer body = ByteBuffer.wrap(msg, 4, msg.length - 4).slice();
            if (type == HandshakeType.NEW_SESSION_TICKET.code()) {
                ticket = true;
                maxEarlyData = earlyData(body);
                return false;
            }
            transcript.writeBytes(msg);
            if (type == HandshakeType.ENCRYPTED_EXTENSIONS.code()) {
                encrypted = Extension.readBlock(body);
            } else if (type == HandshakeType.CERTIFICATE_REQUEST.code()) {
                certificateRequested = true;
                requestContext = new byte[body.remaining() > 0 ? body.get(0) & 0xFF : 0];
                body.position(1);
                body.get(requestContext);
            } else if (type == HandshakeType.CERTIFICATE.code()) {
                certificate(body);
            } else if (type == HandshakeType.CERTIFICATE_VERIFY.code()) {
                signatureScheme = body.remaining() >= 2 ? body.getShort(0) & 0xFFFF : -1;
                return finish;
            } else if (type == HandshakeType.FINISHED.code()) {
                if (!finish) {
                    return false;
                }
                finish();
            }
            return true;
        }

        /**
         * Our Finished over the transcript through the server's Finished, then the application keys to read the
         * ticket with.
         */
        private void finish() throws GeneralSecurityException, IOException {
            byte[] serverDone = secrets.hash(transcript.toByteArray());
            Tls13Secrets.Protection client = secrets.protection(clientTraffic);
            OutputStream out = socket.getOutputStream();
            if (certificateRequested) {
                // an empty Certificate: no client certificate (RFC 8446 section 4.4.2), the request's context echoed
                byte[] body = new byte[1 + requestContext.length + 3]; // the context, an empty certificate_list
                body[0] = (byte) requestContext.length;
                System.arraycopy(requestContext, 0, body, 1, requestContext.length);
                byte[] cert = HandshakeType.CERTIFICATE.message(body);
                transcript.writeBytes(cert);
                out.write(client.seal(ContentType.HANDSHAKE, cert));
            }
            byte[] verify = secrets.finished(clientTraffic, secrets.hash(transcript.toByteArray()));
            byte[] msg = HandshakeType.FINISHED.message(verify);
            out.write(client.seal(ContentType.HANDSHAKE, msg));
            out.flush();
            byte[] master = secrets.masterSecret(handshakeSecret);
            server = secrets.protection(secrets.derive(master, "s ap traffic", serverDone));
            serverFinished = true;
            ticket = false;
        }

        /** A TLS 1.3 Certificate: request context, then entries of (DER, extensions). */
        private void certificate(ByteBuffer m) {
            List<X509Certificate> out = new ArrayList<>();
            try {
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                skip(m, m.get() & 0xFF);
                int total = u24(m);
                int end = m.position() + total;
                while (m.position() < end) {
                    byte[] der = new byte[u24(m)];
                    m.get(der);
                    out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
                    int extLength = m.getShort(m.position()) & 0xFFFF;
                    ByteBuffer exts = m.slice();
                    exts.limit(2 + extLength);
                    if (out.size() == 1) {
                        leaf = Extension.readBlock(exts);
                    }
                    m.position(m.position() + 2 + extLength);
                }
            } catch (CertificateException | RuntimeException e) {
                problem = "an unreadable Certificate message: " + e.getMessage();
            }
            chain = List.copyOf(out);
        }

        /** NewSessionTicket (section 4.6.1): lifetime, age_add, nonce, ticket, extensions; early_data's size. */
        private static long earlyData(ByteBuffer m) {
            try {
                m.position(8);
                skip(m, m.get() & 0xFF);
                skip(m, m.getShort() & 0xFFFF);
                for (Extension e : Extension.readBlock(m)) {
                    if (e.type() == dev.tlskit.engine.wire.ExtensionType.EARLY_DATA.code() && e.data().length == 4) {
                        return ByteBuffer.wrap(e.data()).getInt() & 0xFFFFFFFFL;
                    }
                }
            } catch (RuntimeException e) {
                // a short ticket: no early data to report
            }
            return -1;
        }

        /** Moves past {@code n} bytes (the length read first: {@code m.position(m.position() + m.get())} would not). */
        private static void skip(ByteBuffer m, int n) {
            m.position(m.position() + n);
        }

        private static int u24(ByteBuffer b) {
            return ((b.get() & 0xFF) << 16) | ((b.get() & 0xFF) << 8) | (b.get() & 0xFF);
        }
    }
}
