package dev.tlskit.cli.interop;

import static dev.tlskit.cli.interop.Interop.tlskit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop.Background;
import dev.tlskit.cli.interop.Interop.Peer;
import dev.tlskit.cli.interop.Interop.Result;
import dev.tlskit.cli.interop.Interop.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our key log against OpenSSL's own ({@code -keylogfile}) for the same connection: both ends derive the same
 * secrets, so the two files must hold the same lines (OpenSSL's starts with a comment line). This checks every
 * label, the exporter secret included, which no record of the connection uses.
 */
class KeyLogInteropTest {
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT \\S*:(\\d+)");
    private static final Set<String> TLS13_LABELS = Set.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET");

    @TempDir
    static Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void material() {
        Interop.demo(dir);
    }

    @BeforeEach
    void openssl() {
        Interop.requireBinary("openssl");
    }

    @AfterEach
    void destroyPeers() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        cleanup.clear();
    }

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void clientLogsTheSecretsSServerLogs(String version) throws Exception {
        Path ours = dir.resolve("client-" + version + ".keys");
        Path theirs = dir.resolve("s_server-" + version + ".keys");
        Peer s = Interop.start(dir, null, "openssl", "s_server", "-accept", "127.0.0.1:0", "-rev", "-cert",
                "server.pem", "-key", "server.key", "-CAfile", "ca.pem", "-Verify", "1", "-verify_return_error",
                "-keylogfile", theirs.toString());
        cleanup.add(s);
        int port = Integer.parseInt(s.await(ACCEPT, Interop.PEER_START).group(1));

        Run r = tlskit("client", "-h", "127.0.0.1", "-p", String.valueOf(port), "-A", dir.resolve("ca.pem").toString(),
                "-c", dir.resolve("client.pem").toString(), "-k", dir.resolve("client.key").toString(), "-v", version,
                "--keylog", ours.toString(), "-m", "hello openssl\n");

        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.out().contains("lssnepo olleh"), r::describe);
        assertTrue(r.err().contains("--keylog " + ours + ": writing TLS secrets (bc provider)"), r::describe);
        assertSameSecrets(version, ours, theirs);
    }

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void serverLogsTheSecretsSClientLogs(String version) throws Exception {
        Path ours = dir.resolve("server-" + version + ".keys");
        Path theirs = dir.resolve("s_client-" + version + ".keys");
        Background server = Interop.tlskitInBackground("server", "-p", "0", "-c", dir.resolve("server.pem").toString(),
                "-k", dir.resolve("server.key").toString(), "-A", dir.resolve("ca.pem").toString(),
                "--keylog", ours.toString());
        cleanup.add(server);
        int port = server.port();

        Result c = Interop.run(dir, "hello from openssl".getBytes(StandardCharsets.UTF_8), Interop.RUN_LIMIT,
                "openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-cert",
                "client.pem", "-key", "client.key", "-CAfile", "ca.pem", "-verify_return_error", "-ign_eof",
                version.equals("1.2") ? "-tls1_2" : "-tls1_3", "-keylogfile", theirs.toString());
        Run s = server.await(Interop.RUN_LIMIT);

        assertEquals(0, c.exitCode(), c.output());
        assertEquals(0, s.exitCode(), s::describe);
        assertTrue(s.out().contains("Client message: hello from openssl\n"), s::describe);
        assertSameSecrets(version, ours, theirs);
    }

    private static void assertSameSecrets(String version, Path ours, Path theirs) throws IOException {
        Set<String> mine = lines(ours);
        Set<String> openssl = lines(theirs);
        Set<String> labels = new TreeSet<>();
        mine.forEach(l -> labels.add(l.substring(0, l.indexOf(' '))));
        assertEquals(version.equals("1.2") ? Set.of("CLIENT_RANDOM") : TLS13_LABELS, labels, String.join("\n", mine));
        assertEquals(openssl, mine, "OpenSSL's key log and ours, for the same connection");
    }

    /** The key log's lines, hex in lower case (OpenSSL's comment line dropped). */
    private static Set<String> lines(Path keyLog) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String l : Files.readAllLines(keyLog, StandardCharsets.US_ASCII)) {
            if (!l.isBlank() && !l.startsWith("#")) {
                int space = l.indexOf(' ');
                out.add(l.substring(0, space) + l.substring(space).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
