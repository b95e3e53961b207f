package dev.tlskit.engine.internal;

import dev.tlskit.engine.Direction;
import dev.tlskit.engine.TraceEvent;
import dev.tlskit.engine.wire.Alert;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.ClientHello;
import dev.tlskit.engine.wire.ContentType;
import dev.tlskit.engine.wire.HandshakeType;
import dev.tlskit.engine.wire.MalformedHelloException;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.ServerHello;
import dev.tlskit.engine.wire.ServerKeyExchange;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Watches every network byte of one TLS connection, both ways, and parses record headers and the plaintext
 * handshake messages. It exists because no JSSE API tells the negotiated named group or whether a TLS 1.3
 * handshake really resumed; the wire does, for every provider and every peer.
 *
 * <p>Not thread-safe per direction; the two directions have separate parsers and share only a few volatile
 * facts, so one reader thread and one writer thread may feed it at once.
 */
public final class WireObserver {
    /** The highest content type the framing accepts (heartbeat); a higher one means the peer is not speaking TLS. */
    private static final int LAST_CONTENT_TYPE = ContentType.HEARTBEAT.code();

    /** DTLS record header: type, version, epoch (2), sequence number (6), length (2). */
    static final int DTLS_RECORD_HEADER = 13;
    /** DTLS handshake header: type, length (3), message_seq (2), fragment_offset (3), fragment_length (3). */
    private static final int DTLS_HANDSHAKE_HEADER = 12;

    private final boolean client;
    private final boolean datagram;
    private final Consumer<TraceEvent> listener;
    private final List<TraceEvent> handshakeRecords = new ArrayList<>();
    private final Parser sent;
    private final Parser received;

    private volatile boolean tls13;
    private volatile int negotiatedGroup = -1;
    private volatile String dheGroup;
    private volatile int cipherSuite = -1;
    private volatile byte[] clientSessionId;
    private volatile String serverName;
    private volatile Boolean resumed;
    private volatile boolean serverHelloSeen;
    private volatile boolean handshakeDone;
    private volatile MalformedHelloException helloViolation;
    private volatile boolean helloAwaitsCookie;
    private volatile Alert alertReceived;
    private volatile Alert alertSent;
    /** DTLS: the highest epoch-0 record sequence number this endpoint sent, or -1. */
    private volatile long plainSequenceSent = -1;
    private volatile boolean clientSentNoCertificate;
    private volatile boolean clientHelloSeen;
    private volatile boolean helloRetryRequest;
    private volatile boolean certificateRequested;
    /** The subject of the certificate this endpoint has to send, or null when it has none (set by the owner). */
    private volatile String localCertificate;

    /**
     * @param client whether this endpoint is the client (decides which direction carries the ServerHello)
     * @param listener receives every record as a trace event, or null when nobody listens
     */
    public WireObserver(boolean client, Consumer<TraceEvent> listener) {
        this(client, listener, false);
    }

    /**
     * @param datagram whether the bytes are DTLS datagrams (13-byte record headers, fragmented handshake messages);
     *     each {@link #sent}/{@link #received} call must then carry exactly one datagram
     */
    public WireObserver(boolean client, Consumer<TraceEvent> listener, boolean datagram) {
        this.client = client;
        this.listener = listener;
        this.datagram = datagram;
        // Made here, not in field initialisers: a Parser sizes its header buffer by the datagram flag.
        this.sent = new Parser(Direction.SENT);
        this.received = new Parser(Direction.RECEIVED);
    }

    /** Bytes this endpoint is about to write to the network (position..limit; not consumed). */
    public void sent(ByteBuffer bytes) {
        synchronized (sent) {
            sent.startDatagram();
            sent.feed(bytes.duplicate());
        }
    }

    /** Bytes this endpoint read from the network (position..limit; not consumed). */
    public void received(ByteBuffer bytes) {
        synchronized (received) {
            received.startDatagram();
            received.feed(bytes.duplicate());
        }
    }

    /** Called by the driver when the handshake is complete; later records are not kept in the summary. */
    public void handshakeDone() {
        handshakeDone = true;
    }

    /** Whether {@link #handshakeDone()} was called. */
    public boolean handshakeComplete() {
        return handshakeDone;
    }

