package dev.tlskit.engine.wire;

import java.util.Locale;

/** The IANA TLS ExtensionType Values registry, names as the registry spells them. */
public enum ExtensionType implements CodePoint {
    SERVER_NAME(0), MAX_FRAGMENT_LENGTH(1), CLIENT_CERTIFICATE_URL(2), TRUSTED_CA_KEYS(3), TRUNCATED_HMAC(4),
    STATUS_REQUEST(5), USER_MAPPING(6), CLIENT_AUTHZ(7), SERVER_AUTHZ(8), CERT_TYPE(9), SUPPORTED_GROUPS(10),
    EC_POINT_FORMATS(11), SRP(12), SIGNATURE_ALGORITHMS(13), USE_SRTP(14), HEARTBEAT(15),
    APPLICATION_LAYER_PROTOCOL_NEGOTIATION(16), STATUS_REQUEST_V2(17), SIGNED_CERTIFICATE_TIMESTAMP(18),
    CLIENT_CERTIFICATE_TYPE(19), SERVER_CERTIFICATE_TYPE(20), PADDING(21), ENCRYPT_THEN_MAC(22),
    EXTENDED_MASTER_SECRET(23), TOKEN_BINDING(24), CACHED_INFO(25), TLS_LTS(26), COMPRESS_CERTIFICATE(27),
    RECORD_SIZE_LIMIT(28), PWD_PROTECT(29), PWD_CLEAR(30), PASSWORD_SALT(31), TICKET_PINNING(32),
    TLS_CERT_WITH_EXTERN_PSK(33), DELEGATED_CREDENTIAL(34), SESSION_TICKET(35), TLMSP(36), TLMSP_PROXYING(37),
    TLMSP_DELEGATE(38), SUPPORTED_EKT_CIPHERS(39), PRE_SHARED_KEY(41), EARLY_DATA(42), SUPPORTED_VERSIONS(43),
    COOKIE(44), PSK_KEY_EXCHANGE_MODES(45), CERTIFICATE_AUTHORITIES(47), OID_FILTERS(48), POST_HANDSHAKE_AUTH(49),
    SIGNATURE_ALGORITHMS_CERT(50), KEY_SHARE(51), TRANSPARENCY_INFO(52), CONNECTION_ID_DEPRECATED(53),
    CONNECTION_ID(54), EXTERNAL_ID_HASH(55), EXTERNAL_SESSION_ID(56), QUIC_TRANSPORT_PARAMETERS(57),
    TICKET_REQUEST(58), DNSSEC_CHAIN(59), SEQUENCE_NUMBER_ENCRYPTION_ALGORITHMS(60), RRC(61), TLS_FLAGS(62),
    ECH_OUTER_EXTENSIONS(0xFD00), ENCRYPTED_CLIENT_HELLO(0xFE0D), RENEGOTIATION_INFO(0xFF01);

    private final int code;

    ExtensionType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The registry name: {@code server_name}, {@code key_share}. */
    public String ianaName() {
        return this == CONNECTION_ID_DEPRECATED ? "connection_id (deprecated)" : name().toLowerCase(Locale.ROOT);
    }

    /** As tlskit prints it: the registry name. */
    public String displayName() {
        return ianaName();
    }

    public static ExtensionType of(int code) {
        return CodePoint.find(values(), code);
    }

    /** The registry name of {@code code}, {@code GREASE 0x0A0A} for a GREASE value, else {@code extension N}. */
    public static String nameOf(int code) {
        ExtensionType t = of(code);
        if (t != null) {
            return t.ianaName();
        }
        return Grease.is(code) ? String.format("GREASE 0x%04X", code) : "extension " + code;
    }
}
