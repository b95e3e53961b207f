package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code client --starttls nntp} against INN 2.7's reader daemon (Debian's inn2, installed, or unpacked without its
 * maintainer scripts into {@code TLSKIT_INN2_ROOT}, as .ci/run does): {@code nnrpd -D -f} on
 * 127.0.0.1, its {@code inn.conf} ours through {@code INNCONF} (every path in a temporary directory, so the
 * system's /etc/news and /var/lib/news are not read), a one-group active file and an empty overview made by
 * {@code makehistory -O}. Two daemons: one with {@code tlscertfile}/{@code tlskeyfile} (the demo certificate),
 * and one without, which lists STARTTLS all the same and refuses it with 580. nnrpd starts as root and serves
 * as the news user; innd is not needed for reading.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InnStartTlsTest {
    /** Where inn2's files are: / when the package is installed, else the tree .ci/run unpacked it into. */
    private static final Path ROOT = Path.of(System.getenv().getOrDefault("TLSKIT_INN2_ROOT", "/"));
    private static final Path NEWS_LIB = ROOT.resolve("usr/lib/news");
    private static final Path NEWS_BIN = NEWS_LIB.resolve("bin");

    @TempDir
    static Path dir;

    private static StartTlsServer inn;

    @BeforeAll
    static void startNnrpd() throws Exception {
        Interop.requireOr(Files.isExecutable(NEWS_BIN.resolve("nnrpd")), "inn2 is not installed: no "
                + NEWS_BIN.resolve("nnrpd") + " (.ci/run unpacks inn2 into TLSKIT_INN2_ROOT)");
        inn = StartTlsServer.prepare("inn", dir, "news");
        Path news = inn.own;
        for (String d : List.of("etc", "db", "spool", "run", "log", "tmp", "overview")) {
            Files.createDirectories(news.resolve(d));
        }
        StartTlsServers.write(news.resolve("etc/readers.conf"), String.join("\n",
                "auth \"local\" {", "    hosts: \"127.0.0.1\"", "    default: \"<local>\"", "}",
                "access \"local\" {", "    users: \"<local>\"", "    newsgroups: \"*\"", "}", ""));
        StartTlsServers.write(news.resolve("etc/storage.conf"),
                "method timehash {\n    newsgroups: *\n    class: 0\n}\n");
        StartTlsServers.write(news.resolve("db/active"), "tlskit.test 0000000000 0000000001 y\n");
        StartTlsServers.write(news.resolve("db/newsgroups"), "");
        Path tlsConf = StartTlsServers.write(news.resolve("inn.conf"), innConf(news, true));
        Path plainConf = StartTlsServers.write(news.resolve("inn-plain.conf"), innConf(news, false));
        StartTlsServers.chown("news", news);
        // nnrpd refuses to serve without the overview's group index: an empty overview, as the news user
        Interop.Result overview = Interop.run(news, null, Duration.ofSeconds(20), List.of("runuser", "-u", "news",
                "--", "env", "INNCONF=" + tlsConf, "LD_LIBRARY_PATH=" + NEWS_LIB,
                NEWS_BIN.resolve("makehistory").toString(), "-O", "-x", "-F"));
        assertEquals(0, overview.exitCode(), "makehistory -O: " + overview.output());
        start("tls", news, tlsConf, inn.tlsPort);
        start("plain", news, plainConf, inn.plainPort);
    }

    @AfterAll
    static void stopNnrpd() {
        StartTlsServer.stop(inn);
    }

    @Test
    void upgradesAfterCapabilitiesVerifiesAndAgreesWithOpenSsl() throws Exception {
        Object json = inn.upgradesLikeOpenSsl("nntp");
        String greeting = (String) Interop.at(json, "starttls", "prelude", 0, "text");
        assertTrue(greeting.startsWith("200 news.tlskit.test InterNetNews NNRP server INN"), greeting);
        assertEquals("CAPABILITIES", Interop.at(json, "starttls", "prelude", 1, "text"));
        assertEquals("382 Begin TLS negotiation now", lastReceived(json));
    }

    @Test
    void quitSaysQuitInsideTlsAndNnrpdAnswers205() {
        assertEquals(List.of("205 Bye!"), inn.quits("nntp", "QUIT"));
    }

    /** nnrpd lists STARTTLS whether or not it has a certificate, and answers 580 (RFC 4642) when it has none. */
    @Test
    void withoutACertificateStartTlsIsRefusedWith580InOneLineExit3() {
        Interop.Run run = inn.client("nntp", inn.plainPort);
        assertEquals(3, run.exitCode(), run.describe());
        assertEquals("", run.out(), run.describe());
        assertEquals("tlskit: error: localhost:" + inn.plainPort + ": nntp: the server refused STARTTLS: \"580 Error"
                + " initializing TLS\"\n", run.err());
    }

    private static String lastReceived(Object json) {
        List<?> prelude = (List<?>) Interop.at(json, "starttls", "prelude");
        return (String) Interop.at(prelude.get(prelude.size() - 1), "text");
    }

    private static String innConf(Path news, boolean tls) {
        StringBuilder b = new StringBuilder(String.join("\n",
                "domain: tlskit.test", "pathhost: news.tlskit.test", "organization: \"tlskit test\"",
                "mta: \"/bin/false\"", "ovmethod: tradindexed", "hismethod: hisv6",
                "pathnews: " + NEWS_LIB, "pathbin: " + NEWS_BIN, "pathfilter: " + NEWS_BIN.resolve("filter"),
                "pathcontrol: " + NEWS_BIN.resolve("control"), ""));
        for (String p : List.of("etc", "db", "run", "log", "tmp", "overview", "spool")) {
            b.append("path").append(p).append(": ").append(news.resolve(p)).append('\n');
        }
        for (String p : List.of("articles", "incoming", "outgoing", "archive", "http")) {
            b.append("path").append(p).append(": ").append(news.resolve("spool")).append('\n');
        }
        if (tls) {
            b.append("tlscertfile: ").append(news.resolve("server.pem")).append('\n');
            b.append("tlskeyfile: ").append(news.resolve("server.key")).append('\n');
        }
        return b.toString();
    }

    /** nnrpd as a daemon in the foreground (-D -f), forking one reader per connection; it says nothing when ready. */
    private static Interop.Peer start(String name, Path news, Path conf, int port) throws Exception {
        return inn.silentDaemon(name, news, port, List.of("env", "INNCONF=" + conf,
                "LD_LIBRARY_PATH=" + NEWS_LIB, NEWS_BIN.resolve("nnrpd").toString(), "-D", "-f", "-b", "127.0.0.1",
                "-p", String.valueOf(port), "-c", news.resolve("etc/readers.conf").toString()));
    }
}
