package dev.tlskit.engine.wire;

/**
 * GREASE values (RFC 8701): {@code 0x0A0A, 0x1A1A, ... 0xFAFA}, reserved in the cipher suite, group, extension,
 * signature scheme and version registries so that peers learn to ignore what they do not know.
 */
public final class Grease {
    private Grease() {}

    /** Whether a two-byte code point is a GREASE value. */
    public static boolean is(int code) {
        return (code & 0x0F0F) == 0x0A0A && (code >> 8) == (code & 0xFF);
    }
}
