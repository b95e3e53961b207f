package dev.tlskit.engine;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;

/** How the tests read {@code n} bytes from a TLS or DTLS connection: all of them, fewer only at end of stream. */
public final class Reads {
    private Reads() {}

    /** A connection's {@code read(byte[], int, int)}: -1 at end of stream. */
    @FunctionalInterface
    public interface Source {
        int read(byte[] buf, int off, int len) throws Exception;
    }

    /** Up to {@code n} bytes: all of them unless the stream ends first. */
    public static byte[] upTo(Source in, int n) throws Exception {
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int r = in.read(buf, got, n - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        return Arrays.copyOf(buf, got);
    }

    /** {@link #upTo} as UTF-8 text. */
    public static String text(Source in, int n) throws Exception {
        return new String(upTo(in, n), UTF_8);
    }
}
