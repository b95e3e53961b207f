package dev.tlskit.cli.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.Tlskit;
import dev.tlskit.cli.Tlskit.Result;
import dev.tlskit.cli.echo.Echo.Server;
import dev.tlskit.engine.TlsConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlskit echoserver} and {@code tlskit echoclient} in-process, on loopback. */
@Timeout(30)
class EchoCommandsTest {
    private static final String QUIT_SENT = "sending server shutdown command: quit!";
    private static final String BREAK_SENT = "sending server session close: break!";
    private static final String QUIT_SEEN = "client sent quit command: shutting down!";
    private static final String BREAK_SEEN = "client sent break command: closing session!";

    @TempDir
    Path dir;

    private static String p(int port) {
        return String.valueOf(port);
    }

    @Test
    void seedExchangeEchoesTheLinesThenQuitShutsTheServerDown() throws Exception {
        Path input = Echo.lines(dir, "in.txt", "hello", "Hi Server, I'm echoClient!", "quit");
        try (Server server = new Server("echoserver", "-p", "0")) {
            Result client = Tlskit.run("echoclient", "-p", p(server.port()), "--file", input.toString());
            Result s = server.await();

            assertEquals(0, client.exitCode(), client::describe);
            assertEquals("hello\nHi Server, I'm echoClient!\n" + QUIT_SENT + "\n", client.out());
            assertEquals("", client.err());
            assertEquals(0, s.exitCode(), s::describe);
            assertEquals(List.of("hello", "Hi Server, I'm echoClient!", QUIT_SEEN), s.out().lines().toList());
            assertTrue(s.err().contains("TEST-ONLY"), s::describe);
        }
    }

    @Test
    void boringSslOnBothSidesEchoesTheLinesAndQuits() throws Exception {
        Path input = Echo.lines(dir, "in.txt", "hello", "quit");
        try (Server server = new Server("echoserver", "-p", "0", "--provider", "boringssl", "--json")) {
            Result client = Tlskit.run("echoclient", "-p", p(server.port()), "--file", input.toString(),
                    "--provider", "boringssl", "--json");
            Result s = server.await();
            assertEquals(0, client.exitCode(), client::describe);
            assertEquals(0, s.exitCode(), s::describe);
            Map<String, Object> connected = objects(client.out(), "echoclient").get(0);
            assertEquals("boringssl", handshake(connected).get("provider"), client.out());
            assertEquals("X25519MLKEM768", handshake(connected).get("group"), client.out());
            assertEquals("boringssl", handshake(objects(s.out(), "echoserver").get(1)).get("provider"), s.out());
        }
    }

