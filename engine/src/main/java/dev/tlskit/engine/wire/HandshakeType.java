package dev.tlskit.engine.wire;

/** The handshake message types (IANA "TLS HandshakeType"; RFC 8446 section 4, RFC 5246, RFC 6347). */
public enum HandshakeType implements CodePoint {
    HELLO_REQUEST(0, "Hello Request"),
    CLIENT_HELLO(1, "Client Hello"),
    SERVER_HELLO(2, "Server Hello"),
    HELLO_VERIFY_REQUEST(3, "Hello Verify Request"),
    NEW_SESSION_TICKET(4, "New Session Ticket"),
    END_OF_EARLY_DATA(5, "End Of Early Data"),
    HELLO_RETRY_REQUEST(6, "Hello Retry Request"),
    ENCRYPTED_EXTENSIONS(8, "Encrypted Extensions"),
    REQUEST_CONNECTION_ID(9, "Request Connection Id"),
    NEW_CONNECTION_ID(10, "New Connection Id"),
    CERTIFICATE(11, "Certificate"),
    SERVER_KEY_EXCHANGE(12, "Server Key Exchange"),
    CERTIFICATE_REQUEST(13, "Certificate Request"),
    SERVER_HELLO_DONE(14, "Server Hello Done"),
    CERTIFICATE_VERIFY(15, "Certificate Verify"),
    CLIENT_KEY_EXCHANGE(16, "Client Key Exchange"),
    CLIENT_CERTIFICATE_REQUEST(17, "Client Certificate Request"),
    FINISHED(20, "Finished"),
    CERTIFICATE_URL(21, "Certificate URL"),
    CERTIFICATE_STATUS(22, "Certificate Status"),
    SUPPLEMENTAL_DATA(23, "Supplemental Data"),
    KEY_UPDATE(24, "Key Update"),
    COMPRESSED_CERTIFICATE(25, "Compressed Certificate"),
    EKT_KEY(26, "EKT Key"),
    MESSAGE_HASH(254, "Message Hash");

    private final int code;
    private final String displayName;

    HandshakeType(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    public int code() {
        return code;
    }

    /** As Wireshark names it: {@code Client Hello}. */
    public String displayName() {
        return displayName;
    }

    /**
     * A handshake message of this type (RFC 8446 section 4): the type, a 3-byte length, {@code body}.
     *
     * @throws IllegalArgumentException when the body does not fit in 2^24-1 bytes
     */
    public byte[] message(byte[] body) {
        if (body.length > 0xFFFFFF) {
            throw new IllegalArgumentException("a handshake body fits in 2^24-1 bytes, not " + body.length);
        }
        byte[] m = new byte[4 + body.length];
        m[0] = (byte) code;
        m[1] = (byte) (body.length >> 16);
        m[2] = (byte) (body.length >> 8);
        m[3] = (byte) body.length;
        System.arraycopy(body, 0, m, 4, body.length);
        return m;
    }

    public static HandshakeType of(int code) {
        return CodePoint.find(values(), code);
    }

    /** The display name of {@code code}, or {@code Handshake type N}. */
    public static String nameOf(int code) {
        HandshakeType t = of(code);
        return t != null ? t.displayName : "Handshake type " + code;
    }
}
