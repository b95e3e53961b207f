package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What users of openssl, curl and wget type gets a hint in tlskit's words (issue 19 point 10). */
@Timeout(60)
class HabitsTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    /** Exit 2, the error line first, and the hint line saying {@code hint}. */
    private static void assertUsageWithHint(Tlskit.Result r, String error, String hint) {
        assertEquals(2, r.exitCode(), r.err());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("tlskit: error: ") && lines.get(0).contains(error), r.err());
        assertEquals("hint: " + hint, lines.get(1), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void hostAndPortAsAnArgumentGetTheFlags() {
        assertUsageWithHint(Tlskit.run("client", "localhost:443"), "'localhost:443'",
                "the server is given with flags: -h localhost -p 443");
        assertUsageWithHint(Tlskit.run("client", "[::1]:8443"), "'[::1]:8443'",
                "the server is given with flags: -h ::1 -p 8443");
    }

    @Test
    void opensslConnectGetsTheFlags() {
        assertUsageWithHint(Tlskit.run("client", "-connect", "example.test:443"), "'example.test:443'",
                "tlskit takes the server as -h HOST -p PORT (-h example.test -p 443), not openssl's -connect"
                        + " host:port");
    }

    @Test
    void hostWithAPortSaysToUseP() {
        // It used to become the host name "localhost:11111", and an "unknown host [localhost:11111]:11111".
        assertUsageWithHint(Tlskit.run("client", "-h", "localhost:11111"), "-h localhost:11111: a host, not host:port",
                "give the port with -p: -h localhost -p 11111");
        assertUsageWithHint(Tlskit.run("echoclient", "-h", "[::1]:11111"), "-h [::1]:11111",
                "give the port with -p: -h ::1 -p 11111");
        assertUsageWithHint(Tlskit.run("chat", "-h", "127.0.0.1:5000"), "-h 127.0.0.1:5000",
                "give the port with -p: -h 127.0.0.1 -p 5000");
    }

    @Test
    void curlsInsecureSuggestsD() {
        assertUsageWithHint(Tlskit.run("client", "--insecure"), "--insecure",
                "-d does what curl's --insecure does: it does not verify the peer");
    }

    @Test
    void timeoutZeroMustBeMoreThanZero() {
        Tlskit.Result r = Tlskit.run("client", "--timeout", "0");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("tlskit: error: --timeout 0.0: must be more than 0 seconds"), r.err());
    }

    @Test
    void timeoutThatIsNotANumberExpectsSeconds() {
        for (String command : List.of("client", "echoclient", "server", "chat")) {
            Tlskit.Result r = Tlskit.run(command, "--timeout", "abc");
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().startsWith("tlskit: error: Invalid value for option '--timeout': expected a number of"
                    + " seconds (10, 0.5), got 'abc'\n"), command + ": " + r.err());
            assertFalse(r.err().contains("double"), r.err());
        }
    }

    @Test
    void echoclientAndChatTimeoutsNameTheFlag() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CountDownLatch done = new CountDownLatch(1);
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new java.util.ArrayList<>();
                try {
                    for (int i = 0; i < 2; i++) {
                        held.add(silent.accept());
                    }
                    done.await(30, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException ignored) {
                    // the test is over
                } finally {
                    held.forEach(s -> {
                        try {
                            s.close();
                        } catch (IOException ignored) {
                            // closing
                        }
                    });
                }
            });
            acceptor.start();
            String port = String.valueOf(silent.getLocalPort());
            try {
                Tlskit.Result echo = Tlskit.run("echoclient", "-h", "127.0.0.1", "-p", port, "--timeout", "0.3");
                assertEquals(1, echo.exitCode(), echo.err());
                assertTrue(echo.err().startsWith("tlskit: error: 127.0.0.1:" + port + ": timed out"), echo.err());
                assertTrue(echo.err().strip().endsWith("(--timeout 0.3 s)"), echo.err());
                Tlskit.Result chat = Tlskit.run("chat", "-h", "127.0.0.1", "-p", port, "--timeout", "0.3");
                assertEquals(1, chat.exitCode(), chat.err());
                assertTrue(chat.err().contains("tlskit: error: 127.0.0.1:" + port + ": timed out"), chat.err());
                assertTrue(chat.err().strip().endsWith("(--timeout 0.3 s)"), chat.err());
            } finally {
                done.countDown();
                acceptor.join(LIMIT.toMillis());
            }
        }
    }

    @Test
    void serverJsonStartsWithAListeningEventWithThePort() throws Exception {
        Tlskit.Pair p = Tlskit.pair(List.of("--json"));
        Tlskit.Result client = p.client();
        Tlskit.Result s = p.server();
        assertEquals(0, client.exitCode(), client.err());
        assertEquals(0, s.exitCode(), s.err());
        List<String> lines = s.out().lines().toList();
        assertEquals(2, lines.size(), s.out());
        Map<?, ?> listening = (Map<?, ?>) Interop.parseJson(lines.get(0));
        assertEquals("server", listening.get("command"), lines.get(0));
        assertEquals("listening", listening.get("event"), lines.get(0));
        assertEquals((long) p.port(), ((Number) listening.get("port")).longValue(), lines.get(0));
        assertEquals("127.0.0.1:" + p.port(), listening.get("address"), lines.get(0));
        assertTrue(lines.get(1).contains("\"clientMessage\":\"hello wolfssl!\""), lines.get(1));
    }
}
