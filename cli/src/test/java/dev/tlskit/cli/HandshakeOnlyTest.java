package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code client --handshake-only}: the handshake, its checks and a clean close; nothing sent. */
@Timeout(60)
class HandshakeOnlyTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-g", "-m=hi"})
    void conflictsWithWhatWouldBeSent(String flag) {
        Tlskit.Result r = Tlskit.run("client", "--handshake-only", flag);

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("tlskit: error: --handshake-only and " + flag.replace("=hi", "")
                + " conflict"), r.err());
    }

    @Test
    void serverSeesAHandshakeAndACleanCloseWithoutAMessage() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "--json");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "--handshake-only",
                "--json", "--expect-client-auth");
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.out().contains("\"name\":\"clientAuth\",\"expected\":\"requested\""), client.out());
        assertFalse(client.out().contains("\"sent\":"), client.out());
        assertTrue(s.out().contains("\"handshake\""), s.out());
        assertFalse(s.out().contains("hello wolfssl"), s.out());
    }

    @Test
    void resumesWithoutSending() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-C", "2", "-v", "1.2");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-v", "1.2",
                "--handshake-only", "-r", "--expect-resumed");
        server.await(LIMIT);

        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.out().contains("reused session id"), client.out());
    }

    @Test
    void tls13ServerRejectingOurMissingCertificateIsReportedWithTheHandshake() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-v", "1.3");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-x", "--handshake-only",
                "--json");
        server.await(LIMIT);

        assertEquals(4, client.exitCode(), client.err() + client.out());
        assertTrue(client.out().contains("\"protocol\":\"TLSv1.3\""), client.out());
        assertTrue(client.out().contains("\"error\":{\"exitCode\":4"), client.out());
    }
}
