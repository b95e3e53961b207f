package dev.tlskit.cli.survival;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The hostile connections of the survival test, each a few raw socket calls. Every one ends when the server ends
 * it (or, bounded, at {@link #LIMIT_MILLIS}); which of the two happened is the result.
 */
enum Attack {
    /** A real ClientHello at one byte per 100 ms: the server's handshake timeout must end it. */
    SLOWLORIS {
        @Override
        void run(Socket s, byte[] hello) throws IOException {
            OutputStream out = s.getOutputStream();
            s.setSoTimeout(100); // the pace: each read waits up to 100 ms for the server to hang up
            for (byte b : hello) {
                out.write(b);
                out.flush();
                try {
                    if (s.getInputStream().read() < 0) {
                        return;
                    }
                } catch (SocketTimeoutException pace) {
                    // still open: next byte
                }
            }
        }
    },
    /** Connects and says nothing. */
    CONNECT_AND_IDLE {
        @Override
        void run(Socket s, byte[] hello) {
            // nothing to send
        }
    },
    /** Half of a hello, then FIN, and waits for the server's answer and close. */
    HALF_CLOSE {
        @Override
        void run(Socket s, byte[] hello) throws IOException {
            s.getOutputStream().write(hello, 0, hello.length / 2);
            s.shutdownOutput();
        }
    },
    /** Part of a hello, then RST (SO_LINGER 0): the server's next read fails with a reset. */
    ABRUPT_RESET {
        @Override
        void run(Socket s, byte[] hello) throws IOException {
            s.getOutputStream().write(hello, 0, 20);
            s.setSoLinger(true, 0);
        }

        @Override
        boolean waitsForTheServer() {
            return false;
        }
    },
    /** Plain text where a record should be. */
    GARBAGE {
        @Override
        void run(Socket s, byte[] hello) throws IOException {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: tlskit\r\n\r\n".getBytes());
        }
    },
    /** A hello cut at a field boundary (inside the cipher suites), then FIN. */
    TRUNCATED_HELLO {
        @Override
        void run(Socket s, byte[] hello) throws IOException {
            s.getOutputStream().write(hello, 0, Math.min(hello.length, 5 + 4 + 2 + 32 + 1 + 32 + 2 + 6));
            s.shutdownOutput();
        }
    },
    /** A whole hello, then silence: the server answers and waits for the client's next flight, until its timeout. */
    HELLO_THEN_SILENCE {
        @Override
        void run(Socket s, byte[] hello) throws IOException {
            s.getOutputStream().write(hello);
        }
    },
    /** 1 to 600 random bytes. */
    RANDOM_BYTES {
        @Override
        void run(Socket s, byte[] hello) throws IOException {
            byte[] junk = new byte[1 + ThreadLocalRandom.current().nextInt(600)];
            ThreadLocalRandom.current().nextBytes(junk);
            s.getOutputStream().write(junk);
        }
    };

    static final int LIMIT_MILLIS = 8_000;

    /** How an attack ended. */
    enum End { SERVER_CLOSED, SERVER_RESET, WE_RESET, STILL_OPEN_AT_LIMIT, REFUSED }

    abstract void run(Socket s, byte[] hello) throws IOException;

    /** Whether the attack waits for the server to end the connection (else it ends it itself). */
    boolean waitsForTheServer() {
        return true;
    }

    /** Runs this attack against loopback {@code port}. */
    End against(int port, byte[] hello) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), LIMIT_MILLIS);
        } catch (IOException e) {
            closeQuietly(s);
            return End.REFUSED;
        }
        try {
            run(s, hello);
            if (!waitsForTheServer()) {
                return End.WE_RESET;
            }
            s.setSoTimeout(LIMIT_MILLIS);
            InputStream in = s.getInputStream();
            byte[] sink = new byte[4096];
            long deadline = System.nanoTime() + LIMIT_MILLIS * 1_000_000L;
            while (in.read(sink) >= 0) {
                if (System.nanoTime() > deadline) {
                    return End.STILL_OPEN_AT_LIMIT;
                }
            }
            return End.SERVER_CLOSED;
        } catch (SocketTimeoutException e) {
            return End.STILL_OPEN_AT_LIMIT;
        } catch (IOException e) {
            return End.SERVER_RESET;
        } finally {
            closeQuietly(s);
        }
    }

    /** A real TLS 1.3/1.2 ClientHello record, as SunJSSE writes it (the attacks only need plausible bytes). */
    static byte[] clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        return Arrays.copyOf(out.array(), out.limit());
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
