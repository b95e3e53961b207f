package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.Direction;
import dev.tlskit.engine.model.TraceEvent;
import dev.tlskit.engine.wire.Alert;
import dev.tlskit.engine.wire.ContentType;
import dev.tlskit.engine.wire.HandshakeMessage;
import dev.tlskit.engine.wire.HandshakeType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One direction's bytes framed into records and plaintext handshake messages (DTLS: reassembled from fragments).
 * What the messages mean is the {@link WireObserver}'s business; this class only frames, and tells it.
 */
final class RecordStream {
    /** The highest content type the framing accepts (heartbeat); a higher one means the peer is not speaking TLS. */
    private static final int LAST_CONTENT_TYPE = ContentType.HEARTBEAT.code();
    /** DTLS record header: type, version, epoch (2), sequence number (6), length (2). */
    static final int DTLS_RECORD_HEADER = 13;
    /** DTLS handshake header: type, length (3), message_seq (2), fragment_offset (3), fragment_length (3). */
    private static final int DTLS_HANDSHAKE_HEADER = 12;

    private final WireObserver owner;
    private final Direction direction;
    private final boolean datagram;
    private final byte[] header;
    private int headerFill;
    private int bodyRemaining = -1;
    private ContentType recordType;
    private int recordVersion;
    private int recordLength;
    private ByteArrayOutputStream recordBody;
    /** After ChangeCipherSpec (1.2) or ServerHello (1.3) this direction's handshake records are encrypted. */
    private volatile boolean encrypted;
    /** Handshake message bytes that may span records. */
    private final ByteArrayOutputStream handshakeBuffer = new ByteArrayOutputStream();
    private boolean broken;
    /** The decoded handshake messages of the record being parsed (see {@link TraceEvent#decoded()}). */
    private final List<HandshakeMessage> decoded = new ArrayList<>();
    /** DTLS: whether the current record is protected (its epoch is not 0). */
    private boolean recordEncrypted;
    /** DTLS: handshake messages arriving in fragments, by message_seq. */
    private final Map<Integer, DtlsFragments> fragments = new HashMap<>();
    /** Whether a protected record went this way (TLS). */
    private boolean protectedRecordSeen;
    /** DTLS: whether a record of epoch 1 or later went this way. */
    private volatile boolean epochChanged;

    RecordStream(WireObserver owner, Direction direction, boolean datagram) {
        this.owner = owner;
        this.direction = direction;
        this.datagram = datagram;
        this.header = new byte[datagram ? DTLS_RECORD_HEADER : 5];
    }

    Direction direction() {
        return direction;
    }

    /** TLS 1.3: everything after the ServerHello is encrypted, in both directions. */
    void protect() {
        encrypted = true;
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
                owner.plainRecordSent(seq);
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
                if (!owner.tls13() && !datagram) {
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
                    owner.alert(direction, alert);
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
            // In TLS 1.3 the encrypted handshake travels in application_data records too; without keys the wire
            // cannot tell them apart, and Wireshark names them the same.
            default -> messages.add(typeName);
        }
        recordBody = null;
        owner.record(new TraceEvent(direction, typeName, recordVersion, recordLength, messages, decoded,
                System.nanoTime()));
        decoded.clear();
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
            names.add(owner.handshakeMessage(this, type, body, decoded));
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
                names.add(owner.handshakeMessage(this, type, fragment, decoded));
                continue;
            }
            names.add(HandshakeType.nameOf(type) + " (fragment)");
            DtlsFragments f = fragments.computeIfAbsent(seq, k -> new DtlsFragments(type, length));
            if (f.add(offset, fragment) && fragments.remove(seq) != null) {
                owner.handshakeMessage(this, f.type, ByteBuffer.wrap(f.bytes), decoded);
            }
        }
    }

    private static int uint24(ByteBuffer b) {
        return ((b.get() & 0xFF) << 16) | ((b.get() & 0xFF) << 8) | (b.get() & 0xFF);
    }
}
