package dev.tlskit.engine.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte writer for hello fields that fills in length prefixes when their content is closed, and remembers where
 * they are, so {@link ClientHelloBuilder} can later make one of them lie. Not thread-safe.
 */
final class HelloWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<int[]> prefixes = new ArrayList<>(); // {offset, width, length once closed}

    /** One extension as written: its data and where the length fields inside the data sit. */
    static final class Written {
        final int type;
        final byte[] data;
        final int[] lengthOffsets;
        final int[] lengthWidths;
        final int[] lengthValues;
        /** The extension's own two-byte length as written, or -1 for the true one. */
        int declaredLength = -1;

        Written(int type, byte[] data, int[] lengthOffsets, int[] lengthWidths, int[] lengthValues) {
            this.type = type;
            this.data = data;
            this.lengthOffsets = lengthOffsets;
            this.lengthWidths = lengthWidths;
            this.lengthValues = lengthValues;
        }

        /** Extension {@code type} with {@code data} as given, no inner length known. */
        static Written raw(int type, byte[] data) {
            return new Written(u16(type, "extension type"), data.clone(), new int[0], new int[0], new int[0]);
        }
    }

    void u8(int v) {
        out.write(v);
    }

    void u16(int v) {
        out.write(v >> 8);
        out.write(v);
    }

    void bytes(byte[] b) {
        out.writeBytes(b);
    }

    int size() {
        return out.size();
    }

    /** Reserves a length prefix of {@code width} bytes; returns its handle for {@link #close}. */
    int open(int width) {
        prefixes.add(new int[] {out.size(), width});
        out.writeBytes(new byte[width]);
        return prefixes.size() - 1;
    }

    void close(int handle) {
        int[] p = prefixes.get(handle);
        int length = out.size() - p[0] - p[1];
        checkWidth(length, p[1], "length");
        // written at the end, in toByteArray: the stream cannot be patched in place
        prefixes.set(handle, new int[] {p[0], p[1], length});
    }

    byte[] toByteArray() {
        byte[] patched = out.toByteArray();
        for (int[] p : prefixes) {
            write(patched, p[0], p[1], p.length > 2 ? p[2] : 0);
        }
        return patched;
    }

    /** What was written, as extension {@code type}'s data, with its length fields' places. */
    Written extension(int type) {
        byte[] data = toByteArray();
        int[] offsets = new int[prefixes.size()];
        int[] widths = new int[prefixes.size()];
        int[] values = new int[prefixes.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = prefixes.get(i)[0];
            widths[i] = prefixes.get(i)[1];
            values[i] = prefixes.get(i)[2];
        }
        return new Written(type, data, offsets, widths, values);
    }

    static int u8(int v, String what) {
        checkWidth(v, 1, what);
        return v;
    }

    static int u16(int v, String what) {
        checkWidth(v, 2, what);
        return v;
    }

    static void checkWidth(int v, int width, String what) {
        long max = (1L << (8 * width)) - 1;
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " out of range 0.." + max + ": " + v);
        }
    }

    /** Writes {@code value} big-endian into {@code width} bytes of {@code to} at {@code off}. */
    static void write(byte[] to, int off, int width, int value) {
        for (int i = 0; i < width; i++) {
            to[off + i] = (byte) (value >> (8 * (width - 1 - i)));
        }
    }
}
