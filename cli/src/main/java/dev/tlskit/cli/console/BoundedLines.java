package dev.tlskit.cli.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines of at most a given length. Bytes that are not UTF-8 become U+FFFD (a peer's bad
 * encoding is shown, never fatal); a trailing CR is dropped, so CRLF peers (openssl s_client -crlf) read the same.
 */
final class BoundedLines {
    /** A peer sent more than the limit without a newline. */
    static final class TooLongException extends IOException {
        TooLongException(int limit) {
            super("line longer than " + limit + " bytes");
        }
    }

    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int pos;
    private int lim;

    BoundedLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator; null at end of stream (a final unterminated line is returned first). */
    String next(int maxBytes) throws IOException {
        line.reset();
        while (true) {
            if (pos == lim) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    return line.size() > 0 ? decode() : null;
                }
                pos = 0;
                lim = n;
            }
            int start = pos;
            while (pos < lim && buf[pos] != '\n') {
                pos++;
            }
            line.write(buf, start, pos - start);
            if (line.size() > maxBytes) {
                throw new TooLongException(maxBytes);
            }
            if (pos < lim) {
                pos++; // the newline
                return decode();
            }
        }
    }

    private String decode() {
        byte[] b = line.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
