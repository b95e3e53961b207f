package dev.tlskit.engine.internal;

import dev.tlskit.engine.Direction;
import dev.tlskit.engine.TraceEvent;
import dev.tlskit.engine.WireNames;
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
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int ALERT = 21;
    private static final int HANDSHAKE = 22;
    private static final int APPLICATION_DATA = 23;

    /** ServerHello.random of a HelloRetryRequest (RFC 8446 section 4.1.3). */
    private static final byte[] HRR_RANDOM = hex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    private static final int EXT_SERVER_NAME = 0x0000;
    private static final int EXT_SUPPORTED_GROUPS = 0x000A;
    private static final int EXT_ALPN = 0x0010;
    private static final int EXT_PRE_SHARED_KEY = 0x0029;
    private static final int EXT_SUPPORTED_VERSIONS = 0x002B;
    private static final int EXT_KEY_SHARE = 0x0033;

    /** DTLS record header: type, version, epoch (2), sequence number (6), length (2). */
    private static final int DTLS_RECORD_HEADER = 13;
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
    private volatile String alertReceived;
    private volatile String alertSent;
    private volatile boolean clientSentNoCertificate;
    private volatile boolean clientHelloSeen;

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

    /** The negotiated group's name ({@code X25519}), or null when the handshake had none (RSA, PSK-only). */
    public String negotiatedGroup() {
        if (negotiatedGroup >= 0) {
            return WireNames.group(negotiatedGroup);
        }
        return dheGroup;
    }

    /** Whether the server accepted a resumption (PSK in 1.3, an abbreviated handshake in 1.2); false if unknown. */
    public boolean resumed() {
        return Boolean.TRUE.equals(resumed);
    }

    /** The SNI host name of the ClientHello, or null when it carried none. */
    public String serverName() {
        return serverName;
    }

    /** Whether a whole ClientHello has been parsed (so {@link #serverName()} tells whether it carried SNI). */
    public boolean clientHelloSeen() {
        return clientHelloSeen;
    }

    /** The last alert the peer sent in plaintext (e.g. {@code fatal handshake_failure}), or null. */
    public String alertReceived() {
        return alertReceived;
    }

    /** The last plaintext alert this endpoint sent, or null. */
    public String alertSent() {
        return alertSent;
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
        private int recordType;
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
        private final java.util.Map<Integer, Fragments> fragments = new java.util.HashMap<>();

        Parser(Direction direction) {
            this.direction = direction;
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
            recordType = header[0] & 0xFF;
            recordVersion = ((header[1] & 0xFF) << 8) | (header[2] & 0xFF);
            int n = header.length;
            recordLength = ((header[n - 2] & 0xFF) << 8) | (header[n - 1] & 0xFF);
            // DTLS protects every record of epoch 1 and later; the epoch says it, whatever was lost or reordered.
            recordEncrypted = datagram ? (header[3] != 0 || header[4] != 0) : encrypted;
            int major = header[1] & 0xFF;
            if (recordType < CHANGE_CIPHER_SPEC || recordType > 24 || major != (datagram ? 0xFE : 3)) {
                // Not TLS (a peer speaking HTTP, say): stop parsing; the SSLEngine reports the error.
                broken = true;
                return;
            }
            boolean needBody = (recordType == HANDSHAKE && !recordEncrypted) || recordType == ALERT;
            recordBody = needBody ? new ByteArrayOutputStream(recordLength) : null;
            bodyRemaining = recordLength;
            if (recordLength == 0) {
                endRecord();
            }
        }

        private void endRecord() {
            bodyRemaining = -1;
            List<String> messages = new ArrayList<>(2);
            String typeName;
            switch (recordType) {
                case CHANGE_CIPHER_SPEC -> {
                    typeName = "Change Cipher Spec";
                    messages.add("Change Cipher Spec");
                    if (!tls13 && !datagram) {
                        encrypted = true;
                    }
                }
                case ALERT -> {
                    typeName = "Alert";
                    byte[] body = recordBody.toByteArray();
                    if (recordEncrypted) {
                        messages.add("Encrypted Alert");
                    } else if (body.length >= 2) {
                        String text = ((body[0] & 0xFF) == 2 ? "fatal " : "warning ") + WireNames.alert(body[1] & 0xFF);
                        messages.add("Alert (" + text + ")");
                        if (direction == Direction.RECEIVED) {
                            alertReceived = text;
                        } else {
                            alertSent = text;
                        }
                    }
                }
                case HANDSHAKE -> {
                    typeName = "Handshake";
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
                    typeName = "Application Data";
                    // In TLS 1.3 the encrypted handshake travels in records of this type too; without keys the
                    // wire cannot tell them apart, and Wireshark names them the same.
                    messages.add("Application Data");
                }
                default -> {
                    typeName = "Content type " + recordType;
                    messages.add(typeName);
                }
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
                names.add(WireNames.handshakeMessage(type) + " (fragment)");
                Fragments f = fragments.computeIfAbsent(seq, k -> new Fragments(type, length));
                if (f.add(offset, fragment) && fragments.remove(seq) != null) {
                    onHandshakeMessage(f.type, ByteBuffer.wrap(f.bytes));
                }
            }
        }

        private String onHandshakeMessage(int type, ByteBuffer body) {
            try {
                switch (type) {
                    case 1 -> onClientHello(body);
                    case 2 -> {
                        return onServerHello(body);
                    }
                    case 11, 12, 14 -> {
                        if (!tls13 && isServerDirection()) {
                            resumed = false; // a 1.2 server that sends its Certificate is doing a full handshake
                        }
                        if (type == 12) {
                            onServerKeyExchange(body);
                        }
                        if (type == 11 && !isServerDirection() && body.remaining() >= 3
                                && body.get(0) == 0 && body.get(1) == 0 && body.get(2) == 0) {
                            clientSentNoCertificate = true; // an empty certificate_list
                        }
                    }
                    default -> { }
                }
            } catch (RuntimeException malformed) {
                // A malformed message is the SSLEngine's to reject; the observer only stops learning from it.
            }
            return WireNames.handshakeMessage(type);
        }

        private boolean isServerDirection() {
            return client == (direction == Direction.RECEIVED);
        }

        private void onClientHello(ByteBuffer b) {
            b.position(b.position() + 2 + 32);
            byte[] sid = new byte[b.get() & 0xFF];
            b.get(sid);
            clientSessionId = sid;
            if (datagram) {
                int cookieLength = b.get() & 0xFF;
                b.position(b.position() + cookieLength); // the HelloVerifyRequest cookie
            }
            // Read each length before taking the position: Java evaluates b.position() + .. left to right.
            int suitesLength = b.getShort() & 0xFFFF;
            details.add("offered " + suitesLength / 2 + " cipher suites");
            b.position(b.position() + suitesLength); // cipher suites
            int compressionLength = b.get() & 0xFF;
            b.position(b.position() + compressionLength); // compression methods
            if (b.remaining() < 2) {
                clientHelloSeen = true; // no extensions at all
                return;
            }
            int extEnd = (b.getShort() & 0xFFFF) + b.position();
            while (b.position() + 4 <= extEnd) {
                int extType = b.getShort() & 0xFFFF;
                int next = (b.getShort() & 0xFFFF) + b.position();
                switch (extType) {
                    case EXT_SERVER_NAME -> {
                        b.getShort(); // list length
                        if (b.get() == 0) { // host_name
                            byte[] name = new byte[b.getShort() & 0xFFFF];
                            b.get(name);
                            serverName = new String(name, java.nio.charset.StandardCharsets.US_ASCII);
                            details.add("SNI " + serverName);
                        }
                    }
                    case EXT_SUPPORTED_GROUPS -> details.add("groups " + codes(b, b.getShort() & 0xFFFF, WireNames::group));
                    case EXT_SUPPORTED_VERSIONS -> details.add("versions " + codes(b, b.get() & 0xFF, WireNames::version));
                    case EXT_KEY_SHARE -> details.add("key_share " + keyShareGroups(b));
                    case EXT_ALPN -> details.add("ALPN " + alpn(b));
                    default -> { }
                }
                b.position(next);
            }
            clientHelloSeen = true;
        }

        private String onServerHello(ByteBuffer b) {
            int legacyVersion = b.getShort() & 0xFFFF;
            byte[] random = new byte[32];
            b.get(random);
            boolean hrr = Arrays.equals(random, HRR_RANDOM);
            byte[] sid = new byte[b.get() & 0xFF];
            b.get(sid);
            cipherSuite = b.getShort() & 0xFFFF;
            b.get(); // compression
            boolean psk = false;
            int selectedGroup = -1;
            boolean v13 = false;
            if (b.remaining() >= 2) {
                int extEnd = (b.getShort() & 0xFFFF) + b.position();
                while (b.position() + 4 <= extEnd) {
                    int extType = b.getShort() & 0xFFFF;
                    int extLen = b.getShort() & 0xFFFF;
                    int next = b.position() + extLen;
                    switch (extType) {
                        case EXT_SUPPORTED_VERSIONS -> v13 = (b.getShort() & 0xFFFF) == 0x0304;
                        case EXT_KEY_SHARE -> selectedGroup = b.getShort() & 0xFFFF;
                        case EXT_PRE_SHARED_KEY -> psk = true;
                        default -> { }
                    }
                    b.position(next);
                }
            }
            details.add("chose " + (v13 ? "TLS 1.3" : WireNames.version(legacyVersion)) + ", "
                    + WireNames.cipherSuite(cipherSuite)
                    + (selectedGroup >= 0 ? ", key_share " + WireNames.group(selectedGroup) : "")
                    + (psk ? ", pre_shared_key (resumed)" : ""));
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
                return hrr ? "Hello Retry Request" : "Server Hello";
            }
            serverHelloSeen = true;
            byte[] clientSid = clientSessionId;
            // TLS 1.2: the server echoes the client's session ID when it resumes; a full handshake follows
            // with a Certificate (or ServerKeyExchange), which resets this.
            resumed = sid.length > 0 && clientSid != null && Arrays.equals(sid, clientSid);
            return "Server Hello";
        }

        private void onServerKeyExchange(ByteBuffer b) {
            if (isEcdheSuite(cipherSuite)) {
                if ((b.get() & 0xFF) == 3) { // named_curve
                    negotiatedGroup = b.getShort() & 0xFFFF;
                    details.add("group " + WireNames.group(negotiatedGroup));
                }
            } else {
                int pLength = b.getShort() & 0xFFFF;
                int firstByte = pLength > 0 ? (b.get(b.position()) & 0xFF) : 0;
                int bits = pLength * 8 - Integer.numberOfLeadingZeros(firstByte) + 24;
                dheGroup = "DHE-" + bits;
            }
        }
    }

    private static int uint24(ByteBuffer b) {
        return ((b.get() & 0xFF) << 16) | ((b.get() & 0xFF) << 8) | (b.get() & 0xFF);
    }

    /** One DTLS handshake message being put together from fragments that may overlap or repeat. */
    private static final class Fragments {
        final int type;
        final byte[] bytes;
        private final java.util.BitSet have;

        Fragments(int type, int length) {
            this.type = type;
            this.bytes = new byte[length];
            this.have = new java.util.BitSet(length);
        }

        /** Adds a fragment; true when the message is complete. */
        boolean add(int offset, ByteBuffer fragment) {
            int n = fragment.remaining();
            if (offset + n > bytes.length) {
                return false;
            }
            fragment.get(bytes, offset, n);
            have.set(offset, offset + n);
            return have.cardinality() == bytes.length;
        }
    }

    /** {@code length} bytes of 2-byte code points, named. */
    private static String codes(ByteBuffer b, int length, java.util.function.IntFunction<String> name) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < length; i += 2) {
            out.add(name.apply(b.getShort() & 0xFFFF));
        }
        return String.join(", ", out);
    }

    /** The groups of a ClientHello key_share extension's entries. */
    private static String keyShareGroups(ByteBuffer b) {
        int end = (b.getShort() & 0xFFFF) + b.position();
        List<String> out = new ArrayList<>();
        while (b.position() + 4 <= end) {
            out.add(WireNames.group(b.getShort() & 0xFFFF));
            int keyLength = b.getShort() & 0xFFFF; // read before position(): Java evaluates left to right
            b.position(b.position() + keyLength);
        }
        return out.isEmpty() ? "(none: asks the server to choose)" : String.join(", ", out);
    }

    private static String alpn(ByteBuffer b) {
        int end = (b.getShort() & 0xFFFF) + b.position();
        List<String> out = new ArrayList<>();
        while (b.position() < end) {
            byte[] p = new byte[b.get() & 0xFF];
            b.get(p);
            out.add(new String(p, java.nio.charset.StandardCharsets.US_ASCII));
        }
        return String.join(", ", out);
    }

    private static boolean isEcdheSuite(int suite) {
        return (suite >> 8) == 0xC0 || suite == 0xCCA8 || suite == 0xCCA9 || suite == 0xCCAC;
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
