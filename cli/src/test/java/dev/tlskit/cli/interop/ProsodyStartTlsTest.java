package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code client --starttls xmpp|xmpp-server} against Prosody 0.12 (Debian's prosody): {@code prosody -F --config
 * FILE} as the prosody user, a config of its own (data, pid file and admin socket in a temporary directory,
 * c2s and s2s on 127.0.0.1 only, no HTTP), one VirtualHost "localhost" with the demo certificate; and a second
 * instance without mod_tls and without a certificate, whose stream features carry SASL but no {@code <starttls/>} (with
 * mod_tls loaded and no certificate Prosody still offers STARTTLS, then fails the handshake: handshake_failure).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProsodyStartTlsTest {
    private static final Pattern READY = Pattern.compile("Activated service 'c2s' on \\[");

    @TempDir
    static Path dir;

    private static StartTlsServer prosody;
    private static int s2s;

    /** The server offering TLS listens for clients on tlsPort and for servers on s2s; the plain one on plainPort. */
    @BeforeAll
    static void startProsody() throws Exception {
        prosody = StartTlsServer.prepare("prosody", dir, "prosody", "prosody");
        s2s = Interop.freePort();
        start("tls", prosody.tlsPort, s2s, "  ssl = { certificate = \"" + prosody.own.resolve("server.pem")
                + "\"; key = \"" + prosody.own.resolve("server.key") + "\" }\n");
        start("plain", prosody.plainPort, Interop.freePort(), "");
    }

    @AfterAll
    static void stopProsody() {
        StartTlsServer.stop(prosody);
    }

    @Test
    void clientToServerUpgradesVerifiesAndAgreesWithOpenSsl() throws Exception {
        Object json = prosody.upgradesLikeOpenSsl("xmpp");
        assertEquals("localhost", Interop.at(json, "starttls", "name"));
        assertEquals("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>",
                Interop.at(json, "starttls", "prelude", 3, "text"));
    }

    @Test
    void quitRestartsTheStreamInsideTlsAndClosesIt() {
        List<?> reply = prosody.quits("xmpp", "<?xml version='1.0'?><stream:stream to='localhost'"
                + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
                + "</stream:stream>");
        String said = String.join("", reply.stream().map(String.class::cast).toList());
        assertTrue(said.contains("<stream:features"), said);
        assertTrue(said.endsWith("</stream:stream>"), said);
    }

    @Test
    void serverToServerUpgradesToo() throws Exception {
        Object json = StartTlsServers.upgradesLikeOpenSsl(dir, "xmpp-server", s2s, true);
        String header = (String) Interop.at(json, "starttls", "prelude", 0, "text");
        assertTrue(header.contains("xmlns='jabber:server'"), header);
    }

    @Test
    void withoutModTlsStartTlsIsNotOffered() {
        String line = prosody.notOffered("xmpp");
        assertTrue(line.contains("xmpp: the server does not offer STARTTLS: its features are \"<stream:features"),
                line);
    }

    private static Interop.Peer start(String name, int c2sPort, int s2sPort, String ssl) throws Exception {
        Path base = Files.createDirectories(prosody.own.resolve(name));
        Files.createDirectories(base.resolve("data"));
        Path conf = StartTlsServers.write(base.resolve("prosody.cfg.lua"), String.join("\n",
                "pidfile = \"" + base.resolve("prosody.pid") + "\"",
                "data_path = \"" + base.resolve("data") + "\"",
                "certificates = \"" + base.resolve("certs") + "\"",
                "log = { info = \"*console\" }",
                "modules_enabled = { " + (ssl.isEmpty() ? "" : "\"tls\"; ") + "\"saslauth\"; \"dialback\"; \"disco\" }",
                "c2s_ports = { " + c2sPort + " }", "c2s_interfaces = { \"127.0.0.1\" }",
                "s2s_ports = { " + s2sPort + " }", "s2s_interfaces = { \"127.0.0.1\" }",
                "c2s_direct_tls_ports = {}", "s2s_direct_tls_ports = {}", "http_ports = {}", "https_ports = {}",
                "component_ports = {}",
                "admin_socket = \"" + base.resolve("admin.sock") + "\"",
                // without TLS Prosody ends a stream that has no features left: let it offer SASL in plaintext
                ssl.isEmpty() ? "c2s_require_encryption = false\nallow_unencrypted_plain_auth = true" : "",
                "VirtualHost \"localhost\"",
                ssl));
        Files.createDirectories(base.resolve("certs"));
        StartTlsServers.chown("prosody", base);
        return prosody.daemon(name, base, READY,
                List.of("setpriv", "--reuid=prosody", "--regid=prosody", "--init-groups", "--", "prosody", "-F",
                        "--config", conf.toString()));
    }
}
