package dev.tlskit.engine.internal;

import java.nio.ByteBuffer;
import java.util.BitSet;

/** One DTLS handshake message being put together from fragments that may overlap or repeat. */
final class DtlsFragments {
    final int type;
    final byte[] bytes;
    private final BitSet have;

    DtlsFragments(int type, int length) {
        this.type = type;
        this.bytes = new byte[length];
        this.have = new BitSet(length);
    }

    /** Adds a fragment; true when the message is complete. */
    boolean add(int offset, ByteBuffer fragment) {
        int n = fragment.remaining();
        if (offset + n > bytes.length) {
            return false;
        }
        fragment.get(bytes, offset, n);
        have.set(offset, offset + n);
        return have.cardinality() == bytes.length;
    }
}
