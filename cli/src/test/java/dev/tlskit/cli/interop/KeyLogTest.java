package dev.tlskit.cli.interop;

import static dev.tlskit.cli.interop.Interop.tlskit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop.Background;
import dev.tlskit.cli.interop.Interop.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --keylog FILE} and {@code SSLKEYLOGFILE} from the command line: what is refused (jdk, DTLS, a path that
 * cannot be written) and how, what the variable is allowed to be ignored for, and what the file holds. Whether the
 * secrets decrypt a capture is {@link CaptureTest}'s part.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KeyLogTest {
    private static final List<String> TLS13_LABELS = List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "CLIENT_TRAFFIC_SECRET_0", "EXPORTER_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET", "SERVER_TRAFFIC_SECRET_0");

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- refused

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"client", "server", "echoclient", "echoserver", "chat"})
    void keylogWithTheJdkProviderIsAUsageError(String command) {
        Path keys = dir.resolve("keys");
        Run r = tlskit(args(command, "--provider", "jdk", "--keylog", keys.toString()));

        assertEquals(2, r.exitCode(), r::describe);
        assertTrue(onlyError(r).startsWith("tlskit: error: --keylog " + keys + ": "), r::describe);
        assertTrue(onlyError(r).contains("jdk"), r::describe);
        assertFalse(Files.exists(keys), "refused before the file is made");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"client", "server", "echoclient", "echoserver"})
    void keylogOverDtlsIsAUsageError(String command) {
        Path keys = dir.resolve("keys");
        Run r = tlskit(args(command, "-u", "--keylog", keys.toString()));

        assertEquals(2, r.exitCode(), r::describe);
        assertTrue(onlyError(r).startsWith("tlskit: error: --keylog " + keys + ": "), r::describe);
        assertTrue(onlyError(r).contains("DTLS"), r::describe);
        assertFalse(Files.exists(keys), "refused before the file is made");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"missing-dir/keys", "."})
    void aKeyLogThatCannotBeWrittenIsAUsageErrorNamingThePath(String path) {
        Path keys = dir.resolve(path);
        Run r = tlskit("client", "-h", "127.0.0.1", "-p", "1", "--keylog", keys.toString());

        assertEquals(2, r.exitCode(), "checked before connecting: " + r.describe());
        assertTrue(onlyError(r).startsWith("tlskit: error: --keylog " + keys + ": cannot write"), r::describe);
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.describe());
    }

    // ---------------------------------------------------------------- the variable, which is only a wish

    @Test
    void sslKeyLogFileWithTheJdkProviderIsIgnoredWithAWarning() throws Exception {
        Path keys = dir.resolve("keys");
        try (Background server = Interop.tlskitInBackground("server", "-p", "0")) {
            Run r = Interop.tlskitProcess(Interop.RUN_LIMIT, env -> env.put("SSLKEYLOGFILE", keys.toString()),
                    "client", "-h", "127.0.0.1", "-p", String.valueOf(server.port()), "--provider", "jdk");

            assertEquals(0, r.exitCode(), r::describe);
            assertTrue(r.out().endsWith("I hear you fa shizzle!\n"), r::describe);
            List<String> err = r.err().lines().toList();
            assertEquals(1, err.size(), r::describe);
            assertTrue(err.get(0).startsWith("tlskit: warning: SSLKEYLOGFILE=" + keys + " ignored: "), r::describe);
            assertTrue(err.get(0).contains("--provider bc"), "says what would work: " + r.describe());
            assertFalse(Files.exists(keys));
            assertEquals(0, server.await(Interop.RUN_LIMIT).exitCode());
        }
    }

    @Test
    void sslKeyLogFileOverDtlsIsIgnoredWithAWarning() throws Exception {
        Path keys = dir.resolve("keys");
        try (Background server = Interop.tlskitInBackground("server", "-u", "-p", "0")) {
            Run r = Interop.tlskitProcess(Interop.RUN_LIMIT, env -> env.put("SSLKEYLOGFILE", keys.toString()),
                    "client", "-u", "-h", "127.0.0.1", "-p", String.valueOf(server.port()));

            assertEquals(0, r.exitCode(), r::describe);
            assertTrue(r.out().startsWith("SSL version is DTLSv1.2\n"), r::describe);
            List<String> err = r.err().lines().toList();
            assertEquals(1, err.size(), r::describe);
            assertTrue(err.get(0).startsWith("tlskit: warning: SSLKEYLOGFILE=" + keys + " ignored: "), r::describe);
            assertFalse(Files.exists(keys));
            assertEquals(0, server.await(Interop.RUN_LIMIT).exitCode());
        }
    }

    @Test
    void keylogWinsOverSslKeyLogFile() throws Exception {
        Path flag = dir.resolve("flag.keys");
        Path variable = dir.resolve("variable.keys");
        try (Background server = Interop.tlskitInBackground("server", "-p", "0", "-v", "1.2")) {
            Run r = Interop.tlskitProcess(Interop.RUN_LIMIT, env -> env.put("SSLKEYLOGFILE", variable.toString()),
                    "client", "-h", "127.0.0.1", "-p", String.valueOf(server.port()), "--keylog", flag.toString());

            assertEquals(0, r.exitCode(), r::describe);
            assertEquals(1, Files.readAllLines(flag).size(), "one CLIENT_RANDOM line");
            assertFalse(Files.exists(variable), "the variable is not used when --keylog is given");
            assertFalse(r.err().contains("SSLKEYLOGFILE"), r::describe);
        }
    }

    // ---------------------------------------------------------------- what the file holds

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    void keylogPicksBcAndBothSidesLogTheConnectionsSecrets(String version) throws Exception {
        Path serverKeys = dir.resolve("server.keys");
        Path clientKeys = dir.resolve("client.keys");
        try (Background server = Interop.tlskitInBackground("server", "-p", "0", "-v", version, "--json",
                "--keylog", serverKeys.toString())) {
            Run r = tlskit("client", "-h", "127.0.0.1", "-p", String.valueOf(server.port()), "-v", version, "--json",
                    "--keylog", clientKeys.toString());
            Run s = server.await(Interop.RUN_LIMIT);

            assertEquals(0, r.exitCode(), r::describe);
            assertEquals(0, s.exitCode(), s::describe);
            assertEquals("bc", Interop.at(Interop.parseJson(r.out()), "handshake", "provider"), r::describe);
            assertEquals("bc", Interop.at(Interop.lastJsonLine(s.out()), "handshake", "provider"), s::describe);
            assertEquals(List.of("tlskit: warning: --keylog " + clientKeys + ": writing TLS secrets (bc provider);"
                    + " whoever reads the file can decrypt the traffic"), r.err().lines().toList());
        }
        List<String> lines = Files.readAllLines(clientKeys).stream().sorted().toList();
        assertEquals(lines, Files.readAllLines(serverKeys).stream().sorted().toList(), "the same secrets");
        List<String> labels = new ArrayList<>();
        for (String line : lines) {
            assertTrue(line.matches("[A-Z_0]+ [0-9a-f]{64} [0-9a-f]{64}([0-9a-f]{32})?"), line);
            labels.add(line.split(" ")[0]);
            assertEquals(lines.get(0).split(" ")[1], line.split(" ")[1], "one connection, one client random");
        }
        assertEquals(version.equals("1.2") ? List.of("CLIENT_RANDOM") : TLS13_LABELS,
                labels.stream().sorted().toList());
        for (Path keys : List.of(clientKeys, serverKeys)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)),
                    keys + " decrypts the traffic: its owner's only");
        }
    }

    @Test
    void everyConnectionIsAppendedToWhatTheFileHeld() throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), "# an earlier session\n");
        try (Background server = Interop.tlskitInBackground("server", "-p", "0", "-C", "2", "-v", "1.2",
                "--keylog", keys.toString())) {
            String port = String.valueOf(server.port());
            for (int i = 0; i < 2; i++) {
                Run r = tlskit("client", "-h", "127.0.0.1", "-p", port);
                assertEquals(0, r.exitCode(), r::describe);
            }
            assertEquals(0, server.await(Interop.RUN_LIMIT).exitCode());
        }
        List<String> lines = Files.readAllLines(keys);
        assertEquals(3, lines.size(), lines::toString);
        assertEquals("# an earlier session", lines.get(0));
        assertTrue(lines.get(1).startsWith("CLIENT_RANDOM ") && lines.get(2).startsWith("CLIENT_RANDOM "),
                lines::toString);
        assertNotEquals(lines.get(1).split(" ")[1], lines.get(2).split(" ")[1], "two connections, two randoms");
    }

    /**
     * The echoserver's event loop runs many handshakes on one thread ({@code --loops 1}), and the key log follows
     * each connection's secrets through thread-confined state: handshakes at once must each log exactly their own
     * five lines.
     */
    @Test
    void concurrentEchoclientsAndTheEchoserverLogTheSameSecrets() throws Exception {
        int clients = 8;
        Path serverKeys = dir.resolve("server.keys");
        Path clientKeys = dir.resolve("clients.keys");
        Path lines = Files.writeString(dir.resolve("lines.txt"), "hello\n");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (Background server = Interop.tlskitInBackground("echoserver", "-p", "0", "--loops", "1", "--keylog",
                serverKeys.toString())) {
            String port = String.valueOf(server.port());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Run>> runs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return tlskit("echoclient", "-h", "127.0.0.1", "-p", port, "--keylog", clientKeys.toString(),
                            "--file", lines.toString());
                }));
            }
            go.countDown();
            for (Future<Run> f : runs) {
                Run r = f.get(Interop.RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
                assertEquals(0, r.exitCode(), r::describe);
                assertEquals("hello\n", r.out(), r::describe);
            }
            Run quit = tlskit("echoclient", "-h", "127.0.0.1", "-p", port, "--file",
                    Files.writeString(dir.resolve("quit.txt"), "quit\n").toString());
            assertEquals(0, quit.exitCode(), quit::describe);
            assertEquals(0, server.await(Interop.RUN_LIMIT).exitCode());
        } finally {
            pool.shutdownNow();
        }
        List<String> server = Files.readAllLines(serverKeys);
        List<String> client = Files.readAllLines(clientKeys);
        // the quitting client logged nothing of its own: the server's log has its five lines more
        assertEquals(clients * TLS13_LABELS.size(), client.size(), client::toString);
        assertEquals((clients + 1) * TLS13_LABELS.size(), server.size(), server::toString);
        assertTrue(server.containsAll(client), "every client's secrets, as the server logged them");
        Map<String, List<String>> byRandom = server.stream().collect(Collectors.groupingBy(l -> l.split(" ")[1],
                Collectors.mapping(l -> l.split(" ")[0], Collectors.toList())));
        assertEquals(clients + 1, byRandom.size(), "one client random per connection: " + byRandom.keySet());
        byRandom.values().forEach(labels -> assertEquals(TLS13_LABELS, labels.stream().sorted().toList()));
    }

    // ---------------------------------------------------------------- plumbing

    /** {@code command} with what it needs to get as far as its TLS flags, then {@code more}. */
    private static String[] args(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command));
        switch (command) {
            case "server", "echoserver" -> args.addAll(List.of("-p", "0"));
            case "chat" -> args.addAll(List.of("--listen", "-p", "0"));
            default -> args.addAll(List.of("-h", "127.0.0.1", "-p", "1"));
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /**
     * The one {@code tlskit: error:} line, which must be all of stderr but for the servers' demo-certificate
     * notice.
     */
    private static String onlyError(Run r) {
        // a usage error comes alone: not even the demo-certificate notice before it
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r::describe);
        assertTrue(lines.get(0).startsWith("tlskit: error: "), r::describe);
        return lines.get(0);
    }
}
