package dev.tlskit.engine.wire;

/** A registry entry with its code point on the wire: every enum of this package. */
interface CodePoint {
    int code();

    /** The entry of {@code values} with this code, or null. */
    static <E extends CodePoint> E find(E[] values, int code) {
        for (E e : values) {
            if (e.code() == code) {
                return e;
            }
        }
        return null;
    }
}
