package dev.tlskit.cli.interop;

import static dev.tlskit.cli.interop.Interop.at;
import static dev.tlskit.cli.interop.Interop.tlskit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop.Peer;
import dev.tlskit.cli.interop.Interop.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's CI one-liner ("CI smoke tests"), run as written against {@code openssl s_server -www}, an HTTP
 * server that answers only a request: HOST and PORT filled in, {@code -A system} pointed at the demo CA (the
 * stand-in for the platform store here), {@code > handshake.json} read as stdout.
 */
class CiRecipeTest extends OpenSslPeers {
    private static final Pattern RECIPE = Pattern.compile("(?m)^\\./tlskit (client .*) > handshake\\.json$");

    /** The recipe's words, from the README's CI section, with this test's server and trust filled in. */
    private static List<String> recipe(int port) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("### CI smoke tests"));
        Matcher m = RECIPE.matcher(section);
        assertTrue(m.find(), "no './tlskit client ... > handshake.json' line in the README's CI section");
        List<String> words = new ArrayList<>();
        for (String w : m.group(1).split(" +")) {
            words.add(switch (w) {
                case "HOST" -> "localhost";
                case "PORT" -> String.valueOf(port);
                case "system" -> dir.resolve("ca.pem").toString();
                default -> w;
            });
        }
        return words;
    }

    private int sServerWww() throws Exception {
        Peer s = Interop.start(dir, null, "openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", "server.pem",
                "-key", "server.key", "-www");
        cleanup.add(s);
        return Integer.parseInt(s.await(Interop.S_SERVER_ACCEPT, Interop.PEER_START).group(1));
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void readmeCiRecipePassesAgainstAnHttpServer() throws Exception {
        List<String> words = recipe(sServerWww());
        assertTrue(words.contains("--handshake-only"), "the README recommends --handshake-only: " + words);

        Run r = tlskit(words.toArray(String[]::new));

        assertEquals(0, r.exitCode(), r::describe);
        Object doc = Interop.parseJson(r.out().strip());
        assertEquals("TLSv1.3", at(doc, "handshake", "protocol"));
        assertEquals(true, at(doc, "handshake", "hostnameVerified"));
        assertEquals("CN=localhost", at(doc, "handshake", "peerChain", 0, "subject"));
        assertEquals(List.of(true, true), ((List<?>) at(doc, "assertions")).stream()
                .map(a -> ((Map<?, ?>) a).get("ok")).toList());
        assertFalse(((Map<?, ?>) doc).containsKey("sent"), r.out());
        assertFalse(((Map<?, ?>) doc).containsKey("error"), r.out());
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void failedAssertionOfTheRecipeIsInItsJson() throws Exception {
        List<String> words = recipe(sServerWww());
        words.set(words.indexOf("30"), "100000"); // --min-days: the demo certificate ends in 2075

        Run r = tlskit(words.toArray(String[]::new));

        assertEquals(5, r.exitCode(), r::describe);
        assertTrue(r.err().contains("tlskit: error: expected "), r::describe);
        Object doc = Interop.parseJson(r.out().strip());
        assertEquals(false, at(doc, "assertions", 1, "ok"));
        assertEquals("TLSv1.3", at(doc, "handshake", "protocol"));
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void exchangeFailingAfterTheHandshakeKeepsHandshakeAndAssertions() throws Exception {
        List<String> words = recipe(sServerWww());
        words.remove("--handshake-only");
        words.addAll(List.of("--timeout", "1")); // s_server -www waits for a request line that never comes

        Run r = tlskit(words.toArray(String[]::new));

        assertEquals(1, r.exitCode(), r::describe);
        Object doc = Interop.parseJson(r.out().strip());
        assertEquals("TLSv1.3", at(doc, "handshake", "protocol"));
        assertEquals("CN=localhost", at(doc, "handshake", "peerChain", 0, "subject"));
        assertEquals(2, ((List<?>) at(doc, "assertions")).size(), r.out());
        assertEquals("hello wolfssl!", at(doc, "sent"));
        assertEquals(null, at(doc, "reply"));
        assertTrue(String.valueOf(at(doc, "error", "message")).contains("timed out"), r.out());
        assertEquals(1L, ((Number) at(doc, "error", "exitCode")).longValue());
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void exchangeFailingAfterTheHandshakeKeepsTheSummaryInText() throws Exception {
        int port = sServerWww();

        Run r = tlskit("client", "-h", "localhost", "-p", String.valueOf(port), "-A", dir.resolve("ca.pem").toString(),
                "--expect-version", "1.2", "--timeout", "1");

        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.out().startsWith("SSL version is TLSv1.3\n"), r::describe);
        assertTrue(r.err().contains("tlskit: error: expected version TLSv1.2, got TLSv1.3\n"), r::describe);
        assertTrue(r.err().contains("timed out"), r::describe);
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void handshakeOnlyPrintsTheSummaryAndSendsNothing() throws Exception {
        int port = sServerWww();

        Run r = tlskit("client", "-h", "localhost", "-p", String.valueOf(port), "-A", dir.resolve("ca.pem").toString(),
                "--handshake-only");

        assertEquals(0, r.exitCode(), r::describe);
        assertEquals(List.of("SSL version is TLSv1.3", "SSL cipher suite is TLS_AES_256_GCM_SHA384",
                "SSL curve name is X25519"), r.out().lines().toList());
    }
}
