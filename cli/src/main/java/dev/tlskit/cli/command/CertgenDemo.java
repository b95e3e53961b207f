package dev.tlskit.cli.command;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.certs.FileSet;
import dev.tlskit.cli.Json;
import dev.tlskit.cli.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code tlskit certgen --demo DIR}: the TEST-ONLY demo certificates the commands use without {@code -c/-k}, written
 * out for other tools (openssl, curl, gnutls) and for the examples in {@code --help}, which a user of the jar alone
 * has no other way to get.
 */
final class CertgenDemo {
    private CertgenDemo() {}

    static void write(Path dir, boolean force, PrintWriter stdout, boolean json) {
        CertgenFiles files = new CertgenFiles(dir, force);
        files.preflight();
        FileSet set = DemoMaterial.files();
        files.write(set);
        if (json) {
            Map<String, Object> doc = Json.document("certgen");
            doc.put("out", dir.toString());
            doc.put("testOnly", true);
            List<Object> written = new ArrayList<>();
            for (FileSet.Entry e : set.entries()) {
                written.add(dir.resolve(e.name()).toString());
            }
            doc.put("files", written);
            doc.put("ca", Report.certificateJson(DemoMaterial.ca()));
            stdout.println(Json.write(doc));
        } else {
            stdout.println("Wrote the TEST-ONLY demo certificates to " + dir + "/ (their private keys are public:"
                    + " for tests on loopback only)");
            stdout.println("  ca.pem                      the demo CA: trust it with -A, --cacert, -CAfile");
            stdout.println("  server.pem, server.key      server certificate for localhost, 127.0.0.1, ::1 (EC P-256)");
            stdout.println("  client.pem, client.key      client certificate (EC P-256)");
            stdout.println("  server-rsa.*, client-rsa.*  the same with RSA keys");
            stdout.println("  valid until " + DemoMaterial.ca().getNotAfter().toInstant() + "; keys mode 0600");
            stdout.println("Use them, e.g.: tlskit server -i & openssl s_client -connect localhost:11111 -CAfile "
                    + dir.resolve("ca.pem") + " -cert " + dir.resolve("client.pem") + " -key "
                    + dir.resolve("client.key"));
        }
        stdout.flush();
    }
}
