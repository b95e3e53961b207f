package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code client --starttls postgres} against PostgreSQL (Debian's postgresql 15): a cluster made by
 * {@code initdb} in a temporary directory, {@code ssl = on} with the demo certificate, listening on 127.0.0.1 and
 * a free port, its Unix socket in the same directory. initdb refuses root, so as root it runs as the postgres
 * user (setpriv) in a directory that user owns. "Not offered" is the same server after {@code ssl = off} and a
 * reload (SIGHUP): PostgreSQL then answers the SSLRequest with 'N'.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresStartTlsTest {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    @TempDir
    static Path dir;

    /** One server on tlsPort: "not offered" is the same one after ssl = off. */
    private static StartTlsServer postgres;
    private static Interop.Peer server;
    private static Path data;

    @BeforeAll
    static void startPostgres() throws Exception {
        Interop.requireBinary("openssl");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path initdb = Files.isExecutable(BIN.resolve("initdb")) ? BIN.resolve("initdb") : Path.of("initdb");
        if (!Files.isExecutable(initdb)) {
            Interop.requireBinary("initdb");
        }
        Path own = root ? StartTlsServers.certificates(dir, "postgres") : certificatesAsUs();
        postgres = new StartTlsServer("postgres", dir, own);
        int port = postgres.tlsPort;
        data = own.resolve("data");
        long start = System.nanoTime();
        Interop.Result init = Interop.run(own, null, Duration.ofSeconds(40), asPostgres(root,
                initdb.toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres", "--no-sync",
                "--no-instructions"));
        assertEquals(0, init.exitCode(), init.output());
        System.err.printf("starttls test server postgres: initdb %.2f s%n", (System.nanoTime() - start) / 1e9);
        Files.writeString(data.resolve("postgresql.conf"), "\nlisten_addresses = '127.0.0.1'\nport = " + port
                + "\nunix_socket_directories = '" + own + "'\nfsync = off\nssl_cert_file = '"
                + own.resolve("server.pem") + "'\nssl_key_file = '" + own.resolve("server.key") + "'\nssl = on\n",
                java.nio.file.StandardOpenOption.APPEND);
        server = postgres.daemon("tls", own, Pattern.compile("ready to accept connections"),
                asPostgres(root, initdb.resolveSibling("postgres").toString(), "-D", data.toString()));
    }

    @AfterAll
    static void stopPostgres() {
        StartTlsServer.stop(postgres);
    }

    @Test
    void upgradesVerifiesAndAgreesWithOpenSsl() throws Exception {
        Object json = postgres.upgradesLikeOpenSsl("postgres");
        assertEquals("SSLRequest", Interop.at(json, "starttls", "prelude", 0, "text"));
        assertEquals("S (TLS accepted)", Interop.at(json, "starttls", "prelude", 1, "text"));
    }

    @Test
    void quitSendsNothingBeforeTheStartupMessageAndClosesCleanly() {
        assertEquals(List.of(), postgres.quits("postgres", null));
    }

    @Test
    void handshakeOnlyWithTextOutputPrintsTheSeedLines() {
        Interop.Run run = postgres.client("postgres", postgres.tlsPort, "--handshake-only");
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.out().startsWith("SSL version is TLSv1.3\nSSL cipher suite is "), run.describe());
    }

    @Test
    void withSslOffTheServerAnswersNAndTlskitSaysNotOffered() throws Exception {
        reload("off");
        try {
            assertEquals("tlskit: error: localhost:" + postgres.tlsPort + ": postgres: the server does not offer TLS:"
                    + " it answered SSLRequest with 'N'",
                    StartTlsServers.notOffered(dir, "postgres", postgres.tlsPort));
        } finally {
            reload("on");
        }
    }

    /** Appends {@code ssl = VALUE} (the last setting wins) and reloads; waits for the server to log the change. */
    private static void reload(String value) throws Exception {
        Files.writeString(data.resolve("postgresql.conf"), "ssl = " + value + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        long before = server.output().split("parameter \"ssl\" changed to \"" + value + "\"", -1).length;
        Interop.Result hup = Interop.run(dir, null, Duration.ofSeconds(10), "kill", "-HUP",
                Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        assertEquals(0, hup.exitCode(), hup.output());
        Pattern changed = Pattern.compile("(?s)(.*parameter \"ssl\" changed to \"" + value + "\"){" + before + "}");
        server.await(changed, Duration.ofSeconds(20));
    }

    private static Path certificatesAsUs() throws Exception {
        Interop.demo(dir);
        Path own = Files.createDirectories(dir.resolve("postgres"));
        Files.copy(dir.resolve("server.pem"), own.resolve("server.pem"));
        Files.copy(dir.resolve("server.key"), own.resolve("server.key"));
        return own;
    }

    private static List<String> asPostgres(boolean root, String... command) {
        List<String> cmd = new ArrayList<>();
        if (root) {
            // setpriv execs the command (runuser stays as a parent that delays SIGTERM by its 2 s grace period)
            cmd.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
        }
        cmd.addAll(List.of(command));
        return cmd;
    }
}