    /** The negotiated group's name ({@code X25519}), or null when the handshake had none (RSA, PSK-only). */
    public String negotiatedGroup() {
        if (negotiatedGroup >= 0) {
            return NamedGroup.nameOf(negotiatedGroup);
        }
        return dheGroup;
    }

    /** Whether the server accepted a resumption (PSK in 1.3, an abbreviated handshake in 1.2); false if unknown. */
    public boolean resumed() {
        return Boolean.TRUE.equals(resumed);
    }

    /**
     * Server side: how the peer's ClientHello breaks RFC 8446/5246, with the alert to answer it, or null. The
     * providers accept some hellos the RFCs say to reject (SunJSSE: no null compression method, a duplicated
     * extension); the driver rejects those before the provider sees them.
     */
    public MalformedHelloException helloViolation() {
        return helloViolation;
    }

    /**
     * DTLS server side: whether the last ClientHello came without a cookie (RFC 6347 section 4.2.1), so the server
     * answers with a HelloVerifyRequest and says nothing else to an address not proven yet.
     */
    public boolean helloAwaitsCookie() {
        return helloAwaitsCookie;
    }

    /** The SNI host name of the ClientHello, or null when it carried none. */
    public String serverName() {
        return serverName;
    }

    /** Whether the server answered the first ClientHello with a HelloRetryRequest (TLS 1.3). */
    public boolean helloRetryRequest() {
        return helloRetryRequest;
    }

    /**
     * Whether a CertificateRequest crossed the wire in plaintext (TLS 1.2; in TLS 1.3 it is encrypted, and this
     * stays false).
     */
    public boolean certificateRequestSeen() {
        return certificateRequested;
    }

    /** Whether a whole ClientHello has been parsed (so {@link #serverName()} tells whether it carried SNI). */
    public boolean clientHelloSeen() {
        return clientHelloSeen;
    }

    /** The last alert the peer sent in plaintext (e.g. {@code fatal handshake_failure}), or null. */
    public String alertReceived() {
        return alertReceived == null ? null : alertReceived.toString();
    }

    /** The last plaintext alert this endpoint sent, or null. */
    public String alertSent() {
        return alertSent == null ? null : alertSent.toString();
    }

    /** {@link #alertReceived()} as data, or null. */
    public Alert receivedAlert() {
        return alertReceived;
    }

    /** {@link #alertSent()} as data, or null. */
    public Alert sentAlert() {
        return alertSent;
    }

    /**
     * Whether the records this endpoint sends are protected by now (after its ChangeCipherSpec in TLS 1.2, after the
     * ServerHello in TLS 1.3, after an epoch change in DTLS): an alert then cannot be written in plaintext.
     */
    public boolean sendingProtected() {
        return sent.protectedNow();
    }

    /** DTLS: the sequence number for a plaintext (epoch 0) record sent next. */
    public long nextPlainSequence() {
        return plainSequenceSent + 1;
    }

    /**
     * Whether the client answered a CertificateRequest with an empty Certificate message (visible in TLS 1.2 only;
     * a server that needs one then fails the handshake, BCJSSE with a bare handshake_failure alert).
     */
    /** Whether this endpoint is the client. */
    public boolean isClient() {
        return client;
    }

    /**
     * Tells the observer which certificate this endpoint would send ({@code CN=alice, issued by CN=tlskit CA}), or
     * null for none, so a failure can say whose certificate the peer rejected.
     */
    public WireObserver localCertificate(String description) {
        this.localCertificate = description;
        return this;
    }

    /** What {@link #localCertificate(String)} set: this endpoint's certificate in words, or null when it has none. */
    public String localCertificate() {
        return localCertificate;
    }

    public boolean clientSentNoCertificate() {
        return clientSentNoCertificate;
    }

    /** The records of the handshake, in the order seen. */
    public List<TraceEvent> handshakeRecords() {
        synchronized (handshakeRecords) {
            return List.copyOf(handshakeRecords);
        }
    }

    private void emit(TraceEvent event) {
        if (!handshakeDone) {
            synchronized (handshakeRecords) {
                handshakeRecords.add(event);
            }
        }
        if (listener != null) {
            listener.accept(event);
        }
    }

