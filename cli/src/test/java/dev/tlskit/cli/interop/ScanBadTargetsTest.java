package dev.tlskit.cli.interop;

import static dev.tlskit.cli.interop.Interop.at;
import static dev.tlskit.cli.interop.Interop.tlskit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop.Peer;
import dev.tlskit.cli.interop.Interop.Run;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Targets that are not well-behaved TLS servers: each must be reported as what it is, within the timeouts. The
 * misbehaving peers are plain Java sockets on loopback; the one that resets on big hellos fronts an
 * {@code openssl s_server}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScanBadTargetsTest {
    /** The resetting proxy resets a connection whose first record is longer than this. */
    private static final int LARGE = 600;

    @TempDir
    static Path dir;
    private static Peer openssl;
    private static final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();
    private static final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBackend() throws Exception {
        Interop.requireBinary("openssl");
        Interop.demo(dir);
        openssl = Interop.startWithOpenStdin(dir, List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", "server-rsa.pem", "-key", "server-rsa.key", "-tls1_2", "-cipher",
                "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256", "-serverpref"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
        for (Socket s : held) {
            s.close();
        }
        if (openssl != null) {
            openssl.close();
        }
    }

    /** A loopback server running {@code handler} on each connection, on its own daemon thread. */
    static int serve(Consumer<Socket> handler) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        servers.add(ss);
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    Thread c = new Thread(() -> handler.accept(s));
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return ss.getLocalPort();
    }

    static Run scan(int port, String... more) {
        List<String> args = new ArrayList<>(List.of("scan", "127.0.0.1:" + port, "--timeout", "1", "--json"));
        args.addAll(List.of(more));
        return tlskit(args.toArray(new String[0]));
    }

    @Test
    void nothingListeningIsANetworkError() {
        int port = Interop.freePort();
        Run r = scan(port);
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals("connection refused: nothing listening", at(Interop.parseJson(r.out().strip()), "error"));
        assertEquals("tlskit: error: scan 127.0.0.1:" + port + ": connection refused: nothing listening\n",
                r.err().replace("\r", ""));
    }

    @Test
    void aServerThatNeverAnswersEndsWithinTheTimeout() throws Exception {
        int port = serve(s -> {
            held.add(s); // read nothing, write nothing, close nothing
        });
        Run r = scan(port);
        assertEquals(1, r.exitCode(), r.describe());
        String error = (String) at(Interop.parseJson(r.out().strip()), "error");
        assertTrue(error.startsWith("no answer: the server accepted the connection but sent nothing"), error);
    }

    @Test
    void aServerThatAnswersGarbageIsNotTls() throws Exception {
        int port = serve(s -> {
            try (s) {
                s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                s.getInputStream().readAllBytes();
            } catch (IOException e) {
                // the scanner hung up
            }
        });
        Run r = scan(port);
        assertEquals(1, r.exitCode(), r.describe());
        String error = (String) at(Interop.parseJson(r.out().strip()), "error");
        assertEquals("not TLS: the server answered with first bytes 48 54 54 50 2F (\"HTTP/\")", error);
    }

    @Test
    void aServerThatResetsLargeHellosIsScannedInChunks() throws Exception {
        int backend = Integer.parseInt(openssl.await(Interop.S_SERVER_ACCEPT, Duration.ofSeconds(10)).group(1));
        int port = serve(s -> {
            try {
                InputStream in = s.getInputStream();
                byte[] header = in.readNBytes(5);
                int length = header.length == 5 ? ((header[3] & 0xFF) << 8) | (header[4] & 0xFF) : 0;
                if (length > LARGE) {
                    s.setSoLinger(true, 0); // close with a RST, as middleboxes that choke on big hellos do
                    s.close();
                    return;
                }
                Socket b = new Socket(InetAddress.getLoopbackAddress(), backend);
                b.getOutputStream().write(header);
                Thread up = new Thread(() -> copy(in, b));
                up.setDaemon(true);
                up.start();
                copy(b.getInputStream(), s);
            } catch (IOException e) {
                // either side went away
            }
        });
        Run r = scan(port);
        assertEquals(0, r.exitCode(), r.describe());
        Object doc = Interop.parseJson(r.out().strip());
        assertEquals(48, ((Number) at(doc, "suitesPerHello")).intValue());
        assertEquals(Boolean.TRUE, at(doc, "versions", 4, "supported"));
        assertEquals("TLS 1.2", at(doc, "versions", 4, "version"));
        List<?> suites = (List<?>) at(doc, "cipherSuites", 0, "suites");
        assertEquals(List.of("ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-RSA-AES128-GCM-SHA256"),
                suites.stream().map(s -> at(s, "openssl")).toList());
        assertEquals("server", at(doc, "cipherSuites", 0, "order"));
    }

    private static void copy(InputStream in, Socket to) {
        try (to) {
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
        } catch (IOException e) {
            // closed
        }
    }
}
