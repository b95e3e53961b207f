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

    /** {@code key_share (38 bytes)}. */
    @Override
    public String toString() {
        return ExtensionType.nameOf(type) + " (" + data.length + " bytes)";
    }
}
