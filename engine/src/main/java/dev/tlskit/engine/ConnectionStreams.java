package dev.tlskit.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** A {@link Connection} as streams, for line readers and copy loops. Closing either stream closes the connection. */
final class ConnectionStreams {
    private ConnectionStreams() {}

    static InputStream input(Connection c) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = c.read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : c.read(b, off, len);
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }

    static OutputStream output(Connection c) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                c.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                c.write(b, off, len);
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }
}