    /** Parses one direction's byte stream into records and handshake messages. */
    private final class Parser {
        private final Direction direction;
        private final byte[] header = new byte[datagram ? DTLS_RECORD_HEADER : 5];
        private int headerFill;
        private int bodyRemaining = -1;
        private ContentType recordType;
        private int recordVersion;
        private int recordLength;
        private ByteArrayOutputStream recordBody;
        /** After ChangeCipherSpec (1.2) or ServerHello (1.3) this direction's handshake records are encrypted. */
        private boolean encrypted;
        /** Handshake message bytes that may span records. */
        private final ByteArrayOutputStream handshakeBuffer = new ByteArrayOutputStream();
        private boolean broken;
        /** Details of the handshake messages of the record being parsed (see {@link TraceEvent#details()}). */
        private final List<String> details = new ArrayList<>();
        /** DTLS: whether the current record is protected (its epoch is not 0). */
        private boolean recordEncrypted;
        /** DTLS: handshake messages arriving in fragments, by message_seq. */
        private final java.util.Map<Integer, DtlsFragments> fragments = new java.util.HashMap<>();

        /** Whether a protected record went this way (TLS). */
        private boolean protectedRecordSeen;
        /** DTLS: whether a record of epoch 1 or later went this way. */
        private volatile boolean epochChanged;

        Parser(Direction direction) {
            this.direction = direction;
        }

        boolean protectedNow() {
            return datagram ? epochChanged : encrypted;
        }

        /**
         * DTLS: a datagram holds whole records, so each one starts parsing afresh. A broken datagram (a stray
         * packet, a truncated record) then spoils only itself, as it does for the SSLEngine, which drops it.
         */
        void startDatagram() {
            if (datagram) {
                headerFill = 0;
                bodyRemaining = -1;
                recordBody = null;
                broken = false;
            }
        }

        void feed(ByteBuffer in) {
            while (in.hasRemaining() && !broken) {
                if (bodyRemaining < 0) {
                    header[headerFill++] = in.get();
                    if (headerFill == header.length) {
                        startRecord();
                    }
                    continue;
                }
                int n = Math.min(bodyRemaining, in.remaining());
                if (recordBody != null) {
                    byte[] chunk = new byte[n];
                    in.get(chunk);
                    recordBody.write(chunk, 0, n);
                } else {
                    in.position(in.position() + n);
                }
                bodyRemaining -= n;
                if (bodyRemaining == 0) {
                    endRecord();
                }
            }
        }

        private void startRecord() {
            headerFill = 0;
            ContentType type = ContentType.of(header[0] & 0xFF);
            recordVersion = ((header[1] & 0xFF) << 8) | (header[2] & 0xFF);
            int n = header.length;
            recordLength = ((header[n - 2] & 0xFF) << 8) | (header[n - 1] & 0xFF);
            // DTLS protects every record of epoch 1 and later; the epoch says it, whatever was lost or reordered.
            // Until this direction has carried a protected record, a 2-byte alert record is plaintext whatever the
            // state: a protected record carries at least its inner content type and a 16-byte tag. (A TLS 1.3
            // client that rejects the server's certificate before its handshake keys are in use sends one, as
            // OpenSSL's s_client does.) After a protected record such a record is garbage, not the peer's word.
            recordEncrypted = datagram ? (header[3] != 0 || header[4] != 0)
                    : encrypted && !(type == ContentType.ALERT && recordLength == 2 && !protectedRecordSeen);
            if (recordEncrypted && type != ContentType.CHANGE_CIPHER_SPEC) {
                protectedRecordSeen = true;
            }
            if (datagram && direction == Direction.SENT) {
                if (recordEncrypted) {
                    epochChanged = true;
                } else {
                    long seq = 0;
                    for (int i = 5; i < 11; i++) {
                        seq = (seq << 8) | (header[i] & 0xFF);
                    }
                    plainSequenceSent = Math.max(plainSequenceSent, seq);
                }
            }
            int major = header[1] & 0xFF;
            if (type == null || type.code() > LAST_CONTENT_TYPE || major != (datagram ? 0xFE : 3)) {
                // Not TLS (a peer speaking HTTP, say): stop parsing; the SSLEngine reports the error.
                broken = true;
                return;
            }
            recordType = type;
            boolean needBody = (type == ContentType.HANDSHAKE && !recordEncrypted) || type == ContentType.ALERT;
            recordBody = needBody ? new ByteArrayOutputStream(recordLength) : null;
            bodyRemaining = recordLength;
            if (recordLength == 0) {
                endRecord();
            }
        }

