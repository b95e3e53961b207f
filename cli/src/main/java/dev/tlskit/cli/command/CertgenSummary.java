package dev.tlskit.cli.command;

import dev.tlskit.certs.Certgen;
import dev.tlskit.cli.Json;
import dev.tlskit.cli.Report;
import dev.tlskit.engine.model.IpLiteral;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code tlskit certgen} made and where, as mkcert says it: each certificate with its role, names, files and
 * expiry, the trust store and its password; as text, or as one JSON document for {@code --json}.
 */
final class CertgenSummary {
    private final Certgen.Result made;
    private final Path dir;
    private final CertgenKeyStores stores;
    private final Path caCert;

    /** {@code caCert}: the existing CA's file given with --ca-cert (named next to it), or null. */
    CertgenSummary(Certgen.Result made, Path dir, CertgenKeyStores stores, Path caCert) {
        this.made = made;
        this.dir = dir;
        this.stores = stores;
        this.caCert = caCert;
    }

    void print(PrintWriter o) {
        o.println("Created in " + dir + "/ (" + made.keyType().cliName() + " keys):");
        for (Certgen.Item item : made.items()) {
            X509Certificate c = item.certificate();
            String expiry = "expires " + date(c.getNotAfter().toInstant());
            Instant now = Instant.now();
            if (c.getNotAfter().toInstant().isBefore(now)) {
                expiry = "EXPIRED " + date(c.getNotAfter().toInstant());
            } else if (c.getNotBefore().toInstant().isAfter(now)) {
                expiry = "NOT YET VALID (from " + date(c.getNotBefore().toInstant()) + "), " + expiry;
            }
            String what = switch (item.role()) {
                case CA -> item.existing() ? "signed by CA" : "CA";
                case INTERMEDIATE -> "intermediate CA";
                case SERVER -> item.selfSigned() ? "self-signed server" : "server";
                case CLIENT -> item.selfSigned() ? "self-signed client" : "client";
            };
            o.println();
            o.println(" " + what + " \"" + commonName(c) + "\"" + (item.existing() ? " (" + caCert + ")" : "")
                    + ", " + expiry);
            List<String> sanList = Report.subjectAltNames(c);
            if (!sanList.isEmpty()) {
                o.println("   valid for: " + sanList.stream().map(CertgenSummary::shortSan)
                        .collect(Collectors.joining(", ")));
            }
            if (!item.files().isEmpty()) {
                o.println("   " + item.files().entrySet().stream()
                        .map(e -> e.getKey() + " " + dir.resolve(e.getValue()))
                        .collect(Collectors.joining(", ")));
            }
        }
        if (stores.trustStoreFile() != null) {
            o.println();
            o.println(" trust store " + dir.resolve(stores.trustStoreFile()) + " (the CA as trusted entry)");
        }
        if (stores.any()) {
            o.println(" key store password: " + stores.passwordText());
        }
        o.println();
        o.println("Private keys are readable by you only (0600). They are for development and tests: keep ca.key"
                + " private.");
    }

    Map<String, Object> json() {
        Map<String, Object> doc = Json.document("certgen");
        doc.put("out", dir.toString());
        doc.put("keyType", made.keyType().cliName());
        List<Object> list = new ArrayList<>();
        for (Certgen.Item item : made.items()) {
            Map<String, Object> m = Json.object();
            m.put("role", item.role());
            m.put("existing", item.existing());
            m.put("selfSigned", item.selfSigned());
            Map<String, Object> files = Json.object();
            item.files().forEach((k, v) -> files.put(k, dir.resolve(v).toString()));
            m.put("files", files);
            m.put("certificate", Report.certificateJson(item.certificate()));
            list.add(m);
        }
        doc.put("created", list);
        if (stores.trustStoreFile() != null) {
            doc.put("trustStore", dir.resolve(stores.trustStoreFile()).toString());
        }
        doc.put("storePassword", stores.passwordJson());
        doc.put("warnings", made.warnings());
        return doc;
    }

    private static String shortSan(String san) {
        if (san.startsWith("IP:") && IpLiteral.parse(san.substring(3)) != null) {
            return IpLiteral.format(IpLiteral.parse(san.substring(3)));
        }
        return san.startsWith("DNS:") || san.startsWith("IP:") ? san.substring(san.indexOf(':') + 1) : san;
    }

    private static String commonName(X509Certificate c) {
        String dn = c.getSubjectX500Principal().getName();
        for (String part : dn.split(",(?=[A-Z]+=)")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return dn;
    }

    private static String date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
