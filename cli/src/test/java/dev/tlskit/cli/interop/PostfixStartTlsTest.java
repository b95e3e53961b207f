package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code client --starttls smtp} against Postfix (Debian's postfix 3.7): its master daemon in the foreground
 * ({@code master -c DIR -d}, a config directory of our own; the system's /etc/postfix is not read) with two
 * smtpd listeners on 127.0.0.1: one offering STARTTLS with the demo certificate, one with
 * {@code -o smtpd_tls_security_level=none}, which does not advertise it. smtpd needs the proxymap service (the
 * default local_recipient_maps go through it), tlsmgr and, for {@code maillog_file}, postlogd. master runs as root
 * and drops to the postfix user for its children.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostfixStartTlsTest {
    private static final Path MASTER = Path.of("/usr/lib/postfix/sbin/master");

    @TempDir
    static Path dir;

    /** One master: its smtpd on tlsPort offers STARTTLS, its smtpd on plainPort does not. */
    private static StartTlsServer postfix;

    @BeforeAll
    static void startPostfix() throws Exception {
        postfix = StartTlsServer.prepare("postfix", dir, "postfix", "postfix");
        Path own = postfix.own;
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path queue = dir.resolve("queue");
        Path data = own.resolve("data");
        Files.createDirectories(queue.resolve("pid"));
        Files.createDirectories(queue.resolve("private"));
        Files.createDirectories(queue.resolve("public"));
        Files.createDirectories(data);
        StartTlsServers.chown("postfix", queue.resolve("private"), queue.resolve("public"), data);
        StartTlsServers.write(conf.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + queue,
                "data_directory = " + data,
                "mail_owner = postfix",
                "myhostname = mx.tlskit.test",
                "mydestination =",
                "alias_maps =",
                "alias_database =",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "maillog_file = /dev/stdout",
                "smtpd_tls_security_level = may",
                "smtpd_tls_cert_file = " + own.resolve("server.pem"),
                "smtpd_tls_key_file = " + own.resolve("server.key"),
                ""));
        StartTlsServers.write(conf.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + postfix.tlsPort + " inet n - n - - smtpd",
                "127.0.0.1:" + postfix.plainPort + " inet n - n - - smtpd -o smtpd_tls_security_level=none",
                "proxymap unix - - n - - proxymap",
                "tlsmgr unix - - n 1000? 1 tlsmgr",
                "postlog unix-dgram n - n - 1 postlogd",
                ""));
        // Postfix rereads a main.cf changed in the last 2 s until it settles (300 ms steps): date them back
        for (Path cf : List.of(conf.resolve("main.cf"), conf.resolve("master.cf"))) {
            Files.setLastModifiedTime(cf, FileTime.from(Instant.now().minusSeconds(60)));
        }
        // master logs "daemon started" only through postlogd: wait for the port instead
        postfix.silentDaemon("tls and plain", dir, postfix.tlsPort,
                List.of(MASTER.toString(), "-c", conf.toString(), "-d"));
    }

    @AfterAll
    static void stopPostfix() {
        StartTlsServer.stop(postfix);
    }

    @Test
    void upgradesAfterEhloVerifiesAndAgreesWithOpenSsl() throws Exception {
        Object json = postfix.upgradesLikeOpenSsl("smtp", "--starttls-name", "client.tlskit.test");
        assertEquals("220 mx.tlskit.test ESMTP Postfix", Interop.at(json, "starttls", "prelude", 0, "text"));
        assertEquals("EHLO client.tlskit.test", Interop.at(json, "starttls", "prelude", 1, "text"));
        assertEquals("X25519", Interop.at(json, "handshake", "group"));
    }

    @Test
    void upgradesOnTheBcProviderToo() throws Exception {
        Object json = postfix.upgradesLikeOpenSsl("smtp", "--provider", "bc");
        assertEquals("bc", Interop.at(json, "handshake", "provider"));
    }

    @Test
    void sendsAMessageInsideTlsWhenAskedAndPrintsTheReply() {
        Interop.Run run = postfix.client("smtp", postfix.tlsPort, "-m", "EHLO again.tlskit.test\r\n");
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.out().contains("250-mx.tlskit.test"), run.describe());
    }

    /** Every probe speaks the SMTP prelude, then sends its raw hello on that connection. */
    @Test
    void scanOverStartTlsReportsWhatTheServerSupports() throws Exception {
        Interop.Run run = Interop.tlskit("scan", "--starttls", "smtp", "127.0.0.1:" + postfix.tlsPort, "-A",
                dir.resolve("ca.pem").toString(), "--json");
        assertEquals(0, run.exitCode(), run.describe());
        Object doc = Interop.parseJson(run.out().strip());
        // Postfix's opportunistic TLS keeps TLS 1.0 and 1.1 (smtpd_tls_protocols excludes SSL only); openssl
        // s_client agrees once its own security level lets it offer them
        assertEquals(List.of("TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3"), ScanOpenSslTest.versions(doc));
        Interop.Result tls10 = Interop.run(dir, new byte[0], java.time.Duration.ofSeconds(15), "openssl", "s_client",
                "-starttls", "smtp", "-connect", "127.0.0.1:" + postfix.tlsPort, "-tls1", "-cipher",
                "DEFAULT:@SECLEVEL=0");
        assertTrue(tls10.output().contains("Protocol  : TLSv1\n"), tls10.output());
        assertTrue(((List<?>) Interop.at(doc, "findings")).stream().anyMatch(f -> "tls10-enabled".equals(
                Interop.at(f, "id"))));
        assertEquals(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"),
                ScanOpenSslTest.suites(doc, "TLS 1.3"));
        assertEquals("handshake", Interop.at(doc, "certificate", "source"));
        assertEquals(Boolean.TRUE, Interop.at(doc, "certificate", "trusted"));
        assertEquals(1, ((List<?>) Interop.at(doc, "certificateKeys")).size());
    }

    @Test
    void scanOfAListenerWithoutStartTlsSaysSo() {
        Interop.Run run = Interop.tlskit("scan", "--starttls", "smtp", "127.0.0.1:" + postfix.plainPort);
        assertEquals(1, run.exitCode(), run.describe());
        assertTrue(run.err().startsWith("tlskit: error: scan 127.0.0.1:" + postfix.plainPort + ": STARTTLS failed: "
                + "smtp: the server does not offer STARTTLS"), run.err());
    }

    @Test
    void quitSaysQuitInsideTlsAndPostfixAnswers221() {
        List<?> reply = postfix.quits("smtp", "QUIT");
        assertEquals(List.of("221 2.0.0 Bye"), reply);
    }

    @Test
    void quitAfterAnExchangeInTextModePrintsBothAnswers() {
        Interop.Run run = postfix.client("smtp", postfix.tlsPort, "-m", "NOOP\r\n", "--quit");
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.out().endsWith("250 2.0.0 Ok\r\n221 2.0.0 Bye\n"), run.describe());
    }

    @Test
    void aListenerWithoutTlsIsNotOfferedQuotingItsEhloReply() {
        String line = postfix.notOffered("smtp");
        assertTrue(line.contains(": smtp: the server does not offer STARTTLS: its EHLO reply was \"250-mx.tlskit.test"
                + " | 250-PIPELINING"), line);
    }
}
