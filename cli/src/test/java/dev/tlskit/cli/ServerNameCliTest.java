package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.DemoMaterial;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code -S}: the name a client sends is the name it verifies; a server given one refuses clients without it. */
@Timeout(60)
class ServerNameCliTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String DEMO_NAMES = "certificate names localhost, 127.0.0.1, ::1; none matches example.org";

    @TempDir
    static Path dir;

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void sniNameThatTheCertificateLacksFailsVerificationOnDemoTrust(String provider) throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "--provider", provider);
        Tlskit.Result client = Tlskit.run("client", "-h", "127.0.0.1", "-p", String.valueOf(server.port()),
                "-S", "example.org", "-x", "--provider", provider);
        server.await(LIMIT);

        assertEquals(4, client.exitCode(), client.err());
        assertTrue(client.err().contains(DEMO_NAMES), client.err());
        assertFalse(client.out().contains("I hear you"), client.out());
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void sniNameThatTheCertificateLacksFailsVerificationOnExplicitTrustInJson(String provider) throws Exception {
        DemoMaterial.writeTo(dir);
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "--provider", provider);
        Tlskit.Result client = Tlskit.run("client", "-h", "127.0.0.1", "-p", String.valueOf(server.port()),
                "-S", "example.org", "-x", "-A", dir.resolve("ca.pem").toString(), "--provider", provider,
                "--json");
        server.await(LIMIT);

        assertEquals(4, client.exitCode(), client.err());
        assertTrue(client.out().contains(DEMO_NAMES), client.out());
        assertFalse(client.out().contains("\"hostnameVerified\":true"), client.out());
    }

    @Test
    void mismatchNamesTheSniNameAndNotTheHost() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d");
        Tlskit.Result client = Tlskit.run("client", "-h", "localhost", "-p", String.valueOf(server.port()),
                "-S", "foo.test", "-x", "--show-certs");
        server.await(LIMIT);

        assertEquals(4, client.exitCode(), client.err());
        assertTrue(client.err().contains("none matches foo.test"), client.err());
        assertTrue(client.err().contains("NAME MISMATCH: not valid for foo.test"), client.err());
        assertFalse(client.err().contains("matching localhost"), client.err());
        assertTrue(client.err().contains("hint: the certificate is for DNS:localhost, IP:127.0.0.1, IP:::1, not"
                + " foo.test: send one of those names with -S"), client.err());
    }

    @Test
    void sniNameTheCertificateHasIsVerifiedAtAnIpAddress() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "--json");
        Tlskit.Result client = Tlskit.run("client", "-h", "127.0.0.1", "-p", String.valueOf(server.port()),
                "-S", "localhost", "-x", "--json");
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.out().contains("\"sni\":\"localhost\""), client.out());
        assertTrue(client.out().contains("\"hostnameVerified\":true"), client.out());
        assertTrue(s.out().contains("\"sni\":\"localhost\""), s.out());
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void clientSendsSniForLocalhost(String provider) throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "--json", "--provider", provider);
        Tlskit.Result client = Tlskit.run("client", "-h", "localhost", "-p", String.valueOf(server.port()), "-x",
                "--json", "--provider", provider);
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.out().contains("\"sni\":\"localhost\""), client.out());
        assertTrue(s.out().contains("\"sni\":\"localhost\""), s.out());
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void serverWithSniRefusesAClientThatSendsNone(String provider) throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "-S", "other.test", "--provider",
                provider);
        Tlskit.Result client = Tlskit.run("client", "-h", "127.0.0.1", "-p", String.valueOf(server.port()), "-x");
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(3, client.exitCode(), client.err());
        assertTrue(client.err().contains("unrecognized_name"), client.err());
        assertEquals(3, s.exitCode(), s.err());
        assertTrue(s.err().contains("sent no server name (SNI); this server accepts only other.test"), s.err());
        assertFalse(s.out().contains("Client message"), s.out());
    }
}
