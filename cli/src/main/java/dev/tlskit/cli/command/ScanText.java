package dev.tlskit.cli.command;

import dev.tlskit.cli.Report;
import dev.tlskit.engine.scan.CertificateReport;
import dev.tlskit.engine.scan.Finding;
import dev.tlskit.engine.scan.ScanReport;
import dev.tlskit.engine.scan.ScanReport.CertificateKey;
import dev.tlskit.engine.scan.ScanReport.Features;
import dev.tlskit.engine.scan.ScanReport.Resumption;
import dev.tlskit.engine.scan.ScanReport.VersionResult;
import dev.tlskit.engine.scan.ScanReport.VersionSuites;
import dev.tlskit.engine.scan.Severity;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.NamedGroup;
import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;

/** The text report of one scanned target, grouped by section. */
final class ScanText {
    private static final String RESET = "\u001b[0m";

    private ScanText() {}

    /** The findings shown: with -d, none about trust or the hostname (nothing was to be verified). */
    static List<Finding> findings(ScanReport r, boolean insecure) {
        return r.findings().stream()
                .filter(f -> !insecure || !(f.id().equals("cert-untrusted") || f.id().equals("cert-wrong-host")))
                .toList();
    }

    static void print(PrintWriter out, ScanReport r, boolean insecure, boolean colour) {
        out.println("Scan of " + r.target() + (r.address() != null ? " (" + r.address() + ")" : "") + ": "
                + r.probes().size() + " probes in " + r.wallMillis() + " ms");
        if (!r.reachable()) {
            out.println("  not scanned: " + r.error());
            return;
        }
        if (r.suitesPerHello() > 0) {
            out.println("  note: the server reset or closed the connection on a hello offering every suite; offers"
                    + " went " + r.suitesPerHello() + " suites a hello");
        }
        out.println();
        out.println("Versions");
        for (VersionResult v : r.versions()) {
            out.printf("  %-8s %s%n", v.version().displayName(), v.supported() ? "yes" : "no (" + v.answer().summary() + ")");
        }
        out.println();
        out.println("Cipher suites");
        if (r.suites().isEmpty()) {
            out.println("  none");
        }
        for (VersionSuites vs : r.suites()) {
            String order = vs.serverOrder() == null ? "" : vs.serverOrder() ? ", server's order" : ", client's order honoured";
            out.println("  " + vs.version().displayName() + " (" + vs.suites().size() + order + ")");
            for (CipherSuite s : vs.suites()) {
                out.printf("    %-48s %s%n", s.ianaName(), s.opensslName() != null ? s.opensslName() : "");
            }
        }
        out.println();
        out.println("Groups");
        if (r.versions().stream().anyMatch(v -> v.supported() && v.version() == dev.tlskit.engine.wire.ProtocolVersion.TLS13)) {
            out.println("  TLS 1.3: " + names(r.tls13Groups()));
        }
        if (!r.ecdheGroups().isEmpty()) {
            out.println("  ECDHE (TLS 1.2 and older): " + names(r.ecdheGroups()));
        }
        if (r.dhBits() > 0) {
            out.println("  DHE: " + r.dhBits() + "-bit prime");
        }
        if (r.signatureVersion() != null) {
            out.println();
            out.println("Signature schemes (" + r.signatureVersion().displayName() + ", each offered alone)");
            out.println("  " + (r.signatureSchemes().isEmpty() ? "none"
                    : r.signatureSchemes().stream().map(x -> x.ianaName()).collect(Collectors.joining(", "))));
        }
        features(out, r);
        certificate(out, r, insecure);
        out.println();
        out.println("Findings");
        List<Finding> shown = findings(r, insecure);
        if (shown.isEmpty()) {
            out.println("  none");
        }
        for (Finding x : shown) {
            String sev = String.format("%-8s", x.severity().label());
            out.println("  " + (colour ? colour(x.severity()) + sev + RESET : sev) + " " + x.title() + ": " + x.why());
        }
    }

