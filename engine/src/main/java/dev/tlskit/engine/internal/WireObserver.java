package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.Direction;
import dev.tlskit.engine.model.TraceEvent;
import dev.tlskit.engine.wire.Alert;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.ClientHello;
import dev.tlskit.engine.wire.HandshakeMessage;
import dev.tlskit.engine.wire.HandshakeType;
import dev.tlskit.engine.wire.MalformedHelloException;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.ServerHello;
import dev.tlskit.engine.wire.ServerKeyExchange;
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
    private final boolean client;
    private final boolean datagram;
    private final Consumer<TraceEvent> listener;
    private final List<TraceEvent> handshakeRecords = new ArrayList<>();
    private final RecordStream sent;
    private final RecordStream received;

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
        this.sent = new RecordStream(this, Direction.SENT, datagram);
        this.received = new RecordStream(this, Direction.RECEIVED, datagram);
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

    /**
     * Whether the client answered a CertificateRequest with an empty Certificate message (visible in TLS 1.2 only;
     * a server that needs one then fails the handshake, BCJSSE with a bare handshake_failure alert).
     */
    public boolean clientSentNoCertificate() {
        return clientSentNoCertificate;
    }

    /** The records of the handshake, in the order seen. */
    public List<TraceEvent> handshakeRecords() {
        synchronized (handshakeRecords) {
            return List.copyOf(handshakeRecords);
        }
    }

    /** A whole record, as the trace and the summary show it. */
    void record(TraceEvent event) {
        if (!handshakeDone) {
            synchronized (handshakeRecords) {
                handshakeRecords.add(event);
            }
        }
        if (listener != null) {
            listener.accept(event);
        }
    }

    boolean tls13() {
        return tls13;
    }

    /** DTLS: a plaintext (epoch 0) record with this sequence number went out. */
    void plainRecordSent(long sequence) {
        plainSequenceSent = Math.max(plainSequenceSent, sequence);
    }

    void alert(Direction direction, Alert alert) {
        if (direction == Direction.RECEIVED) {
            alertReceived = alert;
        } else {
            alertSent = alert;
        }
    }

    /** A whole plaintext handshake message from {@code from}: its facts noted, its decoding added; returns its name. */
    String handshakeMessage(RecordStream from, int type, ByteBuffer body, List<HandshakeMessage> decoded) {
        HandshakeType known = HandshakeType.of(type);
        if (known == null) {
            return HandshakeType.nameOf(type);
        }
        boolean fromServer = client == (from.direction() == Direction.RECEIVED);
        switch (known) {
            case CLIENT_HELLO -> decoded.add(onClientHello(!client && from.direction() == Direction.RECEIVED
                    ? checkedClientHello(body) : ClientHello.read(body, datagram)));
            case SERVER_HELLO -> {
                ServerHello hello = ServerHello.read(body);
                decoded.add(hello);
                return onServerHello(hello);
            }
            case CERTIFICATE, SERVER_KEY_EXCHANGE, SERVER_HELLO_DONE -> {
                if (!tls13 && fromServer) {
                    resumed = false; // a 1.2 server that sends its Certificate is doing a full handshake
                }
                if (known == HandshakeType.SERVER_KEY_EXCHANGE) {
                    ServerKeyExchange params = ServerKeyExchange.read(body, CipherSuite.of(cipherSuite));
                    decoded.add(params);
                    onServerKeyExchange(params);
                }
                if (known == HandshakeType.CERTIFICATE && !fromServer && body.remaining() >= 3
                        && body.get(0) == 0 && body.get(1) == 0 && body.get(2) == 0) {
                    clientSentNoCertificate = true; // an empty certificate_list
                }
            }
            case CERTIFICATE_REQUEST -> certificateRequested = true; // plaintext: TLS 1.2
            default -> { }
        }
        return HandshakeType.nameOf(type);
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

    private ClientHello onClientHello(ClientHello hello) {
        helloAwaitsCookie = datagram && !client && (hello.cookie() == null || hello.cookie().length == 0);
        clientSessionId = hello.sessionId();
        String name = hello.serverName();
        if (name != null) {
            serverName = name;
        }
        clientHelloSeen = true;
        return hello;
    }

    private String onServerHello(ServerHello hello) {
        cipherSuite = hello.cipherSuite();
        boolean hrr = hello.isHelloRetryRequest();
        helloRetryRequest |= hrr;
        int selectedGroup = hello.keyShareGroup();
        if (hello.selectedVersion() == ProtocolVersion.TLS13.code()) {
            tls13 = true;
            if (selectedGroup >= 0) {
                negotiatedGroup = selectedGroup;
            }
            if (!hrr) {
                serverHelloSeen = true;
                resumed = hello.pskSelected();
                // Everything after the ServerHello is encrypted, in both directions.
                sent.protect();
                received.protect();
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
        } else if (params.dhPrimeBits() >= 0) {
            dheGroup = "DHE-" + params.dhPrimeBits();
        }
    }
}
