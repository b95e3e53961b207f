package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code client --starttls imap|pop3|sieve|lmtp} against Dovecot 2.3 (Debian's dovecot-imapd, -pop3d,
 * -managesieved, -lmtpd):
 * {@code dovecot -F -c CONFIG} with base and state directories in a temporary directory and listeners on
 * 127.0.0.1 only, twice: one instance with {@code ssl = yes} and the demo certificate, one with {@code ssl = no},
 * whose greeting and capabilities do not offer STARTTLS. No user ever logs in (a static passdb keeps Dovecot from
 * reading the system's).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DovecotStartTlsTest {
    @TempDir
    static Path dir;

    private static StartTlsServer dovecot;
    private static Map<String, Integer> tlsPorts;
    private static Map<String, Integer> plainPorts;

    @BeforeAll
    static void startDovecot() throws Exception {
        dovecot = StartTlsServer.prepare("dovecot", dir, "dovecot", "dovecot");
        tlsPorts = ports();
        plainPorts = ports();
        start("tls", true, tlsPorts);
        start("plain", false, plainPorts);
    }

    @AfterAll
    static void stopDovecot() {
        StartTlsServer.stop(dovecot);
    }

    @ParameterizedTest
    @ValueSource(strings = {"imap", "pop3", "sieve", "lmtp"})
    void upgradesVerifiesAndAgreesWithOpenSsl(String protocol) throws Exception {
        Object json = StartTlsServers.upgradesLikeOpenSsl(dir, protocol, tlsPorts.get(protocol), true);
        String greeting = (String) Interop.at(json, "starttls", "prelude", 0, "text");
        assertTrue(greeting.contains("Dovecot"), greeting);
    }

    @ParameterizedTest
    @ValueSource(strings = {"imap", "pop3", "sieve", "lmtp"})
    void withSslOffStartTlsIsNotOffered(String protocol) {
        String line = StartTlsServers.notOffered(dir, protocol, plainPorts.get(protocol));
        assertTrue(line.contains(protocol.equals("pop3") ? "does not offer STLS" : "does not offer STARTTLS"), line);
    }

    /** ManageSieve's answer begins with the capabilities it sends unasked once TLS is up (RFC 5804 §2.2). */
    @ParameterizedTest
    @CsvSource({"imap, c LOGOUT, '* BYE', c OK", "pop3, QUIT, +OK, +OK", "sieve, LOGOUT, '\"IMPLEMENTATION\"', OK",
            "lmtp, QUIT, 221, 221"})
    void quitSaysTheGoodbyeInsideTlsAndRecordsTheAnswer(String protocol, String sent, String first, String last) {
        Interop.Run run = dovecot.client(protocol, tlsPorts.get(protocol), "--quit", "--json");
        assertEquals(0, run.exitCode(), run.describe());
        Object json = Interop.parseJson(run.out());
        assertEquals(sent, Interop.at(json, "starttls", "goodbye", "sent"), run.describe());
        List<?> reply = (List<?>) Interop.at(json, "starttls", "goodbye", "reply");
        assertTrue(((String) reply.get(0)).startsWith(first), run.describe());
        assertTrue(((String) reply.get(reply.size() - 1)).startsWith(last), run.describe());
        assertEquals("", run.err(), run.describe());
    }

    @Test
    void onATerminalWhatIsTypedGoesToTheServerUntilItSaysBye() throws Exception {
        try (Tmux tmux = upgradedOnATerminal("imap")) {
            tmux.typeLine("a1 CAPABILITY");
            String shown = tmux.screen(s -> s.contains("a1 OK"), "the CAPABILITY reply");
            assertTrue(shown.contains("* CAPABILITY IMAP4rev1"), shown);
            assertFalse(shown.contains("STARTTLS a"), "no STARTTLS once inside TLS:\n" + shown);
            tmux.typeLine("a2 LOGOUT");
            shown = tmux.screen(s -> s.contains("EXIT="), "the client ending when Dovecot closes");
            assertTrue(shown.contains("* BYE"), shown);
            assertTrue(shown.contains("a2 OK"), shown);
            assertTrue(shown.contains("EXIT=0"), shown);
        }
    }

    @Test
    void onATerminalCtrlDEndsTheSessionCleanly() throws Exception {
        try (Tmux tmux = upgradedOnATerminal("pop3")) {
            tmux.typeLine("CAPA");
            tmux.screen(s -> s.contains("\n.\n") || s.contains("\nUSER"), "the CAPA reply");
            tmux.keys("C-d");
            String shown = tmux.screen(s -> s.contains("EXIT="), "the client ending at Ctrl-D");
            assertTrue(shown.contains("EXIT=0"), shown);
        }
    }

    /** {@code client --starttls PROTOCOL} on a real terminal, once it shows the TLS 1.3 handshake. */
    private static Tmux upgradedOnATerminal(String protocol) throws Exception {
        Tmux tmux = new Tmux(protocol, 160, 40, Interop.sh(Interop.tlskitCommand("client", "--starttls", protocol,
                "-p", String.valueOf(tlsPorts.get(protocol)), "-A", dir.resolve("ca.pem").toString(), "-x")));
        try {
            tmux.screen(s -> s.contains("SSL version is TLSv1.3"), "the handshake");
            return tmux;
        } catch (AssertionError | Exception e) {
            tmux.close();
            throw e;
        }
    }

    private static Map<String, Integer> ports() {
        return Map.of("imap", Interop.freePort(), "pop3", Interop.freePort(), "sieve", Interop.freePort(), "lmtp",
                Interop.freePort());
    }

    private static Interop.Peer start(String name, boolean ssl, Map<String, Integer> ports) throws Exception {
        Path own = dovecot.own;
        Path base = Files.createDirectories(dir.resolve(name));
        String config = String.join("\n",
                "base_dir = " + base.resolve("run"),
                "state_dir = " + base.resolve("state"),
                "log_path = /dev/stderr",
                "protocols = imap pop3 sieve lmtp",
                "listen = 127.0.0.1",
                ssl ? "ssl = yes" : "ssl = no",
                ssl ? "ssl_cert = <" + own.resolve("server.pem") : "",
                ssl ? "ssl_key = <" + own.resolve("server.key") : "",
                "default_internal_user = dovecot",
                "default_login_user = dovenull",
                "passdb {", "  driver = static", "  args = nopassword=y", "}",
                "userdb {", "  driver = static", "  args = uid=dovecot gid=dovecot home=" + base.resolve("home"), "}",
                "service imap-login {",
                "  inet_listener imap {", "    port = " + ports.get("imap"), "  }",
                "  inet_listener imaps {", "    port = 0", "  }",
                "}",
                "service pop3-login {",
                "  inet_listener pop3 {", "    port = " + ports.get("pop3"), "  }",
                "  inet_listener pop3s {", "    port = 0", "  }",
                "}",
                "service lmtp {",
                "  inet_listener lmtp {", "    address = 127.0.0.1", "    port = " + ports.get("lmtp"), "  }",
                "}",
                "service managesieve-login {",
                "  inet_listener sieve {", "    port = " + ports.get("sieve"), "  }",
                "}",
                "");
        Path conf = StartTlsServers.write(base.resolve("dovecot.conf"), config);
        return dovecot.daemon(name, base, Pattern.compile("starting up for"),
                List.of("dovecot", "-F", "-c", conf.toString()));
    }
}