    @Test
    void breakClosesOnlyThatSession() throws Exception {
        try (Server server = new Server("echoserver", "-p", "0");
                TlsConnection bystander = Echo.connect(server.port());
                TlsConnection breaker = Echo.connect(server.port())) {
            breaker.write("kept\nbreak\nnot echoed\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("kept\n", Echo.read(breaker, 5));
            assertEquals("", Echo.readToEnd(breaker), "after 'break' the server closes the session");
            assertTrue(breaker.peerClosed(), "closed with close_notify");
            server.awaitOut(Pattern.compile(Pattern.quote(BREAK_SEEN)));

            bystander.write("still here\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("still here\n", Echo.read(bystander, 11));

            Path input = Echo.lines(dir, "break.txt", "one", "break", "never sent");
            Result client = Tlskit.run("echoclient", "-p", p(server.port()), "--file", input.toString());
            assertEquals(0, client.exitCode(), client::describe);
            assertEquals("one\n" + BREAK_SENT + "\n", client.out());
            assertFalse(server.exited(), "break must not stop the server");

            Result quitter = Tlskit.run("echoclient", "-p", p(server.port()),
                    "--file", Echo.lines(dir, "quit.txt", "after", "quit").toString());
            assertEquals("after\n" + QUIT_SENT + "\n", quitter.out(), quitter::describe);
            Result s = server.await();
            assertEquals(0, s.exitCode(), s::describe);
            assertFalse(s.out().contains("never sent"), s::describe);
            assertFalse(s.out().contains("not echoed"), s::describe);
        }
    }

    @Test
    void aGetLineGetsAnHttpPageEvenAfterEchoedLines() throws Exception {
        try (Server server = new Server("echoserver", "-p", "0")) {
            String reply;
            try (TlsConnection c = Echo.connect(server.port())) {
                c.write("hello\nGET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                reply = Echo.readToEnd(c);
            }
            assertTrue(reply.startsWith("hello\nHTTP/1.0 200 OK\r\n"), reply);
            assertTrue(reply.contains("\r\nContent-Type: text/html\r\n"), reply);
            String body = reply.substring(reply.indexOf("\r\n\r\n") + 4);
            assertTrue(body.contains("<h1>tlskit echoserver</h1>"), reply);
            assertTrue(reply.contains("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"),
                    reply);
            assertFalse(server.exited());
        }
    }

    @Test
    void echoclientPrintsTheWholePageForAGetLine() throws Exception {
        try (Server server = new Server("echoserver", "-p", "0")) {
            Path input = Echo.lines(dir, "get.txt", "hello", "GET / HTTP/1.0", "never sent");
            Result client = Tlskit.run("echoclient", "-p", p(server.port()), "--file", input.toString());
            assertEquals(0, client.exitCode(), client::describe);
            assertTrue(client.out().startsWith("hello\nHTTP/1.0 200 OK\r\n"), client::describe);
            assertTrue(client.out().endsWith("</html>\n"), client::describe);
            assertFalse(server.exited());
        }
    }

    @Test
    void crlfControlLinesWorkToo() throws Exception {
        try (Server server = new Server("echoserver", "-p", "0")) {
            try (TlsConnection c = Echo.connect(server.port())) {
                c.write("a\r\nbreak\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("a\r\n", Echo.read(c, 3));
                assertEquals("", Echo.readToEnd(c));
            }
            try (TlsConnection c = Echo.connect(server.port())) {
                c.write("quit\r\n".getBytes(StandardCharsets.US_ASCII));
                Result s = server.await();
                assertEquals(0, s.exitCode(), s::describe);
                assertEquals(List.of("a", BREAK_SEEN, QUIT_SEEN), s.out().lines().toList());
            }
        }
    }

    @Test
    void echoclientAtEndOfInputExitsZeroAndTheServerKeepsRunning() throws Exception {
        Path input = Echo.lines(dir, "in.txt", "first", "", "  spaced  ", "quit now", "last");
        try (Server server = new Server("echoserver", "-p", "0")) {
            Result client = Tlskit.run("echoclient", "-p", p(server.port()), "--file", input.toString());
            assertEquals(0, client.exitCode(), client::describe);
            assertEquals("first\n\n  spaced  \nquit now\nlast\n", client.out());
            assertEquals("", client.err());

            Result again = Tlskit.run("echoclient", "-p", p(server.port()), "--file", input.toString());
            assertEquals(0, again.exitCode(), "the server still serves after a client left: " + again.describe());
            assertFalse(server.exited());
        }
    }

    @Test
    void aHybridGroupNamedOnBothSidesIsTheOneBothJsonStreamsReport() throws Exception {
        Path input = Echo.lines(dir, "in.txt", "hello", "quit");
        try (Server server = new Server("echoserver", "-p", "0", "--json", "--provider", "bc", "--groups",
                "SecP384r1MLKEM1024:x25519")) {
            Result client = Tlskit.run("echoclient", "-p", p(server.port()), "--file", input.toString(), "--json",
                    "--provider", "bc", "--groups", "secp384r1mlkem1024");
            Result s = server.await();
            assertEquals(0, client.exitCode(), client::describe);
            assertEquals(0, s.exitCode(), s::describe);

            Map<String, Object> connected = objects(client.out(), "echoclient").get(0);
            assertEquals("SECP384R1MLKEM1024", handshake(connected).get("group"), client.out());
            assertEquals(Boolean.TRUE, handshake(connected).get("postQuantum"), client.out());
            Map<String, Object> open = objects(s.out(), "echoserver").get(1);
            assertEquals("SECP384R1MLKEM1024", handshake(open).get("group"), s.out());
        }
    }

    @Test
    void jsonPrintsOneObjectPerLineOnBothSides() throws Exception {
        Path input = Echo.lines(dir, "in.txt", "hello", "Hi \"quoted\" \\ ☃", "quit");
        try (Server server = new Server("echoserver", "-p", "0", "--json")) {
            Result client = Tlskit.run("echoclient", "-p", p(server.port()), "--file", input.toString(), "--json");
            Result s = server.await();
            assertEquals(0, client.exitCode(), client::describe);
            assertEquals(0, s.exitCode(), s::describe);

            List<Map<String, Object>> c = objects(client.out(), "echoclient");
            assertEquals(List.of("connected", "echo", "echo", "closed"), events(c), client.out());
            assertEquals("TLSv1.3", handshake(c.get(0)).get("protocol"));
            assertEquals("verified", handshake(c.get(0)).get("verification"));
            assertEquals("hello", c.get(1).get("sent"));
            assertEquals("hello", c.get(1).get("received"));
            assertEquals(6L, c.get(1).get("bytes"));
            assertTrue(c.get(1).get("rttMs") instanceof Number, client.out());
            assertEquals("Hi \"quoted\" \\ ☃", c.get(2).get("received"));
            assertEquals(2L, c.get(3).get("messages"));
            assertEquals(6L + "Hi \"quoted\" \\ ☃\n".getBytes(StandardCharsets.UTF_8).length, c.get(3).get("bytes"));

            List<Map<String, Object>> sv = objects(s.out(), "echoserver");
            List<String> names = events(sv);
            assertEquals("listening", names.get(0), s.out());
            assertEquals("open", names.get(1), s.out());
            assertEquals("stats", names.get(names.size() - 1), s.out());
            assertTrue(names.contains("quit"), s.out());
            assertEquals("no_peer_certificate", handshake(sv.get(1)).get("verification"),
                    "no client certificate asked for by default: " + s.out());
            assertEquals("CN=localhost", ((Map<?, ?>) ((List<?>) handshake(sv.get(1)).get("localChain"))
                    .get(0)).get("subject"), s.out());
            StringBuilder echoed = new StringBuilder();
            for (Map<String, Object> e : sv) {
                if (e.get("event").equals("echo")) {
                    echoed.append(e.get("text"));
                    assertTrue(((String) e.get("peer")).startsWith("127.0.0.1:"), s.out());
                }
            }
            assertEquals("hello\nHi \"quoted\" \\ ☃\n", echoed.toString());
            Map<String, Object> stats = sv.get(sv.size() - 1);
            assertEquals(1L, stats.get("total"), s.out());
            assertEquals(1L, stats.get("handshakes"), s.out());
            assertFalse(s.out().contains(QUIT_SEEN), "no text lines with --json: " + s.out());
        }
    }

    @Test
    void clientAuthNeedAcceptsTheDemoClientAndRejectsOneWithoutACertificate() throws Exception {
        try (Server server = new Server("echoserver", "-p", "0", "--client-auth", "need")) {
            Path hello = Echo.lines(dir, "hello.txt", "hello");
            Result ok = Tlskit.run("echoclient", "-p", p(server.port()), "--file", hello.toString());
            assertEquals(0, ok.exitCode(), ok::describe);
            assertEquals("hello\n", ok.out());

            Result rejected = Tlskit.run("echoclient", "-p", p(server.port()), "-x", "--file", hello.toString());
            assertEquals(4, rejected.exitCode(), rejected::describe);
            assertEquals("", rejected.out());
            assertEquals(1, rejected.err().lines().count(), rejected::describe);
            assertTrue(rejected.err().startsWith("tlskit: error: "), rejected::describe);
            // SunJSSE 17 answers a missing TLS 1.3 client certificate with bad_certificate, 25 with the
            // certificate_required that RFC 8446 section 4.4.2.4 prescribes
            assertTrue(rejected.err().contains("bad_certificate") || rejected.err().contains("certificate_required"),
                    rejected::describe);

            Result tls12 = Tlskit.run("echoclient", "-p", p(server.port()), "-x", "-v", "1.2", "--file",
                    hello.toString());
            assertEquals(4, tls12.exitCode(), tls12::describe);

            // With no input the TLS 1.3 client never reads; the server's alert is found when it closes.
            Path empty = java.nio.file.Files.writeString(dir.resolve("empty.txt"), "");
            Result silent = Tlskit.run("echoclient", "-p", p(server.port()), "-x", "--file", empty.toString());
            assertEquals(4, silent.exitCode(), silent::describe);
            assertTrue(silent.err().startsWith("tlskit: error: localhost:" + server.port() + ": "), silent::describe);

            Tlskit.run("echoclient", "-p", p(server.port()), "--file", Echo.lines(dir, "q.txt", "quit").toString());
            Result s = server.await();
            assertEquals(0, s.exitCode(), s::describe);
            assertTrue(s.err().contains("no certificate from the client"), s::describe);
        }
    }

    @Test
    void badInputExitsWithItsCodeAndOneErrorLine() throws Exception {
        assertUsage(Tlskit.run("echoserver", "-p", "0", "--client-auth", "maybe"), "--client-auth", "maybe");
        assertUsage(Tlskit.run("echoserver", "-p", "0", "--max-connections", "0"), "--max-connections 0");
        assertUsage(Tlskit.run("echoserver", "-p", "70000"), "70000");
        assertUsage(Tlskit.run("echoserver", "-p", "0", "-b", "--bind", "::1"), "-b", "--bind");
        Path missing = dir.resolve("missing.txt");
        assertUsage(Tlskit.run("echoclient", "-p", "1", "--file", missing.toString()), missing.toString());
        assertUsage(Tlskit.run("echoclient", "-4", "-6", "--file", Echo.lines(dir, "x", "x").toString()), "-4", "-6");

        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Result r = Tlskit.run("echoserver", "-p", p(taken.getLocalPort()));
            assertEquals(1, r.exitCode(), r::describe);
            List<String> errors = r.err().lines().filter(l -> l.startsWith("tlskit: error: ")).toList();
            assertEquals(1, errors.size(), r::describe);
            assertTrue(errors.get(0).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), r::describe);
            assertFalse(r.err().contains("\tat "), r::describe);
        }
    }

    @Test
    void echoclientWithNoServerExitsOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Result r = Tlskit.run("echoclient", "-p", p(port), "--file", Echo.lines(dir, "in.txt", "x").toString());
        assertEquals(1, r.exitCode(), r::describe);
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("tlskit: error: localhost:" + port + ": "), r::describe);
    }

    private static void assertUsage(Result r, String... fragments) {
        assertEquals(2, r.exitCode(), r::describe);
        assertEquals("", r.out(), r::describe);
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("tlskit: error: "), r::describe);
        for (String f : fragments) {
            assertTrue(first.contains(f), "'" + f + "' not in: " + first);
        }
        assertFalse(r.err().contains("\tat "), r::describe);
    }

    private static List<Map<String, Object>> objects(String out, String command) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String line : out.lines().toList()) {
            Map<String, Object> o = Echo.parseObject(line);
            assertEquals(1L, o.get("tlskit"), line);
            assertEquals(command, o.get("command"), line);
            all.add(o);
        }
        return all;
    }

    private static List<String> events(List<Map<String, Object>> objects) {
        return objects.stream().map(o -> (String) o.get("event")).toList();
    }

    private static Map<?, ?> handshake(Map<String, Object> event) {
        return (Map<?, ?>) event.get("handshake");
    }
}
