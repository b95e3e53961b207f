package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DTLS 1.2 ({@code -u}) through the CLI: tlskit ↔ tlskit over IPv4 and IPv6, echo with a 64 KiB line, OpenSSL in
 * both directions, gnutls-cli -u, and the DTLS usage errors. OpenSSL's s_server refuses {@code -rev} and {@code -www} with DTLS,
 * so the tlskit client's reply comes from s_server's stdin, written once the client's message has arrived.
 */
@Timeout(60)
class DtlsInteropTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void clientAndServerOverDtlsWithMutualAuthOnIpv4() throws Exception {
        try (Interop.Background server = Interop.tlskitInBackground("server", "-u", "-p", "0")) {
            Interop.Run client = Interop.tlskit("client", "-u", "-p", String.valueOf(server.port()));
            assertEquals(0, client.exitCode(), client::describe);
            assertEquals("SSL version is DTLSv1.2", client.out().lines().findFirst().orElse(""));
            assertTrue(client.out().contains("I hear you fa shizzle!"), client::describe);
            Interop.Run s = server.await(LIMIT);
            assertEquals(0, s.exitCode(), s::describe);
            assertTrue(s.out().contains("Client message: hello wolfssl!"), s::describe);
            assertTrue(s.err().contains("DTLS over UDP, client certificate required"), s::describe);
        }
    }

    @Test
    void clientAndServerOverDtlsOnIpv6WithJson() throws Exception {
        Interop.requireIpv6Loopback();
        try (Interop.Background server = Interop.tlskitInBackground("server", "-u", "--bind", "::1", "-p", "0")) {
            Interop.Run client = Interop.tlskit("client", "-u", "-h", "::1", "-p", String.valueOf(server.port()),
                    "--json");
            assertEquals(0, client.exitCode(), client::describe);
            Object doc = Interop.parseJson(client.out());
            assertEquals("DTLSv1.2", Interop.at(doc, "handshake", "protocol"));
            assertEquals("verified", Interop.at(doc, "handshake", "verification"));
            assertEquals("CN=localhost", Interop.at(doc, "handshake", "peerChain", 0, "subject"));
            assertEquals(0, server.await(LIMIT).exitCode());
        }
    }

    @Test
    void echoOverDtlsCarriesA64KibLineSplitToTheMtu() throws Exception {
        String big = "x".repeat(64 * 1024);
        Path input = Files.writeString(dir.resolve("lines.txt"), "hello\n" + big + "\nquit\n");
        try (Interop.Background server = Interop.tlskitInBackground("echoserver", "-u", "-p", "0", "--quiet")) {
            int port = server.port();
            Interop.Run client = Interop.tlskit("echoclient", "-u", "-p", String.valueOf(port), "--mtu", "1200",
                    "--file", input.toString());
            assertEquals(0, client.exitCode(), client::describe);
            assertEquals("hello\n" + big + "\nsending server shutdown command: quit!\n", client.out());
            Interop.Run s = server.await(LIMIT);
            assertEquals(0, s.exitCode(), s::describe);
            assertTrue(s.out().contains("client sent quit command: shutting down!"), s::describe);
        }
    }

    @Test
    void tlskitClientToOpensslDtlsServer() throws Exception {
        Interop.requireBinary("openssl");
        Path demo = Interop.demo(dir);
        try (Interop.Peer openssl = Interop.startWithOpenStdin(demo, List.of("openssl", "s_server", "-dtls1_2",
                "-accept", "127.0.0.1:0", "-cert", "server.pem", "-key", "server.key", "-CAfile", "ca.pem", "-Verify",
                "1"));
                Interop.Background client = Interop.tlskitInBackground("client", "-u", "-p",
                        openssl.await(Interop.S_SERVER_ACCEPT, LIMIT).group(1))) {
            openssl.await(Pattern.compile("hello wolfssl!"), LIMIT);
            openssl.write("I hear you, openssl\n");
            openssl.closeInput();
            Interop.Run c = client.await(LIMIT);
            assertEquals(0, c.exitCode(), c::describe);
            assertTrue(c.out().startsWith("SSL version is DTLSv1.2\n"), c::describe);
            assertTrue(c.out().contains("I hear you, openssl"), c::describe);
        }
    }

    @Test
    void opensslDtlsClientToTlskitServer() throws Exception {
        Interop.requireBinary("openssl");
        Path demo = Interop.demo(dir);
        try (Interop.Background server = Interop.tlskitInBackground("server", "-u", "-p", "0")) {
            Interop.Result r = Interop.run(demo, "hello from openssl".getBytes(StandardCharsets.US_ASCII), LIMIT,
                    "openssl", "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + server.port(),
                    "-cert", "client.pem", "-key", "client.key", "-CAfile", "ca.pem", "-verify_return_error",
                    "-ign_eof");
            assertTrue(r.output().contains("I hear you fa shizzle!"), r.output());
            Interop.Run s = server.await(LIMIT);
            assertEquals(0, s.exitCode(), s::describe);
            assertTrue(s.out().contains("SSL version is DTLSv1.2"), s::describe);
            assertTrue(s.out().contains("Client message: hello from openssl"), s::describe);
        }
    }

    @Test
    void gnutlsDtlsClientToTlskitServer() throws Exception {
        Interop.requireBinary("gnutls-cli");
        Path demo = Interop.demo(dir);
        try (Interop.Background server = Interop.tlskitInBackground("server", "-u", "-p", "0")) {
            Interop.Result r = Interop.run(demo, "hi from gnutls\n".getBytes(StandardCharsets.US_ASCII), LIMIT,
                    "gnutls-cli", "-u", "--port=" + server.port(), "--x509cafile=ca.pem",
                    "--x509certfile=client.pem", "--x509keyfile=client.key", "localhost");
            assertTrue(r.output().contains("I hear you fa shizzle!"), r.output());
            Interop.Run s = server.await(LIMIT);
            assertEquals(0, s.exitCode(), s::describe);
            assertTrue(s.out().contains("SSL version is DTLSv1.2"), s::describe);
            assertTrue(s.out().contains("Client message: hi from gnutls"), s::describe);
        }
    }

    @Test
    void dtlsUsageErrorsExitTwo() {
        for (List<String> args : List.of(
                List.of("client", "-u", "--provider", "bc"),
                List.of("client", "-u", "-v", "1.3"),
                List.of("client", "--mtu", "1000"),
                List.of("client", "-u", "--mtu", "10"),
                List.of("echoserver", "-u", "--loops", "2"))) {
            Interop.Run r = Interop.tlskit(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), args + ": " + r.describe());
            assertTrue(r.err().startsWith("tlskit: error: "), r::describe);
            assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.describe());
        }
    }

    @Test
    void unreachableDtlsPeerFailsWithExitOneAfterTheTimeout() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = s.getLocalPort();
        }
        Interop.Run r = Interop.tlskit("client", "-u", "-h", "127.0.0.1", "-p", String.valueOf(port), "--timeout", "1");
        assertEquals(1, r.exitCode(), r::describe);
        assertTrue(r.err().startsWith("tlskit: error: 127.0.0.1:" + port + ": "), r::describe);
    }
}
