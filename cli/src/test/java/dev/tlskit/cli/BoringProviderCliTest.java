package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --provider boringssl} on the client and the server, its refusals, and what it costs a run that skips it. */
@Timeout(60)
class BoringProviderCliTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @ParameterizedTest(name = "client {0} -> server {1}, -v {2}")
    @CsvSource({"boringssl, boringssl, 1.3, X25519MLKEM768", "boringssl, boringssl, 1.2, X25519",
        "boringssl, jdk, 1.3, X25519", "jdk, boringssl, 1.3, X25519", "boringssl, bc, 1.3, X25519MLKEM768",
        "bc, boringssl, 1.2, X25519"})
    void seedExchangeAcrossProviders(String clientProvider, String serverProvider, String version, String curve)
            throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "--provider", serverProvider);
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-v", version,
                "--provider", clientProvider);
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(0, client.exitCode(), client.err());
        assertEquals(0, s.exitCode(), s.err());
        List<String> lines = client.out().lines().toList();
        assertEquals("SSL version is TLSv" + version, lines.get(0));
        assertEquals("SSL curve name is " + curve, lines.get(2));
        assertEquals("I hear you fa shizzle!", lines.get(3));
        assertTrue(s.out().contains("Client message: hello wolfssl!"), s.out());
    }

    @Test
    void resumesAndShowsCertificatesAndMeetsExpectations() {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "--provider", "boringssl", "-C", "2");
        Tlskit.Result client;
        try {
            client = Tlskit.run("client", "-p", String.valueOf(server.port()), "--provider", "boringssl", "-r",
                    "--show-certs", "--expect-group", "X25519MLKEM768", "--expect-version", "1.3", "--expect-resumed");
            server.await(LIMIT);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(0, client.exitCode(), client.err());
        assertTrue((client.out() + client.err()).contains("CN=tlskit"), "--show-certs: " + client.out() + client.err());
    }

    @Test
    void dtlsWithBoringSslIsAUsageErrorInOneLine() {
        Tlskit.Result r = Tlskit.run("client", "-u", "--provider", "boringssl", "-p", "1");
        assertEquals(ExitCode.USAGE, r.exitCode());
        assertEquals(List.of("tlskit: error: DTLS needs the jdk provider (tlskit runs the boringssl provider for TLS"
                + " only)"), r.err().lines().toList());
    }

    @Test
    void anUnknownProviderNamesAllThree() {
        Tlskit.Result r = Tlskit.run("client", "--provider", "openssl", "-p", "1");
        assertEquals(ExitCode.USAGE, r.exitCode());
        assertTrue(r.err().contains("(use jdk, bc or boringssl)"), r.err());
    }

    @Test
    void keyLogOnBoringSslWritesTheSecretsOfBothSides(@TempDir Path dir) throws Exception {
        Path serverKeys = dir.resolve("server.keys");
        Path clientKeys = dir.resolve("client.keys");
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "--provider", "boringssl", "--keylog",
                serverKeys.toString());
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "--provider", "boringssl",
                "--keylog", clientKeys.toString());
        Tlskit.Result s = server.await(LIMIT);
        assertEquals(0, client.exitCode(), client.err());
        assertEquals(0, s.exitCode(), s.err());
        assertFalse(client.err().contains("(bc provider)"), client.err());
        List<String> lines = Files.readAllLines(clientKeys, StandardCharsets.US_ASCII);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("CLIENT_TRAFFIC_SECRET_0 ")), lines.toString());
        assertEquals(List.copyOf(new java.util.TreeSet<>(lines)),
                List.copyOf(new java.util.TreeSet<>(Files.readAllLines(serverKeys, StandardCharsets.US_ASCII))));
    }

    @Test
    void whereTheNativeLibraryCannotLoadBoringSslIsRefusedInOneLineNamingThePlatform() throws Exception {
        // Netty's own switch makes OpenSsl unavailable, as a platform without a tcnative build would.
        Tlskit.Result r = Tlskit.subprocess(List.of("-Dio.netty.handler.ssl.noOpenSsl=true"), "client", "-p", "1",
                "--provider", "boringssl");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("tlskit: error: the boringssl provider cannot load on linux-"), lines.get(0));
        assertTrue(lines.get(0).endsWith("the jdk and bc providers work here"), lines.get(0));
    }

    @Test
    void aJdkClientLoadsNoNettyClass(@TempDir Path dir) throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0");
        Path classes = dir.resolve("classes.log");
        Tlskit.Result client = Tlskit.subprocess(List.of("-Xlog:class+load=info:file=" + classes), "client", "-p",
                String.valueOf(server.port()));
        server.await(LIMIT);
        assertEquals(0, client.exitCode(), client.err());
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("dev.tlskit.engine.TlsContext"), "the log lists tlskit's classes");
        assertFalse(loaded.contains("io.netty."), "a jdk run loads no Netty class");
    }
}
