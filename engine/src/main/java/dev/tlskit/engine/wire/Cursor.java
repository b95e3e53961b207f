package dev.tlskit.engine.wire;

import java.nio.ByteBuffer;

/** Reads big-endian TLS fields off a buffer; each read names its field, so a short message says what was cut. */
final class Cursor {
    private final ByteBuffer b;

    Cursor(ByteBuffer b) {
        this.b = b.slice();
    }

    Cursor(byte[] bytes) {
        this(ByteBuffer.wrap(bytes));
    }

    int remaining() {
        return b.remaining();
    }

    boolean hasRemaining() {
        return b.hasRemaining();
    }

    private void need(int n, String field) {
        if (b.remaining() < n) {
            throw MalformedHelloException.decode(field, "truncated: needs " + n + " bytes, " + b.remaining() + " left");
        }
    }

    int u8(String field) {
        need(1, field);
        return b.get() & 0xFF;
    }

    int u16(String field) {
        need(2, field);
        return b.getShort() & 0xFFFF;
    }

    int u24(String field) {
        need(3, field);
        return ((b.get() & 0xFF) << 16) | ((b.get() & 0xFF) << 8) | (b.get() & 0xFF);
    }

    byte[] bytes(int n, String field) {
        need(n, field);
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    /** A vector with a one-byte length prefix. */
    byte[] vector8(String field) {
        return bytes(u8(field), field);
    }

    /** A vector with a two-byte length prefix. */
    byte[] vector16(String field) {
        return bytes(u16(field), field);
    }

    /** Fails unless every byte was read: a length field and its contents disagree. */
    void end(String field) {
        if (b.hasRemaining()) {
            throw MalformedHelloException.decode(field, b.remaining() + " bytes left over");
        }
    }
}
