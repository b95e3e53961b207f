package dev.tlskit.cli.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.cli.Tlskit;
import dev.tlskit.cli.Tlskit.Result;
import dev.tlskit.cli.echo.Echo.Server;
import dev.tlskit.cli.interop.Interop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real peers: {@code openssl s_client} and {@code gnutls-cli} → echoserver; echoclient → {@code openssl s_server
 * -rev} and {@code gnutls-serv --echo}.
 *
 * <p>Peer behaviour relied on (OpenSSL 3.0, GnuTLS 3.7): {@code s_client -quiet} implies {@code -ign_eof}, so it
 * stays connected after its stdin ends until the server closes: the input ends with a {@code break} line, which
 * makes echoserver close that session. {@code -crlf} turns every \n into \r\n, so {@code break\r\n} is tested too.
 * {@code gnutls-cli} at stdin's EOF still prints what the server answers before it closes. {@code s_server -rev}
 * answers each complete line reversed, with \n. {@code gnutls-serv} cannot bind loopback only: it runs in a fresh
 * network namespace with the echoclient (a separate JVM).
 */
class EchoInteropTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void material() {
        DemoMaterial.writeTo(dir);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-quiet", "-crlf"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void opensslClientGetsItsLinesBackAndBreakEndsItsSession(String flag) throws Exception {
        Interop.requireBinary("openssl");
        try (Server server = new Server("echoserver", "-p", "0")) {
            List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
                    "-CAfile", "ca.pem", "-verify_return_error", "-verify_hostname", "localhost", "-quiet"));
            if (!flag.equals("-quiet")) {
                cmd.add(flag);
            }
            String eol = flag.equals("-crlf") ? "\r\n" : "\n";
            try (Interop.Peer client = Interop.start(dir,
                    "hello from openssl\nsecond line\nbreak\n".getBytes(StandardCharsets.UTF_8), false, cmd)) {
                int code = client.waitFor(Echo.LIMIT).exitCode();
                assertEquals(0, code, client.stderr());
                assertEquals("hello from openssl" + eol + "second line" + eol, client.output(), client.stderr());
            }
            server.awaitOut(Pattern.compile("client sent break command: closing session!"));
            assertFalse(server.exited());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void gnutlsCliGetsItsLinesBack() throws Exception {
        Interop.requireBinary("gnutls-cli");
        try (Server server = new Server("echoserver", "-p", "0")) {
            try (Interop.Peer client = Interop.start(dir, "hello from gnutls\nline two\n".getBytes(
                    StandardCharsets.UTF_8), "gnutls-cli", "--x509cafile", "ca.pem", "--port",
                    String.valueOf(server.port()), "localhost")) {
                int code = client.waitFor(Echo.LIMIT).exitCode();
                assertEquals(0, code, client.output());
                assertTrue(client.output().contains("hello from gnutls\nline two\n"), client.output());
            }
            Result quit = Tlskit.run("echoclient", "-p", String.valueOf(server.port()), "--file",
                    Echo.lines(dir, "quit.txt", "quit").toString());
            assertEquals(0, quit.exitCode(), quit::describe);
            Result s = server.await();
            assertEquals(0, s.exitCode(), s::describe);
            assertTrue(s.out().startsWith("hello from gnutls\nline two\n"), s::describe);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void echoclientAgainstOpensslServerRevPrintsTheReversedLines() throws Exception {
        Interop.requireBinary("openssl");
        try (Interop.Peer server = Interop.start(dir, null, "openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", "server.pem", "-key", "server.key", "-rev")) {
            Matcher m = server.await(Interop.S_SERVER_ACCEPT, Echo.LIMIT);
            Result client = Tlskit.run("echoclient", "-p", m.group(1), "--file",
                    Echo.lines(dir, "rev.txt", "hello", "Hi Server, I'm echoClient!").toString());

            assertEquals(0, client.exitCode(), client.describe() + "\n--- s_server:\n" + server.output());
            assertEquals("olleh\n!tneilCohce m'I ,revreS iH\n", client.out());
            assertEquals("", client.err());
        }
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void echoclientAgainstGnutlsServEcho() throws Exception {
        Interop.requireBinary("gnutls-serv");
        Interop.requireBinary("unshare");
        Interop.requireBinary("ip");
        int port = 11111; // the namespace is empty: the default port is free
        List<String> gnutlsServ = List.of("gnutls-serv", "--echo", "--port", String.valueOf(port),
                "--x509certfile", "server.pem", "--x509keyfile", "server.key");
        List<String> client = Interop.tlskitCommand("echoclient", "-h", "127.0.0.1");
        String script = String.join("\n",
                "ip link set lo up || exit 97",
                sh(gnutlsServ) + " >gnutls-serv-echo.log 2>&1 </dev/null &",
                "GS=$!",
                "trap 'kill $GS 2>/dev/null' EXIT",
                "i=0",
                "until (exec 3<>/dev/tcp/127.0.0.1/" + port + ") 2>/dev/null; do",
                "  i=$((i+1)); if [ $i -gt 400 ]; then echo 'gnutls-serv never listened' >&2; exit 98; fi",
                "  kill -0 $GS 2>/dev/null || { echo 'gnutls-serv exited' >&2; cat gnutls-serv-echo.log >&2; exit 99; }",
                "  sleep 0.025", // polling a process in another namespace; no test thread sleeps
                "done",
                "printf 'hello gnutls-serv\\nsecond\\n' | " + sh(client),
                "");
        try (Interop.Peer run = Interop.start(dir, null, false, List.of("unshare", "-n", "bash", "-c", script))) {
            int code = run.waitFor(Echo.LIMIT).exitCode();
            Interop.requireOr(code != 97, "cannot create a network namespace here: " + run.stderr());
            assertEquals(0, code, run.output() + "\n--- stderr:\n" + run.stderr());
            assertEquals("hello gnutls-serv\nsecond\n", run.output(), run.stderr());
        }
    }

    private static String sh(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            b.append(b.length() == 0 ? "" : " ").append("'").append(w.replace("'", "'\\''")).append("'");
        }
        return b.toString();
    }
}
