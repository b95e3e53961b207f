package dev.tlskit.engine.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One TLS record as it crosses the wire before any protection is removed (RFC 8446 section 5.1, RFC 5246 section
 * 6.2): a content type, the record-layer version and the body. Codes outside the registries are kept as they came,
 * so odd records can be written (by the hostile-peer tests, a scanner's probes) and read back as they were.
 *
 * <p>Reading checks the header only: a length over {@link #MAX_CIPHERTEXT} or a version byte that is not 3 is
 * not a TLS record, the stream is not TLS ({@link MalformedRecordException}). Whether the content type or the
 * length fits the connection's state is the reader's business.
 *
 * @param contentType the content type byte; {@link ContentType#of(int)} names it
 * @param version the two record-layer version bytes, e.g. {@code 0x0303}
 * @param body the fragment, at most 2^16-1 bytes (a record's length field has two bytes)
 */
public record Record(int contentType, int version, byte[] body) {
    /** Bytes in a record header: type, version, length. */
    public static final int HEADER_LENGTH = 5;
    /** The most plaintext a record may carry: 2^14 (RFC 8446 section 5.1). */
    public static final int MAX_PLAINTEXT = 1 << 14;
    /** The most a TLS 1.3 protected record may carry: 2^14 + 256 (RFC 8446 section 5.2). */
    public static final int MAX_TLS13_CIPHERTEXT = MAX_PLAINTEXT + 256;
    /** The most any record may carry: 2^14 + 2048 (TLS 1.2 ciphertext, RFC 5246 section 6.2.3). */
    public static final int MAX_CIPHERTEXT = MAX_PLAINTEXT + 2048;

    public Record {
        if (contentType < 0 || contentType > 0xFF) {
            throw new IllegalArgumentException("record content type out of range: " + contentType);
        }
        if (version < 0 || version > 0xFFFF) {
            throw new IllegalArgumentException("record version out of range: " + version);
        }
        if (body.length > 0xFFFF) {
            throw new IllegalArgumentException("record body longer than a length field holds: " + body.length);
        }
        body = body.clone();
    }

    public Record(ContentType type, ProtocolVersion version, byte[] body) {
        this(type.code(), version.code(), body);
    }

    /** The registry entry, or null for an unassigned content type. */
    public ContentType type() {
        return ContentType.of(contentType);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Body length. */
    public int length() {
        return body.length;
    }

    /** The record with its true length in the header. */
    public byte[] encode() {
        return encode(body.length);
    }

    /**
     * The record with {@code declaredLength} in its length field, whatever the body's size: for peers that lie
     * about a length on purpose.
     */
    public byte[] encode(int declaredLength) {
        if (declaredLength < 0 || declaredLength > 0xFFFF) {
            throw new IllegalArgumentException("record length out of range: " + declaredLength);
        }
        byte[] out = new byte[HEADER_LENGTH + body.length];
        out[0] = (byte) contentType;
        out[1] = (byte) (version >> 8);
        out[2] = (byte) version;
        out[3] = (byte) (declaredLength >> 8);
        out[4] = (byte) declaredLength;
        System.arraycopy(body, 0, out, HEADER_LENGTH, body.length);
        return out;
    }

    /**
     * {@code payload} cut into records of at most {@code maxFragment} bytes of this type and version: a
     * handshake message spread over several records, as RFC 8446 section 5.1 allows.
     */
    public static byte[] fragment(int contentType, int version, byte[] payload, int maxFragment) {
        if (maxFragment < 1) {
            throw new IllegalArgumentException("fragment size must be at least 1: " + maxFragment);
        }
        if (payload.length == 0) {
            return new Record(contentType, version, payload).encode();
        }
        ByteBuffer out = ByteBuffer.allocate(payload.length + HEADER_LENGTH * ((payload.length - 1) / maxFragment + 1));
        for (int off = 0; off < payload.length; off += maxFragment) {
            int n = Math.min(maxFragment, payload.length - off);
            out.put(new Record(contentType, version, Arrays.copyOfRange(payload, off, off + n)).encode());
        }
        return out.array();
    }

    /**
     * The next record from {@code in}, blocking until it is complete; null at end of stream before a header
     * starts.
     *
     * @throws EOFException when the stream ends inside a record
     * @throws MalformedRecordException when the header is not a TLS record header
     */
    public static Record read(InputStream in) throws IOException {
        byte[] header = new byte[HEADER_LENGTH];
        int got = in.readNBytes(header, 0, HEADER_LENGTH);
        if (got == 0) {
            return null;
        }
        if (got < HEADER_LENGTH) {
            throw new EOFException("stream ended inside a record header, after " + got + " of 5 bytes");
        }
        int length = checkHeader(header, 0);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("stream ended inside a record, after " + body.length + " of " + length + " bytes");
        }
        return new Record(header[0] & 0xFF, ((header[1] & 0xFF) << 8) | (header[2] & 0xFF), body);
    }

    /**
     * The next record in {@code buffer} (read from its position), consuming it; null, consuming nothing, when
     * the buffer does not yet hold the whole record.
     *
     * @throws MalformedRecordException when the header is not a TLS record header (nothing is consumed)
     */
    public static Record read(ByteBuffer buffer) throws MalformedRecordException {
        if (buffer.remaining() < HEADER_LENGTH) {
            return null;
        }
        int start = buffer.position();
        byte[] header = new byte[HEADER_LENGTH];
        buffer.get(start, header);
        int length = checkHeader(header, 0);
        if (buffer.remaining() < HEADER_LENGTH + length) {
            return null;
        }
        byte[] body = new byte[length];
        buffer.get(start + HEADER_LENGTH, body);
        buffer.position(start + HEADER_LENGTH + length);
        return new Record(header[0] & 0xFF, ((header[1] & 0xFF) << 8) | (header[2] & 0xFF), body);
    }

    /** The declared length, once the header has passed the checks. */
    private static int checkHeader(byte[] h, int off) throws MalformedRecordException {
        int major = h[off + 1] & 0xFF;
        int length = ((h[off + 3] & 0xFF) << 8) | (h[off + 4] & 0xFF);
        if (major != 3) {
            throw new MalformedRecordException(String.format(
                    "not a TLS record: version 0x%02X%02X (first bytes %02X %02X %02X %02X %02X)",
                    h[off + 1] & 0xFF, h[off + 2] & 0xFF, h[off] & 0xFF, h[off + 1] & 0xFF, h[off + 2] & 0xFF,
                    h[off + 3] & 0xFF, h[off + 4] & 0xFF));
        }
        if (length > MAX_CIPHERTEXT) {
            throw new MalformedRecordException("record length " + length + " exceeds 2^14+2048 ("
                    + MAX_CIPHERTEXT + ")");
        }
        return length;
    }

    /** {@code Handshake TLS 1.2 len=517}. */
    @Override
    public String toString() {
        return ContentType.nameOf(contentType) + " " + ProtocolVersion.nameOf(version) + " len=" + body.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record r && r.contentType == contentType && r.version == version
                && Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * contentType + version) + Arrays.hashCode(body);
    }

    /** Bytes that cannot be a TLS record header: the peer does not speak TLS, or no longer in plaintext. */
    public static final class MalformedRecordException extends IOException {
        private static final long serialVersionUID = 1L;

        public MalformedRecordException(String message) {
            super(message);
        }
    }
}
