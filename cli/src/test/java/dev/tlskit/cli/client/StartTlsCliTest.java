package dev.tlskit.cli.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.Tlskit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code client --starttls}: flags that do not go together, and the prelude's failures as the CLI reports them
 * (one line, the exit code, the JSON), against a scripted plaintext server on loopback. The upgrades themselves
 * run against real servers in the interop tests (PostgresStartTlsTest, PostfixStartTlsTest, ...).
 */
@Timeout(30)
class StartTlsCliTest {
    @Test
    void anUnknownProtocolIsAUsageError() {
        Tlskit.Result r = Tlskit.run("client", "--starttls", "gopher");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("unknown STARTTLS protocol \"gopher\" (one of smtp, lmtp, imap"), r.err());
    }

    @Test
    void starttlsNameNeedsAProtocolThatAnnouncesOne() {
        Tlskit.Result r = Tlskit.run("client", "--starttls", "postgres", "--starttls-name", "x.test");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("tlskit: error: --starttls-name needs --starttls smtp, lmtp, xmpp or xmpp-server (postgres"
                + " announces no name)", r.err().strip().lines().findFirst().orElse(""));
    }

    @Test
    void starttlsOverDtlsIsAUsageError() {
        Tlskit.Result r = Tlskit.run("client", "--starttls", "smtp", "-u");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("tlskit: error: --starttls and -u conflict"), r.err());
    }

    @Test
    void quitNeedsStartTls() {
        Tlskit.Result r = Tlskit.run("client", "--quit");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("tlskit: error: --quit needs --starttls"), r.err());
    }

    @Test
    void quitAfterAnHttpGetIsAUsageError() {
        Tlskit.Result r = Tlskit.run("client", "--starttls", "smtp", "-g", "--quit");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("tlskit: error: -g and --quit conflict"), r.err());
    }

    @Test
    void interactiveConflictsWithWhatSaysWhatToSend() {
        for (String[] flags : new String[][] {{"-m", "hi"}, {"-g"}, {"--handshake-only"}, {"--json"}}) {
            Tlskit.Result r = Tlskit.run(concat(new String[] {"client", "--interactive"}, flags));
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().startsWith("tlskit: error: --interactive and " + flags[0] + " conflict"), r.err());
        }
        Tlskit.Result r = Tlskit.run("client", "--starttls", "imap", "--interactive", "--quit");
        assertTrue(r.err().startsWith("tlskit: error: --interactive and --quit conflict"), r.err());
    }

    @Test
    void crlfNeedsInteractiveUse() {
        Tlskit.Result r = Tlskit.run("client", "--crlf");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("tlskit: error: --crlf needs --interactive"), r.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void aServerWithoutStartTlsIsOneLineAndExit3WithThePreludeInJson() throws Exception {
        try (Scripted server = new Scripted(s -> {
            say(s, "220 mx.test ESMTP\r\n");
            assertEquals("EHLO client.test", line(s));
            say(s, "250-mx.test\r\n250 SIZE 1000\r\n");
        })) {
            Tlskit.Result r = Tlskit.run("client", "--starttls", "smtp", "--starttls-name", "client.test", "-p",
                    String.valueOf(server.port()), "-x", "--json");
            assertEquals(3, r.exitCode(), r.err());
            assertEquals("tlskit: error: localhost:" + server.port() + ": smtp: the server does not offer STARTTLS:"
                    + " its EHLO reply was \"250-mx.test | 250 SIZE 1000\"\n", r.err());
            assertTrue(r.out().startsWith("{\"tlskit\":1,\"command\":\"client\",\"host\":\"localhost\",\"port\":"
                    + server.port() + ",\"starttls\":{\"protocol\":\"smtp\",\"name\":\"client.test\",\"prelude\":"
                    + "[{\"direction\":\"received\",\"text\":\"220 mx.test ESMTP\"},{\"direction\":\"sent\",\"text\":"
                    + "\"EHLO client.test\"},"), r.out());
            assertTrue(r.out().contains("\"error\":{\"exitCode\":3,\"kind\":\"handshake\""), r.out());
        }
    }

    @Test
    void aSilentServerEndsAtTheTimeoutWithExit1() throws Exception {
        try (Scripted server = new Scripted(s -> { })) {
            long start = System.nanoTime();
            Tlskit.Result r = Tlskit.run("client", "--starttls", "imap", "-p", String.valueOf(server.port()), "-x",
                    "--timeout", "1");
            assertEquals(1, r.exitCode(), r.err());
            assertEquals("tlskit: error: localhost:" + server.port() + ": imap: timed out waiting for its greeting"
                    + " (--timeout 1.0 s)\n", r.err());
            assertTrue(System.nanoTime() - start < 8_000_000_000L, "ended near the 1 s timeout");
        }
    }

    @Test
    void anotherProtocolsGreetingIsNotThisProtocol() throws Exception {
        try (Scripted server = new Scripted(s -> say(s, "* OK IMAP4rev1 ready\r\n"))) {
            Tlskit.Result r = Tlskit.run("client", "--starttls", "smtp", "-p", String.valueOf(server.port()), "-x");
            assertEquals(3, r.exitCode(), r.err());
            assertEquals("tlskit: error: localhost:" + server.port() + ": smtp: expected a three-digit reply as its"
                    + " greeting, got \"* OK IMAP4rev1 ready\"\n", r.err());
        }
    }

    /** A plaintext server on 127.0.0.1 that runs a script on one connection and holds it open until closed. */
    private static final class Scripted implements AutoCloseable {
        interface Script {
            void run(Socket s) throws IOException;
        }

        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        private final CountDownLatch done = new CountDownLatch(1);

        Scripted(Script script) throws IOException {
            CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    script.run(s);
                    done.await();
                } catch (IOException | InterruptedException e) {
                    // the test judges by what the client printed
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            done.countDown();
            listener.close();
        }
    }

    private static void say(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(UTF_8));
    }

    private static String line(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            b.write(c);
        }
        String text = b.toString(UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