        private void endRecord() {
            bodyRemaining = -1;
            List<String> messages = new ArrayList<>(2);
            String typeName = recordType.displayName();
            switch (recordType) {
                case CHANGE_CIPHER_SPEC -> {
                    messages.add(typeName);
                    if (!tls13 && !datagram) {
                        encrypted = true;
                    }
                }
                case ALERT -> {
                    byte[] body = recordBody.toByteArray();
                    if (recordEncrypted) {
                        messages.add("Encrypted Alert");
                    } else if (body.length >= 2) {
                        Alert alert = Alert.parse(body);
                        messages.add("Alert (" + alert + ")");
                        if (direction == Direction.RECEIVED) {
                            alertReceived = alert;
                        } else {
                            alertSent = alert;
                        }
                    }
                }
                case HANDSHAKE -> {
                    if (recordEncrypted) {
                        messages.add("Encrypted Handshake Message");
                    } else if (datagram) {
                        parseDatagramHandshake(recordBody.toByteArray(), messages);
                    } else {
                        byte[] body = recordBody.toByteArray();
                        handshakeBuffer.write(body, 0, body.length);
                        parseHandshakeMessages(messages);
                    }
                }
                case APPLICATION_DATA -> {
                    // In TLS 1.3 the encrypted handshake travels in records of this type too; without keys the
                    // wire cannot tell them apart, and Wireshark names them the same.
                    messages.add(typeName);
                }
                default -> messages.add(typeName);
            }
            recordBody = null;
            emit(new TraceEvent(direction, typeName, recordVersion, recordLength, messages, details,
                    System.nanoTime()));
            details.clear();
        }

        private void parseHandshakeMessages(List<String> names) {
            byte[] buf = handshakeBuffer.toByteArray();
            int pos = 0;
            while (buf.length - pos >= 4) {
                int type = buf[pos] & 0xFF;
                int len = ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
                if (buf.length - pos - 4 < len) {
                    break;
                }
                ByteBuffer body = ByteBuffer.wrap(buf, pos + 4, len).slice();
                names.add(onHandshakeMessage(type, body));
                pos += 4 + len;
            }
            handshakeBuffer.reset();
            handshakeBuffer.write(buf, pos, buf.length - pos);
        }

        /**
         * DTLS: a record holds whole fragments of one or more handshake messages, each with its own header. A
         * message is understood once all its bytes are in; a retransmitted one is named again, as Wireshark does.
         */
        private void parseDatagramHandshake(byte[] record, List<String> names) {
            ByteBuffer b = ByteBuffer.wrap(record);
            while (b.remaining() >= DTLS_HANDSHAKE_HEADER) {
                int type = b.get() & 0xFF;
                int length = uint24(b);
                int seq = b.getShort() & 0xFFFF;
                int offset = uint24(b);
                int fragmentLength = uint24(b);
                if (fragmentLength > b.remaining() || offset + fragmentLength > length) {
                    return; // malformed: the SSLEngine's to reject
                }
                ByteBuffer fragment = b.slice();
                fragment.limit(fragmentLength);
                b.position(b.position() + fragmentLength);
                if (offset == 0 && fragmentLength == length) {
                    names.add(onHandshakeMessage(type, fragment));
                    continue;
                }
                names.add(HandshakeType.nameOf(type) + " (fragment)");
                DtlsFragments f = fragments.computeIfAbsent(seq, k -> new DtlsFragments(type, length));
                if (f.add(offset, fragment) && fragments.remove(seq) != null) {
                    onHandshakeMessage(f.type, ByteBuffer.wrap(f.bytes));
                }
            }
        }

