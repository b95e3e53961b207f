package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.IpFamily;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Opening and closing the TCP sockets the blocking connections and STARTTLS run on. */
public final class Sockets {
    private Sockets() {}

    /** A TCP connection to the first address of {@code family} for {@code host} that answers within {@code timeout}. */
    public static Socket open(String host, int port, IpFamily family, Duration timeout) throws IOException {
        IOException last = null;
        for (InetAddress a : family.addresses(host)) {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(a, port), (int) timeout.toMillis());
                return s;
            } catch (IOException e) {
                closeQuietly(s);
                last = e;
            }
        }
        throw last;
    }

    /**
     * Closes after a failed handshake without a reset: closing a socket with unread input makes TCP send RST, and
     * the peer's kernel may then drop our alert before the peer reads it. So: FIN first, then discard what the
     * peer still sends, for a short bounded time, then close.
     */
    public static void closeAfterFailure(Socket s) {
        if (s == null || s.isClosed() || !s.isConnected()) {
            closeQuietly(s);
            return;
        }
        try {
            s.shutdownOutput();
            s.setSoTimeout(250);
            InputStream in = s.getInputStream();
            byte[] sink = new byte[8192];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < deadline && in.read(sink) >= 0) {
                // discard
            }
        } catch (IOException done) {
            // Timed out or reset: either way, time to close.
        } finally {
            closeQuietly(s);
        }
    }

    /** Closes {@code c} (null: nothing), ignoring a failure: a socket that will not close has nothing more to say. */
    public static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing more to do with it
            }
        }
    }
}
