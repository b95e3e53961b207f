package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code client --starttls mysql} against MariaDB 10.11 (Debian's mariadb-server-core): {@code mariadbd
 * --no-defaults} (the system's my.cnf is not read) with an empty data directory in a temporary directory, no
 * InnoDB and {@code --skip-grant-tables} (no {@code mariadb-install-db}: the handshake packet comes before any
 * table is read, so it starts in a fraction of a second), on 127.0.0.1; once with the demo certificate, once with
 * {@code --skip-ssl}, whose handshake lacks CLIENT_SSL.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MariadbStartTlsTest {
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");

    @TempDir
    static Path dir;

    private static StartTlsServer mariadb;

    @BeforeAll
    static void startMariadb() throws Exception {
        mariadb = StartTlsServer.prepare("mariadb", dir, "root", MARIADBD.toString());
        start("tls", mariadb.tlsPort, List.of("--ssl-cert=" + mariadb.own.resolve("server.pem"),
                "--ssl-key=" + mariadb.own.resolve("server.key")));
        start("plain", mariadb.plainPort, List.of("--skip-ssl"));
    }

    @AfterAll
    static void stopMariadb() {
        StartTlsServer.stop(mariadb);
    }

    @Test
    void upgradesAfterTheHandshakePacketVerifiesAndAgreesWithOpenSsl() throws Exception {
        Object json = mariadb.upgradesLikeOpenSsl("mysql");
        String greeting = (String) Interop.at(json, "starttls", "prelude", 0, "text");
        assertTrue(greeting.startsWith("handshake: protocol 10, server 5.5.5-10.11") && greeting.endsWith(
                "(CLIENT_SSL)"), greeting);
    }

    @Test
    void quitSendsNothingBeforeLoginAndClosesCleanly() {
        assertEquals(List.of(), mariadb.quits("mysql", null));
    }

    @Test
    void withSkipSslTheHandshakeLacksClientSslAndTlsIsNotOffered() {
        String line = mariadb.notOffered("mysql");
        assertTrue(line.contains("mysql: the server does not offer TLS: no CLIENT_SSL in its capabilities"), line);
    }

    private static Interop.Peer start(String name, int port, List<String> ssl) throws Exception {
        Path base = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(base.resolve("data"));
        List<String> cmd = new ArrayList<>(List.of(MARIADBD.toString(), "--no-defaults", "--user=root",
                "--datadir=" + base.resolve("data"), "--bind-address=127.0.0.1", "--port=" + port,
                "--socket=" + base.resolve("sock"), "--pid-file=" + base.resolve("pid"), "--skip-grant-tables",
                "--innodb=OFF", "--default-storage-engine=MyISAM", "--default-tmp-storage-engine=MyISAM",
                "--skip-log-bin"));
        cmd.addAll(ssl);
        return mariadb.daemon(name, base, Pattern.compile("ready for connections"), cmd);
    }
}
