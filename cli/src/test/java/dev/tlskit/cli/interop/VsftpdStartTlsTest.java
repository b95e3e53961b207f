package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code client --starttls ftp} against vsftpd 3.0 (Debian's vsftpd): {@code vsftpd CONFIG} in the foreground
 * ({@code background=NO}), a config of its own listening on 127.0.0.1, anonymous only with an empty root, once with
 * {@code ssl_enable=YES} and the demo certificate, once without: that one answers AUTH TLS with
 * {@code 530 Please login with USER and PASS.}, which is "not offered".
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VsftpdStartTlsTest {
    @TempDir
    static Path dir;

    private static StartTlsServer vsftpd;

    @BeforeAll
    static void startVsftpd() throws Exception {
        vsftpd = StartTlsServer.prepare("vsftpd", dir, "root", "vsftpd");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        start("tls", vsftpd.tlsPort, empty, "ssl_enable=YES\nrsa_cert_file=" + vsftpd.own.resolve("server.pem")
                + "\nrsa_private_key_file=" + vsftpd.own.resolve("server.key") + "\n");
        start("plain", vsftpd.plainPort, empty, "ssl_enable=NO\n");
    }

    @AfterAll
    static void stopVsftpd() {
        StartTlsServer.stop(vsftpd);
    }

    @Test
    void upgradesAfterAuthTlsVerifiesAndAgreesWithOpenSsl() throws Exception {
        Object json = vsftpd.upgradesLikeOpenSsl("ftp");
        assertEquals("AUTH TLS", Interop.at(json, "starttls", "prelude", 1, "text"));
        assertEquals("234 Proceed with negotiation.", Interop.at(json, "starttls", "prelude", 2, "text"));
    }

    @Test
    void quitSaysQuitInsideTlsAndVsftpdAnswers221() {
        List<?> reply = vsftpd.quits("ftp", "QUIT");
        assertEquals(1, reply.size(), reply.toString());
        assertTrue(((String) reply.get(0)).startsWith("221 "), reply.toString());
    }

    @Test
    void withoutSslEnableAuthTlsIsRefusedAsNotOffered() {
        assertEquals("tlskit: error: localhost:" + vsftpd.plainPort + ": ftp: the server does not offer AUTH TLS:"
                + " \"530 Please login with USER and PASS.\"", vsftpd.notOffered("ftp"));
    }

    private static Interop.Peer start(String name, int port, Path empty, String sslLines) throws Exception {
        Path conf = StartTlsServers.write(dir.resolve(name + ".conf"), String.join("\n",
                "listen=YES", "listen_ipv6=NO", "listen_address=127.0.0.1", "listen_port=" + port,
                "background=NO", "anonymous_enable=YES", "anon_root=" + empty, "local_enable=NO",
                "secure_chroot_dir=" + empty, "seccomp_sandbox=NO", "xferlog_enable=NO", sslLines));
        return vsftpd.silentDaemon(name, dir, port, List.of("vsftpd", conf.toString()));
    }
}