    private static void features(PrintWriter out, ScanReport r) {
        out.println();
        out.println("Features");
        Features f = r.features();
        line(out, "extended master secret", yes(f.extendedMasterSecret()));
        line(out, "secure renegotiation", yes(f.secureRenegotiation()));
        line(out, "encrypt-then-MAC", yes(f.encryptThenMac()));
        line(out, "OCSP stapling", yes(f.ocspStapling()));
        line(out, "session tickets", yes(f.sessionTicket()));
        line(out, "heartbeat", yes(f.heartbeat()));
        line(out, "compression", yes(f.compression()));
        line(out, "TLS_FALLBACK_SCSV", f.fallbackProtected() == null ? "not tested (one version only)"
                : f.fallbackProtected() ? "yes (inappropriate_fallback)" : "no");
        line(out, "ALPN", f.alpn().isEmpty() ? "none of h2, http/1.1, http/1.0, spdy/3.1, h3, acme-tls/1"
                : String.join(", ", f.alpn()));
        line(out, "SCTs", yes(f.signedCertificateTimestamps()));
        line(out, "record size limit", f.recordSizeLimit() < 0 ? "none" : f.recordSizeLimit() + " bytes");
        line(out, "TLS 1.3 early data", f.earlyData() == null ? f.earlyDataNote()
                : yes(f.earlyData()) + " (" + f.earlyDataNote() + ")");
        Resumption res = r.resumption();
        line(out, "resumption", resumed("TLS 1.2", res.tls12()) + "; " + resumed("TLS 1.3", res.tls13()));
    }

    private static void certificate(PrintWriter out, ScanReport r, boolean insecure) {
        out.println();
        out.println("Certificate");
        CertificateReport c = r.certificate();
        if (c == null) {
            out.println("  none read");
        } else {
            X509Certificate leaf = c.chain().get(0);
            line(out, "subject", leaf.getSubjectX500Principal().getName());
            line(out, "issuer", leaf.getIssuerX500Principal().getName());
            line(out, "names", String.join(", ", Report.subjectAltNames(leaf)));
            line(out, "key", c.keyAlgorithm() + (c.keyBits() > 0 ? " " + c.keyBits() + " bits" : ""));
            line(out, "signature", c.signatureAlgorithm());
            line(out, "expires", leaf.getNotAfter().toInstant() + " (" + c.daysLeft() + " days)");
            line(out, "chain", c.chain().size() + " certificate(s), from the " + c.source()
                    + (c.handshakeError() != null ? " (the engine's handshake failed: " + c.handshakeError() + ")" : ""));
            if (!insecure) {
                line(out, "trusted", c.trusted() ? "yes" : "no: " + c.trustProblem());
                line(out, "hostname", c.hostnameMatches() ? "matches" : "does not match");
            }
        }
        if (!r.certificateKeys().isEmpty()) {
            out.println();
            out.println("Certificates the server has, by what the client offered");
            for (CertificateKey k : r.certificateKeys()) {
                out.println("  " + k.keyAlgorithm() + (k.keyBits() > 0 ? " " + k.keyBits() + " bits" : "") + ", "
                        + k.subject() + ": " + String.join(", ", k.selectedBy()));
            }
        }
    }

    private static String colour(Severity s) {
        return switch (s) {
            case CRITICAL -> "\u001b[1;31m";
            case HIGH -> "\u001b[31m";
            case MEDIUM -> "\u001b[33m";
            case LOW -> "\u001b[36m";
        };
    }

    private static String names(List<NamedGroup> groups) {
        return groups.isEmpty() ? "none" : groups.stream().map(NamedGroup::displayName).collect(Collectors.joining(", "));
    }

    private static String resumed(String version, Resumption.Result r) {
        if (r == null) {
            return version + " not tried";
        }
        return version + " " + (r.resumed() == null ? "not tested (" + r.note() + ")" : r.resumed() ? "yes" : "no");
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    private static void line(PrintWriter out, String what, String value) {
        out.printf("  %-24s %s%n", what, value);
    }
}
