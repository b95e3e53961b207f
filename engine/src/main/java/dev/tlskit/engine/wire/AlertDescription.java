package dev.tlskit.engine.wire;

/**
 * The TLS alert registry (IANA "TLS Alerts"; RFC 8446 section 6, RFC 5246 section 7.2), names as the RFCs spell
 * them. Descriptions no longer assigned for use (export_restriction, no_renegotiation...) are kept so a peer that
 * sends one is still named.
 */
public enum AlertDescription {
    CLOSE_NOTIFY(0),
    UNEXPECTED_MESSAGE(10),
    BAD_RECORD_MAC(20),
    DECRYPTION_FAILED(21),
    RECORD_OVERFLOW(22),
    DECOMPRESSION_FAILURE(30),
    HANDSHAKE_FAILURE(40),
    NO_CERTIFICATE(41),
    BAD_CERTIFICATE(42),
    UNSUPPORTED_CERTIFICATE(43),
    CERTIFICATE_REVOKED(44),
    CERTIFICATE_EXPIRED(45),
    CERTIFICATE_UNKNOWN(46),
    ILLEGAL_PARAMETER(47),
    UNKNOWN_CA(48),
    ACCESS_DENIED(49),
    DECODE_ERROR(50),
    DECRYPT_ERROR(51),
    TOO_MANY_CIDS_REQUESTED(52),
    EXPORT_RESTRICTION(60),
    PROTOCOL_VERSION(70),
    INSUFFICIENT_SECURITY(71),
    INTERNAL_ERROR(80),
    INAPPROPRIATE_FALLBACK(86),
    USER_CANCELED(90),
    NO_RENEGOTIATION(100),
    MISSING_EXTENSION(109),
    UNSUPPORTED_EXTENSION(110),
    CERTIFICATE_UNOBTAINABLE(111),
    UNRECOGNIZED_NAME(112),
    BAD_CERTIFICATE_STATUS_RESPONSE(113),
    BAD_CERTIFICATE_HASH_VALUE(114),
    UNKNOWN_PSK_IDENTITY(115),
    CERTIFICATE_REQUIRED(116),
    GENERAL_ERROR(117),
    NO_APPLICATION_PROTOCOL(120),
    ECH_REQUIRED(121);

    private static final AlertDescription[] BY_CODE = new AlertDescription[256];

    static {
        for (AlertDescription d : values()) {
            BY_CODE[d.code] = d;
        }
    }

    private final int code;

    AlertDescription(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The RFC spelling: {@code decode_error}. */
    public String rfcName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The description with this code, or null when the registry has none. */
    public static AlertDescription of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The description whose RFC name is {@code name} ({@code decode_error}), or null. */
    public static AlertDescription named(String name) {
        for (AlertDescription d : values()) {
            if (d.rfcName().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** The RFC name of {@code code}, or {@code alert N} when unassigned. */
    public static String nameOf(int code) {
        AlertDescription d = of(code);
        return d != null ? d.rfcName() : "alert " + code;
    }
}
