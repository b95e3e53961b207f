package dev.tlskit.cli.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.ExitCode;
import dev.tlskit.cli.Tlskit;
import dev.tlskit.cli.interop.Interop;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code client --targets}: many checks in one run, against tlskit servers on loopback. */
@Timeout(60)
class TargetsTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void mixedOutcomesComeOutAsOneDocumentPerTargetInInputOrderAndTheWorstExitCode() throws Exception {
        // Three connections reach the server: the good one, the failed assertion, the name mismatch.
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-C", "3");
        int port = server.port();
        int nobody = Interop.freePort();
        Path list = file("# a smoke test of four services\n"
                + "127.0.0.1:" + port + "\n"
                + "\n"
                + "127.0.0.1:" + nobody + "   # nothing listens here\n"
                + "127.0.0.1:" + port + " --expect-version 1.2\n"
                + "127.0.0.1:" + port + " -S wrong.example\n"
                + "no-such-host.invalid:" + port + "\n");
        Tlskit.Result r = Tlskit.run("client", "--targets", list.toString(), "--json", "--parallel", "3");
        server.await(LIMIT);

        assertEquals(ExitCode.NETWORK, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(5, lines.size(), r.out());
        List<Map<?, ?>> docs = lines.stream().<Map<?, ?>>map(l -> (Map<?, ?>) Interop.parseJson(l)).toList();
        assertEquals(List.of("127.0.0.1:" + port, "127.0.0.1:" + nobody, "127.0.0.1:" + port, "127.0.0.1:" + port,
                "no-such-host.invalid:" + port), docs.stream().map(d -> d.get("target")).toList());
        assertEquals(List.of(2L, 4L, 5L, 6L, 7L), docs.stream().map(d -> ((Number) d.get("line")).longValue())
                .toList());
        assertEquals(List.of(0L, 1L, 5L, 4L, 1L), docs.stream().map(d -> ((Number) d.get("exitCode")).longValue())
                .toList());
        assertEquals("client", docs.get(0).get("command"));
        assertEquals("TLSv1.3", ((Map<?, ?>) docs.get(0).get("handshake")).get("protocol"));
        assertFalse(docs.get(0).containsKey("sent"), "a target without -m only shakes hands: " + lines.get(0));
        assertTrue(((Map<?, ?>) docs.get(1).get("error")).get("message").toString().contains("refused"), lines.get(1));
        Map<?, ?> version = (Map<?, ?>) ((List<?>) docs.get(2).get("assertions")).get(0);
        assertEquals(List.of("version", "TLSv1.2", "TLSv1.3", false), List.of(version.get("name"),
                version.get("expected"), version.get("actual"), version.get("ok")));
        assertEquals(false, ((Map<?, ?>) docs.get(2).get("handshake")).get("resumed"),
                "each target has its own session cache, as a process of its own would: " + lines.get(2));
        assertEquals("verification", ((Map<?, ?>) docs.get(3).get("error")).get("kind"));
        assertTrue(r.err().contains("127.0.0.1:" + port + ": tlskit: error: expected version TLSv1.2, got TLSv1.3\n"),
                r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("127.0.0.1:" + nobody + ": tlskit: error: ")), r.err());
        assertTrue(r.err().strip().endsWith("s"), r.err());
        String summary = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(summary.matches("tlskit: 5 targets: 1 ok, 4 failed \\(exit 1: 2, exit 4: 1, exit 5: 1\\) in"
                + " [0-9.]+ s"), summary);
    }

    @Test
    void textLinesStartWithTheTargetAndLineFlagsApplyToTheirTargetOnly() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-C", "2");
        int port = server.port();
        Path list = file("127.0.0.1:" + port + " -m 'hello there' -v 1.2\n" + "localhost\n");
        Tlskit.Result r = Tlskit.run("client", "--targets", list.toString(), "-p", String.valueOf(port));
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(0, r.exitCode(), r.err());
        String first = "127.0.0.1:" + port + ": ";
        String second = "localhost:" + port + ": ";
        List<String> lines = r.out().lines().toList();
        assertEquals(first + "SSL version is TLSv1.2", lines.get(0), r.out());
        assertEquals(first + "I hear you fa shizzle!", lines.get(3), r.out());
        assertEquals(second + "SSL version is TLSv1.3", lines.get(4), r.out());
        assertEquals(8, lines.size(), "the second target only shakes hands: " + r.out());
        assertTrue(lines.get(7).matches("tlskit: 2 targets: 2 ok, 0 failed in [0-9.]+ s"), lines.get(7));
        assertTrue(s.out().contains("Client message: hello there"), s.out());
    }

    @Test
    void targetsFromStdin() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0");
        int port = server.port();
        InputStream stdin = System.in;
        Tlskit.Result r;
        try {
            System.setIn(new ByteArrayInputStream(("127.0.0.1:" + port + " --expect-version 1.3\n").getBytes(UTF_8)));
            r = Tlskit.run("client", "--targets", "-", "--json");
        } finally {
            System.setIn(stdin);
        }
        server.await(LIMIT);

        assertEquals(0, r.exitCode(), r.err());
        Map<?, ?> doc = (Map<?, ?>) Interop.parseJson(r.out().strip());
        assertEquals(0L, ((Number) doc.get("exitCode")).longValue(), r.out());
        assertEquals(true, ((Map<?, ?>) ((List<?>) doc.get("assertions")).get(0)).get("ok"), r.out());
        assertTrue(r.err().startsWith("tlskit: 1 target: 1 ok, 0 failed in "), r.err());
    }

    @Test
    void anUnreadableFileIsAUsageError() {
        Tlskit.Result r = Tlskit.run("client", "--targets", dir.resolve("missing.txt").toString());
        assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("tlskit: error: --targets " + dir.resolve("missing.txt") + ": cannot read"),
                r.err());
        assertEquals("", r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--bogus                | Unknown option: '--bogus'",
        "--expect-version 9     | --expect-version 9: unknown version",
        "-p                     | Missing required parameter for option '--port'",
        "--json                 | --json is for the whole run, not one target's line",
        "-g -m hi               | -g and -m conflict",
        "-m 'unclosed           | unclosed '",
    })
    void aBadLineIsAUsageErrorNamingTheFileAndLineBeforeAnyConnection(String flags, String why) throws Exception {
        int nobody = Interop.freePort();
        Path list = file("127.0.0.1:" + nobody + "\n# next\n127.0.0.1:" + nobody + " " + flags + "\n");
        Tlskit.Result r = Tlskit.run("client", "--targets", list.toString());
        assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("tlskit: error: --targets " + list + ": line 3: " + why), r.err());
        assertEquals("", r.out(), "nothing ran");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--parallel 0            | --parallel 0: must be 1-64",
        "--parallel 65           | --parallel 65: must be 1-64",
        "-h 127.0.0.1            | -h and --targets conflict",
        "--save-chain DIR        | --save-chain and --targets conflict",
    })
    void runFlagsThatDoNotFitAreUsageErrors(String flags, String why) throws Exception {
        Path list = file("127.0.0.1:" + Interop.freePort() + "\n");
        List<String> args = new java.util.ArrayList<>(List.of("client", "--targets", list.toString()));
        for (String f : flags.split(" ")) {
            args.add(f.equals("DIR") ? dir.resolve("chain").toString() : f);
        }
        Tlskit.Result r = Tlskit.run(args.toArray(String[]::new));
        assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("tlskit: error: " + why), r.err());
    }

    @Test
    void scanReadsTheSameListsButTakesNoFlagsOnALine() throws Exception {
        Path list = file("127.0.0.1:" + Interop.freePort() + " --expect-version 1.3\n");
        Tlskit.Result r = Tlskit.run("scan", "--targets", list.toString());
        assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("tlskit: error: --targets " + list + ": line 1: flags after the target are for"
                + " tlskit client (here: --expect-version)"), r.err());
    }

    @Test
    void parallelNeedsTargets() {
        Tlskit.Result r = Tlskit.run("client", "--parallel", "4");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("tlskit: error: --parallel needs --targets"), r.err());
    }

    @Test
    void theWorstExitCodeFollowsTheDocumentedOrder() {
        int[] order = {0, 5, 4, 3, 1, 2, 130, 70};
        for (int i = 0; i < order.length; i++) {
            for (int j = 0; j < order.length; j++) {
                assertEquals(order[Math.max(i, j)], ExitCode.worse(order[i], order[j]), order[i] + " vs " + order[j]);
            }
        }
        assertEquals(ExitCode.WORST_ORDER, String.join(" < ",
                java.util.Arrays.stream(order).mapToObj(String::valueOf).toList()));
    }

    private Path file(String text) throws Exception {
        Path p = Files.createTempFile(dir, "targets", ".txt");
        Files.writeString(p, text, UTF_8);
        return p;
    }
}
