package dev.tlskit.cli.command;

import dev.tlskit.certs.Fixtures;
import dev.tlskit.certs.KeyType;
import dev.tlskit.cli.Json;
import dev.tlskit.cli.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code tlskit certgen --fixtures DIR}: the fixed set of certificates for testing TLS clients (valid, expired,
 * not-yet-valid, wrong-host, ...), written to DIR, then listed with what a client should do with each, as text or
 * as one JSON document.
 */
final class CertgenFixtures {
    private final Path dir;
    private final KeyType keyType;
    private final CertgenFiles files;

    CertgenFixtures(Path dir, KeyType keyType, boolean force) {
        this.dir = dir;
        this.keyType = keyType;
        this.files = new CertgenFiles(dir, force);
    }

    void write(PrintWriter stdout, boolean json) {
        files.preflight();
        Fixtures.Result set = Fixtures.generate(keyType);
        files.write(set.files());
        if (json) {
            stdout.println(Json.write(json(set)));
        } else {
            stdout.println("Created TLS client test fixtures (TEST ONLY, " + keyType.cliName() + " keys) in "
                    + dir + "/");
            stdout.println("  trust " + dir.resolve("ca.pem") + "; each folder has server.pem, server.key and a"
                    + " README.txt:");
            for (Fixtures.Fixture f : set.fixtures()) {
                stdout.printf("  %-22s %s%n", f.kind().folder() + "/",
                        f.kind().reason() == null ? "accept" : "reject: " + f.kind().reason());
            }
        }
        stdout.flush();
    }

    private Map<String, Object> json(Fixtures.Result set) {
        Map<String, Object> doc = Json.document("certgen");
        doc.put("out", dir.toString());
        doc.put("keyType", keyType.cliName());
        doc.put("ca", Report.certificateJson(set.ca().certificate()));
        List<Object> list = new ArrayList<>();
        for (Fixtures.Fixture f : set.fixtures()) {
            Map<String, Object> m = Json.object();
            m.put("name", f.kind().folder());
            m.put("expect", f.kind().reason() == null ? "accept" : "reject");
            m.put("reason", f.kind().reason());
            m.put("certificate", dir.resolve(f.kind().folder()).resolve("server.pem").toString());
            m.put("key", dir.resolve(f.kind().folder()).resolve("server.key").toString());
            m.put("leaf", Report.certificateJson(f.leaf().certificate()));
            list.add(m);
        }
        doc.put("fixtures", list);
        return doc;
    }
}
