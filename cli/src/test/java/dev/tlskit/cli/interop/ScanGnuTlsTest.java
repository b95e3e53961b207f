package dev.tlskit.cli.interop;

import static dev.tlskit.cli.interop.Interop.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlskit scan} against {@code gnutls-serv} with priority strings: the scan must report exactly the
 * configured versions and suites, and GnuTLS's record_size_limit (RFC 8449; OpenSSL 3.0 has none): 2^14 in the
 * TLS 1.2 ServerHello, 2^14 + 1 in TLS 1.3's EncryptedExtensions. gnutls-serv cannot bind loopback only, so both
 * servers and one scan of both (a separate JVM) run in a fresh network namespace, once for the class.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ScanGnuTlsTest {
    static final String TLS12_AES128GCM = "NORMAL:-VERS-TLS1.3:-CIPHER-ALL:+AES-128-GCM";
    static final String TLS13_AES128GCM = "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+AES-128-GCM";

    @TempDir
    static Path dir;
    static Object tls12;
    static Object tls13;

    @BeforeAll
    static void scanBoth() throws Exception {
        Interop.requireBinary("gnutls-serv");
        Interop.requireBinary("unshare");
        Interop.requireBinary("ip");
        Interop.demo(dir);
        int port12 = 5556;
        int port13 = 5557; // the namespace is empty: any ports do
        List<String> lines = new ArrayList<>(List.of("ip link set lo up || exit 97", "pids="));
        for (int i = 0; i < 2; i++) {
            int port = i == 0 ? port12 : port13;
            List<String> serv = new ArrayList<>(List.of("gnutls-serv", "--port", String.valueOf(port),
                    "--x509certfile", "server-rsa.pem", "--x509keyfile", "server-rsa.key", "--priority",
                    i == 0 ? TLS12_AES128GCM : TLS13_AES128GCM));
            if (i == 1) {
                serv.addAll(List.of("--earlydata", "--maxearlydata", "4096"));
            }
            lines.add(Interop.sh(serv) + " >gnutls-serv-" + port + ".log 2>&1 &");
            lines.add("pids=\"$pids $!\"");
        }
        lines.add("trap 'kill $pids 2>/dev/null' EXIT");
        for (int port : new int[] {port12, port13}) {
            lines.add("i=0; until (exec 3<>/dev/tcp/127.0.0.1/" + port + ") 2>/dev/null; do");
            lines.add("  i=$((i+1)); if [ $i -gt 400 ]; then echo 'gnutls-serv never listened' >&2; exit 98; fi");
            lines.add("  sleep 0.025; done");
        }
        lines.add(Interop.sh(Interop.tlskitCommand("scan", "127.0.0.1:" + port12, "127.0.0.1:" + port13, "-d",
                "--json")));
        Interop.Result r = Interop.run(dir, null, Interop.RUN_LIMIT.plusSeconds(30),
                List.of("unshare", "-n", "bash", "-c", String.join("\n", lines) + "\n"));
        assumeTrue(r.exitCode() != 97 || Interop.CI, "cannot create a network namespace here: " + r.output());
        String why = r.output() + "\n--- gnutls-serv:\n" + Files.readString(dir.resolve("gnutls-serv-" + port12
                + ".log"));
        assertEquals(0, r.exitCode(), why);
        List<Object> docs = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (line.startsWith("{")) {
                docs.add(Interop.parseJson(line));
            }
        }
        assertEquals(2, docs.size(), why);
        tls12 = docs.get(0);
        tls13 = docs.get(1);
    }

    @Test
    void aTls12PriorityStringGivesExactlyItsVersionAndSuites() {
        assertEquals(List.of("TLS 1.2"), ScanOpenSslTest.versions(tls12));
        // NORMAL's key exchanges (RSA, DHE-RSA, ECDHE-RSA for an RSA key) with AES-128-GCM only
        assertEquals(List.of("AES128-GCM-SHA256", "DHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256"),
                ScanOpenSslTest.suites(tls12, "TLS 1.2"));
        assertEquals("client", ScanOpenSslTest.order(tls12, "TLS 1.2"), "no %SERVER_PRECEDENCE");
        assertEquals(16384, ((Number) at(tls12, "features", "recordSizeLimit")).intValue());
        assertEquals(Boolean.TRUE, at(tls12, "features", "resumption", "tls12", "resumed"));
    }

    @Test
    void aTls13PriorityStringGivesExactlyItsVersionAndSuite() {
        assertEquals(List.of("TLS 1.3"), ScanOpenSslTest.versions(tls13));
        assertEquals(List.of("TLS_AES_128_GCM_SHA256"), ScanOpenSslTest.suites(tls13, "TLS 1.3"));
        // from the EncryptedExtensions, decrypted by the scan's own TLS 1.3 client
        assertEquals(16385, ((Number) at(tls13, "features", "recordSizeLimit")).intValue());
        // gnutls-serv asks for a client certificate; the scan answers with none and still gets the ticket
        assertEquals(Boolean.TRUE, at(tls13, "features", "earlyData"), tls13.toString());
        assertEquals("up to 4096 bytes on resumption", at(tls13, "features", "earlyDataNote"));
    }
}
