package dev.tlskit.engine.internal;

import java.nio.ByteBuffer;

/** The decrypted bytes an engine core holds in its appIn buffer (write mode), handed to a blocking reader. */
public final class AppData {
    private AppData() {}

    /**
     * Moves up to {@code len} waiting bytes into {@code b[off..]}: the count (0 only for {@code len} 0), or -1 when
     * none are waiting.
     */
    public static int take(ByteBuffer appIn, byte[] b, int off, int len) {
        if (appIn.position() == 0) {
            return -1;
        }
        appIn.flip();
        int n = Math.min(len, appIn.remaining());
        appIn.get(b, off, n);
        appIn.compact();
        return n;
    }
}
