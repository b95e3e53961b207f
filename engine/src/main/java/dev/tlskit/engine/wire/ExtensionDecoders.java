package dev.tlskit.engine.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict decoders of the extension bodies the hello readers expose (RFC 6066, 7301, 8446). Each throws
 * {@link MalformedHelloException} naming the extension; the hellos' lenient accessors turn that into "absent".
 */
final class ExtensionDecoders {
    private ExtensionDecoders() {}

    /** An extensions block: {@code u16 length, (u16 type, u16 length, data)*}, in order, duplicates kept. */
    static List<Extension> block(Cursor c, boolean lenient) {
        List<Extension> out = new ArrayList<>();
        if (!c.hasRemaining()) {
            return out; // a hello without extensions (TLS 1.2 and older)
        }
        try {
            Cursor block = new Cursor(c.vector16("extensions"));
            while (block.hasRemaining()) {
                int type = block.u16("extensions");
                out.add(new Extension(type, block.vector16(ExtensionType.nameOf(type))));
            }
            c.end("extensions");
        } catch (MalformedHelloException e) {
            if (!lenient) {
                throw e;
            }
        }
        return List.copyOf(out);
    }

    /** server_name: the first host_name entry, or null when the list has none. */
    static String serverName(byte[] data) {
        Cursor c = new Cursor(data);
        Cursor list = new Cursor(c.vector16("server_name"));
        c.end("server_name");
        if (!list.hasRemaining()) {
            throw MalformedHelloException.decode("server_name", "empty server_name_list");
        }
        String host = null;
        while (list.hasRemaining()) {
            int type = list.u8("server_name");
            byte[] name = list.vector16("server_name");
            if (type == 0 && host == null) {
                host = new String(name, StandardCharsets.US_ASCII);
            }
        }
        return host;
    }

    /** A list of two-byte code points with a length prefix of {@code prefixBytes} (supported_groups, versions). */
    static List<Integer> codes(byte[] data, int prefixBytes, String field) {
        Cursor c = new Cursor(data);
        int length = prefixBytes == 1 ? c.u8(field) : c.u16(field);
        if (length % 2 != 0) {
            throw MalformedHelloException.decode(field, "length " + length + " is odd");
        }
        Cursor list = new Cursor(c.bytes(length, field));
        c.end(field);
        List<Integer> out = new ArrayList<>(length / 2);
        while (list.hasRemaining()) {
            out.add(list.u16(field));
        }
        return List.copyOf(out);
    }

    /** A ClientHello key_share: {@code u16 length, (u16 group, u16 length, key)*}. */
    static List<KeyShareEntry> clientKeyShares(byte[] data) {
        Cursor c = new Cursor(data);
        Cursor list = new Cursor(c.vector16("key_share"));
        c.end("key_share");
        List<KeyShareEntry> out = new ArrayList<>();
        while (list.hasRemaining()) {
            int group = list.u16("key_share");
            byte[] key = list.vector16("key_share");
            if (key.length == 0) {
                throw MalformedHelloException.decode("key_share", "empty key_exchange for " + NamedGroup.nameOf(group));
            }
            out.add(new KeyShareEntry(group, key));
        }
        return List.copyOf(out);
    }

    /**
     * A key share of an elliptic-curve or X25519/X448 group is as long as the group says (RFC 8446 section 4.2.8.2:
     * 32 or 56 bytes, or an uncompressed point {@code 04 || X || Y}); else illegal_parameter, as OpenSSL answers.
     */
    static void checkShare(KeyShareEntry share) {
        NamedGroup group = NamedGroup.of(share.group());
        if (group == null || group.clientShareLength() <= 0
                || group.kind() != NamedGroup.Kind.EC && group.kind() != NamedGroup.Kind.XDH) {
            return;
        }
        byte[] key = share.key();
        if (key.length != group.clientShareLength()) {
            throw MalformedHelloException.illegal("key_share", "share for " + group.displayName() + " is "
                    + key.length + " bytes, not " + group.clientShareLength());
        }
        if (group.kind() == NamedGroup.Kind.EC && key[0] != 4) {
            throw MalformedHelloException.illegal("key_share", "share for " + group.displayName()
                    + " is not an uncompressed point");
        }
    }

    /**
     * pre_shared_key (RFC 8446 section 4.2.11): {@code identities<7..2^16-1>} of {@code identity<1..2^16-1>} and a
     * 4-byte age, then {@code binders<33..2^16-1>} of {@code PskBinderEntry<32..255>}, nothing after.
     */
    static void checkPreSharedKey(byte[] data) {
        String field = "pre_shared_key";
        Cursor c = new Cursor(data);
        Cursor identities = new Cursor(c.vector16(field));
        if (!identities.hasRemaining()) {
            throw MalformedHelloException.decode(field, "no identities");
        }
        while (identities.hasRemaining()) {
            if (identities.vector16(field).length == 0) {
                throw MalformedHelloException.decode(field, "empty identity");
            }
            identities.bytes(4, field);
        }
        Cursor binders = new Cursor(c.vector16(field));
        c.end(field);
        if (!binders.hasRemaining()) {
            throw MalformedHelloException.decode(field, "no binders");
        }
        while (binders.hasRemaining()) {
            if (binders.vector8(field).length < 32) {
                throw MalformedHelloException.decode(field, "a binder shorter than 32 bytes");
            }
        }
    }

    /** application_layer_protocol_negotiation: the protocol names. */
    static List<String> alpn(byte[] data) {
        Cursor c = new Cursor(data);
        Cursor list = new Cursor(c.vector16("application_layer_protocol_negotiation"));
        c.end("application_layer_protocol_negotiation");
        List<String> out = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] p = list.vector8("application_layer_protocol_negotiation");
            if (p.length == 0) {
                throw MalformedHelloException.decode("application_layer_protocol_negotiation", "empty protocol name");
            }
            out.add(new String(p, StandardCharsets.US_ASCII));
        }
        return List.copyOf(out);
    }

    /** The first extension of {@code type}, or null. */
    static Extension find(List<Extension> extensions, int type) {
        for (Extension e : extensions) {
            if (e.type() == type) {
                return e;
            }
        }
        return null;
    }

    /** Fails on the first extension type that appears twice (RFC 8446 section 4.2, RFC 5246 section 7.4.1.4). */
    static void checkNoDuplicates(List<Extension> extensions) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Extension e : extensions) {
            if (!seen.add(e.type())) {
                throw MalformedHelloException.illegal("extensions", ExtensionType.nameOf(e.type()) + " appears twice");
            }
        }
    }
}
