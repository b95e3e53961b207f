package dev.tlskit.engine.wire;

import static dev.tlskit.engine.wire.HelloWriter.u16;
import static dev.tlskit.engine.wire.HelloWriter.u8;

import dev.tlskit.engine.wire.HelloWriter.Written;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The ClientHello extensions {@link ClientHelloBuilder} writes for its helpers, each with its inner length fields
 * in byte order (the builder's documentation lists them, for {@code innerLength}).
 */
final class HelloExtensions {
    private HelloExtensions() {}

    /** server_name (RFC 6066) with one host_name. Inner lengths: 0 server_name_list, 1 host_name. */
    static Written serverName(String host) {
        HelloWriter b = new HelloWriter();
        int list = b.open(2);
        b.u8(0);
        int name = b.open(2);
        b.bytes(host.getBytes(StandardCharsets.US_ASCII));
        b.close(name);
        b.close(list);
        return b.extension(ExtensionType.SERVER_NAME.code());
    }

    /** A two-byte-prefixed list of two-byte values (supported_groups, signature_algorithms). */
    static Written u16List(ExtensionType type, int[] values, String what) {
        HelloWriter b = new HelloWriter();
        int list = b.open(2);
        for (int v : values) {
            b.u16(u16(v, what));
        }
        b.close(list);
        return b.extension(type.code());
    }

    /** supported_versions (RFC 8446 section 4.2.1). Inner length: 0 versions (one byte). */
    static Written supportedVersions(int[] versions) {
        HelloWriter b = new HelloWriter();
        int list = b.open(1);
        for (int v : versions) {
            b.u16(u16(v, "version"));
        }
        b.close(list);
        return b.extension(ExtensionType.SUPPORTED_VERSIONS.code());
    }

    /** application_layer_protocol_negotiation (RFC 7301). Inner lengths: 0 the list, then one per name. */
    static Written alpn(String[] protocols) {
        HelloWriter b = new HelloWriter();
        int list = b.open(2);
        for (String p : protocols) {
            int name = b.open(1);
            b.bytes(p.getBytes(StandardCharsets.US_ASCII));
            b.close(name);
        }
        b.close(list);
        return b.extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION.code());
    }

    /** psk_key_exchange_modes (RFC 8446 section 4.2.9). Inner length: 0 ke_modes. */
    static Written pskKeyExchangeModes(int[] modes) {
        HelloWriter b = new HelloWriter();
        int list = b.open(1);
        for (int m : modes) {
            b.u8(u8(m, "psk key exchange mode"));
        }
        b.close(list);
        return b.extension(ExtensionType.PSK_KEY_EXCHANGE_MODES.code());
    }

    /**
     * pre_shared_key (RFC 8446 section 4.2.11) with one identity and one binder as given. Inner lengths: 0
     * identities, 1 identity, 2 binders, 3 binder (one byte).
     */
    static Written preSharedKey(byte[] identity, long obfuscatedTicketAge, byte[] binder) {
        HelloWriter b = new HelloWriter();
        int identities = b.open(2);
        int id = b.open(2);
        b.bytes(identity);
        b.close(id);
        b.u16((int) (obfuscatedTicketAge >>> 16) & 0xFFFF);
        b.u16((int) obfuscatedTicketAge & 0xFFFF);
        b.close(identities);
        int binders = b.open(2);
        int one = b.open(1);
        b.bytes(binder);
        b.close(one);
        b.close(binders);
        return b.extension(ExtensionType.PRE_SHARED_KEY.code());
    }

    /** key_share (RFC 8446 section 4.2.8), group to key_exchange. Inner lengths: 0 client_shares, then each key. */
    static Written keyShare(Map<Integer, byte[]> shares) {
        HelloWriter b = new HelloWriter();
        int list = b.open(2);
        for (Map.Entry<Integer, byte[]> e : shares.entrySet()) {
            b.u16(u16(e.getKey(), "named group"));
            int key = b.open(2);
            b.bytes(e.getValue());
            b.close(key);
        }
        b.close(list);
        return b.extension(ExtensionType.KEY_SHARE.code());
    }
}
