package dev.tlskit.engine.wire;

/**
 * One KeyShareEntry of a key_share extension (RFC 8446 section 4.2.8).
 *
 * @param group the named group's code point; {@link NamedGroup#of(int)} names it
 * @param key the key_exchange bytes (not copied: treat as read-only)
 */
public record KeyShareEntry(int group, byte[] key) {
    public int keyLength() {
        return key.length;
    }

    /** {@code X25519 (32 bytes)}. */
    @Override
    public String toString() {
        return NamedGroup.nameOf(group) + " (" + key.length + " bytes)";
    }
}
