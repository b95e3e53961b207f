package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * {@code client --starttls ldap} against OpenLDAP's slapd 2.5 (Debian's slapd): {@code slapd -f slapd.conf -h
 * ldap://127.0.0.1:PORT/ -d 256} in the foreground, a slapd.conf of its own (the system's cn=config is not read)
 * with no database, only TLSCertificateFile/TLSCertificateKeyFile; and a second slapd without them, which answers
 * the StartTLS ExtendedRequest with resultCode 2 ("unsupported extended operation").
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlapdStartTlsTest {
    private static final Pattern STARTED = Pattern.compile("slapd starting");

    @TempDir
    static Path dir;

    private static StartTlsServer slapd;

    @BeforeAll
    static void startSlapd() throws Exception {
        slapd = StartTlsServer.prepare("slapd", dir, "openldap", "slapd");
        start("tls", slapd.tlsPort, "TLSCertificateFile " + slapd.own.resolve("server.pem")
                + "\nTLSCertificateKeyFile " + slapd.own.resolve("server.key") + "\n");
        start("plain", slapd.plainPort, "");
    }

    @AfterAll
    static void stopSlapd() {
        StartTlsServer.stop(slapd);
    }

    @Test
    void upgradesVerifiesAndAgreesWithOpenSsl() throws Exception {
        Object json = slapd.upgradesLikeOpenSsl("ldap");
        assertEquals("ExtendedResponse messageID 1, resultCode 0 (success)",
                Interop.at(json, "starttls", "prelude", 1, "text"));
    }

    @Test
    void quitSendsAnUnbindRequestAndSlapdCloses() {
        assertEquals(List.of(), slapd.quits("ldap", "UnbindRequest, messageID 2"));
    }

    @Test
    void withoutACertificateStartTlsIsAnUnsupportedOperationAndNotOffered() {
        assertEquals("tlskit: error: localhost:" + slapd.plainPort + ": ldap: the server does not offer StartTLS:"
                + " ExtendedResponse messageID 1, resultCode 2 (protocolError), \"unsupported extended operation\"",
                slapd.notOffered("ldap"));
    }

    private static Interop.Peer start(String name, int port, String tlsLines) throws Exception {
        Path base = Files.createDirectories(dir.resolve(name));
        Path conf = StartTlsServers.write(base.resolve("slapd.conf"), "pidfile " + base.resolve("slapd.pid")
                + "\nargsfile " + base.resolve("slapd.args") + "\n" + tlsLines);
        StartTlsServers.chown("openldap", base); // slapd -u openldap writes its pid file there
        return slapd.daemon(name, base, STARTED, List.of("slapd", "-f", conf.toString(), "-h",
                "ldap://127.0.0.1:" + port + "/", "-u", "openldap", "-d", "256"));
    }
}
