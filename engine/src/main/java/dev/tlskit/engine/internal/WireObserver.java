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
    private static final int EXT_PRE_SHARED_KEY = 0x0029;
    private static final int EXT_SUPPORTED_VERSIONS = 0x002B;
    private static final int EXT_KEY_SHARE = 0x0033;

    private final boolean client;
    private final Consumer<TraceEvent> listener;
    private final List<TraceEvent> handshakeRecords = new ArrayList<>();
    private final Parser sent = new Parser(Direction.SENT);
    private final Parser received = new Parser(Direction.RECEIVED);

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

    /**
     * @param client whether this endpoint is the client (decides which direction carries the ServerHello)
     * @param listener receives every record as a trace event, or null when nobody listens
     */
    public WireObserver(boolean client, Consumer<TraceEvent> listener) {
        this.client = client;
        this.listener = listener;
    }

    /** Bytes this endpoint is about to write to the network (position..limit; not consumed). */
    public void sent(ByteBuffer bytes) {
        synchronized (sent) {
            sent.feed(bytes.duplicate());
        }
    }

    /** Bytes this endpoint read from the network (position..limit; not consumed). */
    public void received(ByteBuffer bytes) {
        synchronized (received) {
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
        private final byte[] header = new byte[5];
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

        Parser(Direction direction) {
            this.direction = direction;
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
            recordLength = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
            if (recordType < CHANGE_CIPHER_SPEC || recordType > 24 || (header[1] & 0xFF) != 3) {
                // Not TLS (a peer speaking HTTP, say): stop parsing; the SSLEngine reports the error.
                broken = true;
                return;
            }
            boolean needBody = (recordType == HANDSHAKE && !encrypted) || recordType == ALERT;
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
                    if (!tls13) {
                        encrypted = true;
                    }
                }
                case ALERT -> {
                    typeName = "Alert";
                    byte[] body = recordBody.toByteArray();
                    if (encrypted) {
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
                    if (encrypted) {
                        messages.add("Encrypted Handshake Message");
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
            emit(new TraceEvent(direction, typeName, recordVersion, recordLength, messages, System.nanoTime()));
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
            // Read each length before taking the position: Java evaluates b.position() + .. left to right.
            int suitesLength = b.getShort() & 0xFFFF;
            b.position(b.position() + suitesLength); // cipher suites
            int compressionLength = b.get() & 0xFF;
            b.position(b.position() + compressionLength); // compression methods
            if (b.remaining() < 2) {
                return;
            }
            int extEnd = (b.getShort() & 0xFFFF) + b.position();
            while (b.position() + 4 <= extEnd) {
                int extType = b.getShort() & 0xFFFF;
                int next = (b.getShort() & 0xFFFF) + b.position();
                if (extType == EXT_SERVER_NAME) {
                    b.getShort(); // list length
                    if (b.get() == 0) { // host_name
                        byte[] name = new byte[b.getShort() & 0xFFFF];
                        b.get(name);
                        serverName = new String(name, java.nio.charset.StandardCharsets.US_ASCII);
                    }
                }
                b.position(next);
            }
        }

        private String onServerHello(ByteBuffer b) {
            b.position(b.position() + 2);
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
                }
            } else {
                int pLength = b.getShort() & 0xFFFF;
                int firstByte = pLength > 0 ? (b.get(b.position()) & 0xFF) : 0;
                int bits = pLength * 8 - Integer.numberOfLeadingZeros(firstByte) + 24;
                dheGroup = "DHE-" + bits;
            }
        }
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
