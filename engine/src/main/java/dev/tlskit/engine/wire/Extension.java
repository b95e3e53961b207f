package dev.tlskit.engine.wire;

/**
 * One hello extension as sent: its type and its body bytes (what follows the two-byte length).
 *
 * @param type the code point; {@link ExtensionType#of(int)} names it
 * @param data the extension_data (not copied: treat as read-only)
 */
public record Extension(int type, byte[] data) {
    public Extension {
        if (type < 0 || type > 0xFFFF || data == null || data.length > 0xFFFF) {
            throw new IllegalArgumentException("bad extension " + type);
        }
    }

    /** The registry entry, or null for an unassigned or GREASE type. */
    public ExtensionType known() {
        return ExtensionType.of(type);
    }

    /**
     * An extensions block ({@code u16 length, (u16 type, u16 length, data)*}, as EncryptedExtensions and a TLS 1.3
     * CertificateEntry carry it), read leniently: what parses, in order; the buffer's position is not moved.
     */
    public static java.util.List<Extension> readBlock(java.nio.ByteBuffer block) {
        return ExtensionDecoders.block(new Cursor(block), true);
    }

    /** An application_layer_protocol_negotiation body with exactly one protocol (a server's choice), else null. */
    public String alpnProtocol() {
        try {
            java.util.List<String> names = ExtensionDecoders.alpn(data);
            return names.size() == 1 ? names.get(0) : null;
        } catch (MalformedHelloException malformed) {
            return null;
        }
    }

    /** {@code key_share (38 bytes)}. */
    @Override
    public String toString() {
        return ExtensionType.nameOf(type) + " (" + data.length + " bytes)";
    }
}
