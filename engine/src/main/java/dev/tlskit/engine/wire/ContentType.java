package dev.tlskit.engine.wire;

/** The TLS record content types (IANA "TLS ContentType"; RFC 8446 section 5.1). */
public enum ContentType implements CodePoint {
    CHANGE_CIPHER_SPEC(20, "Change Cipher Spec"),
    ALERT(21, "Alert"),
    HANDSHAKE(22, "Handshake"),
    APPLICATION_DATA(23, "Application Data"),
    HEARTBEAT(24, "Heartbeat"),
    TLS12_CID(25, "Connection ID"),
    ACK(26, "ACK");

    private final int code;
    private final String displayName;

    ContentType(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    public int code() {
        return code;
    }

    /** As Wireshark names it: {@code Change Cipher Spec}. */
    public String displayName() {
        return displayName;
    }

    /** The type with this code, or null. */
    public static ContentType of(int code) {
        return CodePoint.find(values(), code);
    }

    /** The display name of {@code code}, or {@code Content type N}. */
    public static String nameOf(int code) {
        ContentType t = of(code);
        return t != null ? t.displayName : "Content type " + code;
    }
}
