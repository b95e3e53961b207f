package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop.Background;
import dev.tlskit.cli.interop.Interop.Result;
import dev.tlskit.cli.interop.Interop.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tlskit against GnuTLS: {@code gnutls-cli} → tlskit server, and tlskit client → {@code gnutls-serv}.
 *
 * <p>Peer behaviour these tests rely on (checked with GnuTLS 3.7.9):
 * <ul>
 *   <li>GnuTLS refuses the demo EC keys as {@code DemoMaterial} writes them (PKCS#8 whose ECPrivateKey lacks the
 *       public key): "ASN1 parser: Element was not found". The exchanges use an {@code openssl ec} rewrite of the
 *       key; {@link #gnutlsLoadsTheDemoEcKeysAsWritten} pins the defect itself.</li>
 *   <li>{@code gnutls-serv} cannot bind loopback only: it runs in a fresh network namespace
 *       ({@code unshare -n}, {@code ip link set lo up}), and the tlskit client runs in the same namespace, as a
 *       separate JVM from the test classpath. The script polls with bash's {@code /dev/tcp} until gnutls-serv
 *       accepts (gnutls-serv shrugs off the empty probe connection).</li>
 *   <li>{@code gnutls-serv --echo} echoes a line once it has its newline: the client sends {@code -m "text\n"}.</li>
 *   <li>{@code gnutls-cli} sends what it reads on stdin, and at stdin's EOF still prints what the server answers
 *       before the server closes.</li>
 * </ul>
 */
class GnuTlsInteropTest extends DemoPeers {
    private static final String REPLY = "I hear you fa shizzle!";

    // ------------------------------------------------------------------ gnutls-cli → tlskit server

    @ParameterizedTest(name = "TLS {0}, provider {1}")
    @MethodSource("everyVersionOnEveryProvider")
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void gnutlsCliCompletesMutualAuthWithServer(String version, String provider) throws Exception {
        Interop.requireBinary("gnutls-cli");
        try (Background server = Interop.tlskitInBackground("server", "-p", "0", "--provider", provider,
                "-c", dir.resolve("server.pem").toString(), "-k", dir.resolve("server.key").toString(),
                "-A", dir.resolve("ca.pem").toString())) {
            int port = server.port();

            Result c = Interop.run(dir, "hello from gnutls".getBytes(StandardCharsets.UTF_8), Interop.RUN_LIMIT,
                    "gnutls-cli", "--priority", "NORMAL:-VERS-ALL:+VERS-TLS" + version, "--x509cafile", "ca.pem",
                    "--x509certfile", "client.pem", "--x509keyfile", "client.key", "--port", String.valueOf(port),
                    "localhost");
            Run s = server.await(Interop.RUN_LIMIT);

            assertEquals(0, c.exitCode(), c.output());
            assertTrue(c.output().contains(REPLY), c.output());
            assertTrue(c.output().contains("(TLS" + version + "-X.509)"), c.output());
            assertEquals(0, s.exitCode(), s::describe);
            assertTrue(s.out().contains("SSL version is TLSv" + version + "\n"), s::describe);
            assertTrue(s.out().contains("Client message: hello from gnutls\n"), s::describe);
        }
    }

    // ------------------------------------------------------------------ tlskit client → gnutls-serv (namespace)

    @ParameterizedTest(name = "TLS {0}, provider {1}")
    @CsvSource({"1.2, jdk", "1.3, jdk", "1.3, bc", "1.2, boringssl", "1.3, boringssl"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void clientCompletesMutualAuthWithGnutlsServ(String version, String provider) throws Exception {
        Interop.requireBinary("gnutls-serv");
        Interop.requireBinary("unshare");
        Interop.requireBinary("ip");
        Path log = dir.resolve("gnutls-serv-" + version + "-" + provider + ".log");
        int port = Interop.freePort(); // the namespace is empty; any port would do
        List<String> gnutlsServ = List.of("gnutls-serv", "--echo", "--port", String.valueOf(port),
                "--x509cafile", "ca.pem", "--x509certfile", "server.pem", "--x509keyfile", "server.key",
                "--require-client-cert", "--verify-client-cert");
        List<String> client = Interop.tlskitCommand("client", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-A", "ca.pem", "-c", "client.pem", "-k", "client.key", "-v", version, "--provider", provider,
                "-m", "hello gnutls-serv\n");
        String script = String.join("\n",
                "ip link set lo up || exit 97",
                Interop.sh(gnutlsServ) + " >" + Interop.sh(log.toString()) + " 2>&1 &",
                "GS=$!",
                "trap 'kill $GS 2>/dev/null' EXIT",
                "i=0",
                "until (exec 3<>/dev/tcp/127.0.0.1/" + port + ") 2>/dev/null; do",
                "  i=$((i+1)); if [ $i -gt 400 ]; then echo 'gnutls-serv never listened' >&2; exit 98; fi",
                "  kill -0 $GS 2>/dev/null || { echo 'gnutls-serv exited' >&2; exit 99; }",
                "  sleep 0.025",
                "done",
                Interop.sh(client),
                "");
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "bash", "-c", script));

        Result r = Interop.run(dir, null, Interop.RUN_LIMIT, cmd);
        String serverLog = Files.exists(log) ? Files.readString(log) : "(no log)";
        Interop.requireOr(r.exitCode() != 97, "cannot create a network namespace here: " + r.output());

        String why = r.output() + "\n--- gnutls-serv:\n" + serverLog;
        assertEquals(0, r.exitCode(), why);
        assertTrue(r.output().contains("SSL version is TLSv" + version + "\n"), why);
        assertTrue(r.output().contains("SSL curve name is X25519\n"), why);
        assertTrue(r.output().contains("hello gnutls-serv"), "gnutls-serv --echo's answer\n" + why);
        assertTrue(serverLog.contains("The certificate is trusted"), "gnutls-serv verified tlskit's certificate\n"
                + why);
        assertTrue(serverLog.contains("(TLS" + version + "-X.509)"), why);
    }

    // ------------------------------------------------------------------ tlskit defect

    /**
     * {@code DemoMaterial.writeTo} (whose javadoc names gnutls as a consumer) must write EC keys whose ECPrivateKey
     * carries the publicKey (RFC 5915 section 3: implementations MUST include it); without it GnuTLS 3.7 refuses the
     * key ("import error: ASN1 parser: Element was not found").
     */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void gnutlsLoadsTheDemoEcKeysAsWritten() throws Exception {
        Interop.requireBinary("certtool");
        for (String key : List.of("server.key", "client.key")) {
            Result r = Interop.run(dir, null, Interop.RUN_LIMIT, "certtool", "--key-info", "--infile", key);
            assertEquals(0, r.exitCode(), key + " as DemoMaterial.writeTo wrote it:\n" + r.output());
        }
    }
}