        private String onHandshakeMessage(int type, ByteBuffer body) {
            HandshakeType known = HandshakeType.of(type);
            if (known != null) {
                switch (known) {
                    case CLIENT_HELLO -> onClientHello(!client && direction == Direction.RECEIVED
                            ? checkedClientHello(body) : ClientHello.read(body, datagram));
                    case SERVER_HELLO -> {
                        return onServerHello(ServerHello.read(body));
                    }
                    case CERTIFICATE, SERVER_KEY_EXCHANGE, SERVER_HELLO_DONE -> {
                        if (!tls13 && isServerDirection()) {
                            resumed = false; // a 1.2 server that sends its Certificate is doing a full handshake
                        }
                        if (known == HandshakeType.SERVER_KEY_EXCHANGE) {
                            onServerKeyExchange(ServerKeyExchange.read(body, CipherSuite.of(cipherSuite)));
                        }
                        if (known == HandshakeType.CERTIFICATE && !isServerDirection() && body.remaining() >= 3
                                && body.get(0) == 0 && body.get(1) == 0 && body.get(2) == 0) {
                            clientSentNoCertificate = true; // an empty certificate_list
                        }
                    }
                    case CERTIFICATE_REQUEST -> certificateRequested = true; // plaintext: TLS 1.2
                    default -> { }
                }
            }
            return HandshakeType.nameOf(type);
        }

        private boolean isServerDirection() {
            return client == (direction == Direction.RECEIVED);
        }

        /**
         * A server's ClientHello, checked against the rules RFC 8446/5246 make it enforce: parsed strictly once, and
         * only when that fails read again leniently (for the trace), the breach kept for the driver.
         */
        private ClientHello checkedClientHello(ByteBuffer body) {
            try {
                return ClientHello.parse(body.duplicate(), datagram);
            } catch (MalformedHelloException e) {
                if (helloViolation == null) {
                    helloViolation = e;
                }
                return ClientHello.read(body, datagram);
            }
        }

        private void onClientHello(ClientHello hello) {
            helloAwaitsCookie = datagram && !client && (hello.cookie() == null || hello.cookie().length == 0);
            clientSessionId = hello.sessionId();
            String name = hello.serverName();
            if (name != null) {
                serverName = name;
            }
            details.addAll(HelloTrace.clientHello(hello));
            clientHelloSeen = true;
        }

        private String onServerHello(ServerHello hello) {
            cipherSuite = hello.cipherSuite();
            boolean hrr = hello.isHelloRetryRequest();
            helloRetryRequest |= hrr;
            boolean psk = hello.pskSelected();
            int selectedGroup = hello.keyShareGroup();
            boolean v13 = hello.selectedVersion() == ProtocolVersion.TLS13.code();
            details.add(HelloTrace.serverHello(hello));
            if (v13) {
                tls13 = true;
                if (selectedGroup >= 0) {
                    negotiatedGroup = selectedGroup;
                }
                if (!hrr) {
                    serverHelloSeen = true;
                    resumed = psk;
                    // Everything after the ServerHello is encrypted, in both directions.
                    sent.encrypted = true;
                    received.encrypted = true;
                }
                return hrr ? HandshakeType.HELLO_RETRY_REQUEST.displayName() : HandshakeType.SERVER_HELLO.displayName();
            }
            serverHelloSeen = true;
            byte[] clientSid = clientSessionId;
            byte[] sid = hello.sessionId();
            // TLS 1.2: the server echoes the client's session ID when it resumes; a full handshake follows
            // with a Certificate (or ServerKeyExchange), which resets this.
            resumed = sid.length > 0 && clientSid != null && Arrays.equals(sid, clientSid);
            return HandshakeType.SERVER_HELLO.displayName();
        }

        private void onServerKeyExchange(ServerKeyExchange params) {
            if (params.namedGroup() >= 0) {
                negotiatedGroup = params.namedGroup();
                details.add("group " + NamedGroup.nameOf(negotiatedGroup));
            } else if (params.dhPrimeBits() >= 0) {
                dheGroup = "DHE-" + params.dhPrimeBits();
            }
        }
    }

    private static int uint24(ByteBuffer b) {
        return ((b.get() & 0xFF) << 16) | ((b.get() & 0xFF) << 8) | (b.get() & 0xFF);
    }
}
