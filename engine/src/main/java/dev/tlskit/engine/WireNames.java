package dev.tlskit.engine;

/** Names of wire-level code points, spelled as the seed and Wireshark spell them. */
public final class WireNames {
    private WireNames() {}

    /** A named group's name as the seed prints it ({@code SECP256R1}, {@code X25519}); unknown ones in hex. */
    public static String group(int id) {
        return switch (id) {
            case 0x0017 -> "SECP256R1";
            case 0x0018 -> "SECP384R1";
            case 0x0019 -> "SECP521R1";
            case 0x001D -> "X25519";
            case 0x001E -> "X448";
            case 0x0100 -> "FFDHE2048";
            case 0x0101 -> "FFDHE3072";
            case 0x0102 -> "FFDHE4096";
            case 0x0103 -> "FFDHE6144";
            case 0x0104 -> "FFDHE8192";
            case 0x0200 -> "MLKEM512";
            case 0x0201 -> "MLKEM768";
            case 0x0202 -> "MLKEM1024";
            case 0x11EB -> "SECP256R1MLKEM768";
            case 0x11EC -> "X25519MLKEM768";
            case 0x11ED -> "SECP384R1MLKEM1024";
            default -> String.format("0x%04X", id);
        };
    }

    /** A cipher suite's IANA name where tlskit knows it (the TLS 1.3 ones, the common TLS 1.2 ECDHE ones), else hex. */
    public static String cipherSuite(int id) {
        return switch (id) {
            case 0x1301 -> "TLS_AES_128_GCM_SHA256";
            case 0x1302 -> "TLS_AES_256_GCM_SHA384";
            case 0x1303 -> "TLS_CHACHA20_POLY1305_SHA256";
            case 0xC02B -> "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
            case 0xC02C -> "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
            case 0xC02F -> "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
            case 0xC030 -> "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
            case 0xCCA8 -> "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256";
            case 0xCCA9 -> "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
            case 0x009E -> "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256";
            case 0x009F -> "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384";
            default -> String.format("0x%04X", id);
        };
    }

    /** A record-layer or handshake version ({@code 0x0303} is {@code TLS 1.2}). */
    public static String version(int v) {
        return switch (v) {
            case 0x0300 -> "SSL 3.0";
            case 0x0301 -> "TLS 1.0";
            case 0x0302 -> "TLS 1.1";
            case 0x0303 -> "TLS 1.2";
            case 0x0304 -> "TLS 1.3";
            case 0xFEFF -> "DTLS 1.0";
            case 0xFEFD -> "DTLS 1.2";
            case 0xFEFC -> "DTLS 1.3";
            default -> String.format("0x%04X", v);
        };
    }

    /** A handshake message type, as Wireshark names it. */
    public static String handshakeMessage(int type) {
        return switch (type) {
            case 0 -> "Hello Request";
            case 1 -> "Client Hello";
            case 2 -> "Server Hello";
            case 3 -> "Hello Verify Request";
            case 4 -> "New Session Ticket";
            case 5 -> "End Of Early Data";
            case 8 -> "Encrypted Extensions";
            case 11 -> "Certificate";
            case 12 -> "Server Key Exchange";
            case 13 -> "Certificate Request";
            case 14 -> "Server Hello Done";
            case 15 -> "Certificate Verify";
            case 16 -> "Client Key Exchange";
            case 20 -> "Finished";
            case 24 -> "Key Update";
            case 254 -> "Message Hash";
            default -> "Handshake type " + type;
        };
    }

    /** An alert description (RFC 8446 section 6). */
    public static String alert(int description) {
        return switch (description) {
            case 0 -> "close_notify";
            case 10 -> "unexpected_message";
            case 20 -> "bad_record_mac";
            case 22 -> "record_overflow";
            case 40 -> "handshake_failure";
            case 42 -> "bad_certificate";
            case 43 -> "unsupported_certificate";
            case 44 -> "certificate_revoked";
            case 45 -> "certificate_expired";
            case 46 -> "certificate_unknown";
            case 47 -> "illegal_parameter";
            case 48 -> "unknown_ca";
            case 49 -> "access_denied";
            case 50 -> "decode_error";
            case 51 -> "decrypt_error";
            case 70 -> "protocol_version";
            case 71 -> "insufficient_security";
            case 80 -> "internal_error";
            case 86 -> "inappropriate_fallback";
            case 90 -> "user_canceled";
            case 109 -> "missing_extension";
            case 110 -> "unsupported_extension";
            case 112 -> "unrecognized_name";
            case 113 -> "bad_certificate_status_response";
            case 115 -> "unknown_psk_identity";
            case 116 -> "certificate_required";
            case 120 -> "no_application_protocol";
            default -> "alert " + description;
        };
    }
}
