package dev.tlskit.cli.interop;

import static dev.tlskit.cli.interop.Interop.tlskit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop.Background;
import dev.tlskit.cli.interop.Interop.Peer;
import dev.tlskit.cli.interop.Interop.Result;
import dev.tlskit.cli.interop.Interop.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SNI as OpenSSL 3 sends and reads it. Peer behaviour relied on (checked with OpenSSL 3.0):
 * <ul>
 *   <li>{@code s_server} looks at SNI only with a second context ({@code -cert2/-key2}); it then prints
 *       {@code Hostname in TLS extension: "NAME"} and, when NAME is its {@code -servername},
 *       {@code Switching server context.}. A client without SNI is served (even with {@code -servername_fatal},
 *       which only makes a <em>different</em> name fatal, with unrecognized_name).</li>
 *   <li>{@code s_client} sends SNI unless {@code -noservername}, and reports a fatal alert from the server as
 *       {@code ...alert unrecognized name...}.</li>
 * </ul>
 */
class SniInteropTest extends OpenSslPeers {

    private Background server(String... args) {
        List<String> a = new ArrayList<>(List.of("-d"));
        a.addAll(List.of(args));
        return tlskitServer(a);
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc", "boringssl"})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void clientSendsLocalhostAsSniToSServer(String provider) throws Exception {
        Peer s = Interop.start(dir, null, "openssl", "s_server", "-accept", "127.0.0.1:0", "-cert", "server.pem",
                "-key", "server.key", "-cert2", "server.pem", "-key2", "server.key", "-servername", "localhost",
                "-servername_fatal", "-naccept", "1", "-rev");
        cleanup.add(s);
        int port = Integer.parseInt(s.await(Interop.S_SERVER_ACCEPT, Interop.PEER_START).group(1));

        Run c = tlskit("client", "-h", "localhost", "-4", "-p", String.valueOf(port), "-x", "--provider", provider,
                "-A", dir.resolve("ca.pem").toString(), "-m", "sni?\n");

        assertEquals(0, c.exitCode(), c::describe);
        s.await(Pattern.compile("Hostname in TLS extension: \"localhost\""), Interop.PEER_START);
        assertTrue(s.output().contains("Switching server context."), s.output());
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc", "boringssl"})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void serverWithSniRefusesSClientWithoutSniWithUnrecognizedName(String provider) throws Exception {
        Exchange e = sClient(server("-S", "other.test", "--provider", provider), "no name", "-noservername",
                "-CAfile", "ca.pem", "-ign_eof");
        Result c = e.client();
        Run s = e.server();

        assertTrue(c.exitCode() != 0, c.output());
        assertTrue(c.output().contains("unrecognized name"), c.output());
        assertEquals(3, s.exitCode(), s::describe);
        assertTrue(s.err().contains("sent no server name (SNI); this server accepts only other.test"), s::describe);
        assertFalse(s.out().contains("Client message"), s::describe);
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void dtlsServerWithSniRefusesSClientWithoutSniOnceItReturnedTheCookie() throws Exception {
        // The cookie-less hello gets its HelloVerifyRequest (nothing else goes to an unproven address); the hello
        // that returns the cookie is refused with unrecognized_name, as over TCP.
        Background server = server("-u", "-S", "other.test");
        int port = server.port();
        Result c = Interop.run(dir, new byte[0], Interop.RUN_LIMIT, "openssl", "s_client", "-dtls1_2", "-connect",
                "127.0.0.1:" + port, "-noservername", "-CAfile", "ca.pem");
        assertTrue(c.exitCode() != 0, c.output());
        assertTrue(c.output().contains("unrecognized name"), c.output());
        // The server goes on waiting: a client naming other.test is its one connection.
        Run named = Interop.tlskit("client", "-u", "-p", String.valueOf(port), "-S", "other.test", "-d");
        assertEquals(0, named.exitCode(), named::describe);
        assertEquals(0, server.await(Interop.RUN_LIMIT).exitCode());
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc", "boringssl"})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void serverWithSniRefusesSClientWithAnotherName(String provider) throws Exception {
        Exchange e = sClient(server("-S", "other.test", "--provider", provider), "wrong name", "-servername",
                "localhost", "-CAfile", "ca.pem", "-ign_eof");
        Result c = e.client();
        Run s = e.server();

        assertTrue(c.exitCode() != 0, c.output());
        assertTrue(c.output().contains("unrecognized name"), c.output());
        assertTrue(s.exitCode() != 0, s::describe);
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc", "boringssl"})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void serverWithSniServesSClientSendingThatName(String provider) throws Exception {
        Exchange e = sClient(server("-S", "other.test", "--provider", provider, "--json"), "right name",
                "-servername", "other.test", "-CAfile", "ca.pem", "-ign_eof");
        Result c = e.client();
        Run s = e.server();

        assertEquals(0, c.exitCode(), c.output());
        assertEquals(0, s.exitCode(), s::describe);
        assertTrue(s.out().contains("\"sni\":\"other.test\""), s::describe);
        assertTrue(s.out().contains("\"clientMessage\":\"right name\""), s::describe);
    }
}
