package dev.tlskit.engine.scan;

import dev.tlskit.engine.scan.ScanReport.VersionSuites;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** What a scan's results imply, as findings with a severity and a one-line why. */
public final class Findings {
    private Findings() {}

    /** The findings of {@code report} (its own findings are ignored), most severe first. */
    public static List<Finding> of(ScanReport report) {
        List<Finding> out = new ArrayList<>();
        Set<ProtocolVersion> on = new LinkedHashSet<>();
        report.versions().stream().filter(ScanReport.VersionResult::supported).forEach(v -> on.add(v.version()));
        versions(out, on);
        suites(out, report);
        keyExchange(out, report, on);
        features(out, report.features(), on);
        if (report.certificate() != null) {
            certificate(out, report.certificate());
        }
        out.sort(Comparator.comparing(Finding::severity).reversed());
        return out;
    }

    private static void versions(List<Finding> out, Set<ProtocolVersion> on) {
        if (on.contains(ProtocolVersion.SSL2)) {
            out.add(new Finding("ssl2-enabled", Severity.CRITICAL, "SSL 2.0 accepted",
                    "SSL 2.0 is broken by design (DROWN, no handshake integrity); RFC 6176 forbids it"));
        }
        if (on.contains(ProtocolVersion.SSL3)) {
            out.add(new Finding("ssl3-enabled", Severity.HIGH, "SSL 3.0 accepted",
                    "SSL 3.0's CBC padding is open to POODLE; RFC 7568 deprecates it"));
        }
        if (on.contains(ProtocolVersion.TLS10)) {
            out.add(new Finding("tls10-enabled", Severity.MEDIUM, "TLS 1.0 accepted",
                    "TLS 1.0 is deprecated (RFC 8996): SHA-1/MD5 handshake hashes, BEAST-prone CBC"));
        }
        if (on.contains(ProtocolVersion.TLS11)) {
            out.add(new Finding("tls11-enabled", Severity.MEDIUM, "TLS 1.1 accepted",
                    "TLS 1.1 is deprecated (RFC 8996): SHA-1/MD5 handshake hashes, no AEAD suites"));
        }
        if (!on.isEmpty() && !on.contains(ProtocolVersion.TLS13)) {
            out.add(new Finding("no-tls13", Severity.LOW, "TLS 1.3 not offered",
                    "TLS 1.3 removes the legacy key exchanges and encrypts most of the handshake"));
        }
    }

    private static void suites(List<Finding> out, ScanReport report) {
        List<CipherSuite> all = new ArrayList<>();
        for (VersionSuites vs : report.suites()) {
            for (CipherSuite s : vs.suites()) {
                if (!all.contains(s)) {
                    all.add(s);
                }
            }
        }
        suites(out, all, CipherSuite::isNullCipher, "null-cipher", Severity.CRITICAL, "NULL cipher suites accepted",
                "traffic would cross the network unencrypted");
        suites(out, all, s -> s.isAnonymous() && !s.isTls13(), "anonymous-suites", Severity.CRITICAL,
                "anonymous suites accepted", "no server authentication: anyone in the path can impersonate it");
        suites(out, all, CipherSuite::isExport, "export-suites", Severity.CRITICAL, "EXPORT suites accepted",
                "40/56-bit export keys break in hours (FREAK, Logjam)");
        suites(out, all, CipherSuite::isRc4, "rc4-suites", Severity.HIGH, "RC4 suites accepted",
                "RC4 keystream biases recover plaintext; RFC 7465 forbids it");
        suites(out, all, CipherSuite::isDes, "des-suites", Severity.HIGH, "single-DES suites accepted",
                "56-bit DES keys are searched exhaustively in a day");
        suites(out, all, CipherSuite::isTripleDes, "3des-suites", Severity.MEDIUM, "3DES suites accepted",
                "64-bit blocks leak plaintext after ~32 GB on one key (Sweet32)");
        suites(out, all, s -> !s.forwardSecrecy(), "no-forward-secrecy", Severity.LOW,
                "suites without forward secrecy accepted",
                "a stolen server key decrypts every recorded session that used them");
        if (!all.isEmpty() && all.stream().noneMatch(CipherSuite::forwardSecrecy)) {
            out.add(new Finding("forward-secrecy-never", Severity.HIGH, "no suite with forward secrecy",
                    "every session can be decrypted later with the server's key"));
        }
    }

    private static void keyExchange(List<Finding> out, ScanReport report, Set<ProtocolVersion> on) {
        if (report.dhBits() > 0 && report.dhBits() < 2048) {
            out.add(new Finding("weak-dh", report.dhBits() < 1024 ? Severity.HIGH : Severity.MEDIUM,
                    "DHE with a " + report.dhBits() + "-bit prime",
                    "primes under 2048 bits are within reach of precomputation (Logjam)"));
        }
        if (on.contains(ProtocolVersion.TLS13) && !report.tls13Groups().isEmpty()
                && report.tls13Groups().stream().noneMatch(g -> g.kind() == NamedGroup.Kind.HYBRID_KEM)) {
            out.add(new Finding("no-post-quantum", Severity.LOW, "no post-quantum hybrid group",
                    "recorded traffic is open to a future quantum computer (harvest now, decrypt later)"));
        }
        List<String> weakSigs = report.signatureSchemes().stream().filter(x -> x.weakHash())
                .map(x -> x.ianaName()).toList();
        if (!weakSigs.isEmpty()) {
            out.add(new Finding("sha1-handshake-signatures", Severity.LOW, "SHA-1/MD5 handshake signatures accepted",
                    "the server signs its key exchange with a broken hash when a client asks: "
                    + String.join(", ", weakSigs)));
        }
    }

    private static void features(List<Finding> out, ScanReport.Features f, Set<ProtocolVersion> on) {
        if (Boolean.FALSE.equals(f.fallbackProtected())) {
            out.add(new Finding("no-fallback-scsv", Severity.MEDIUM, "no downgrade protection (TLS_FALLBACK_SCSV)",
                    "a lower-version retry carrying TLS_FALLBACK_SCSV was accepted (RFC 7507)"));
        }
        boolean legacy = on.stream().anyMatch(v -> v != ProtocolVersion.TLS13 && v != ProtocolVersion.SSL2);
        if (legacy && !f.secureRenegotiation()) {
            out.add(new Finding("no-secure-renegotiation", Severity.MEDIUM, "no secure renegotiation",
                    "without renegotiation_info (RFC 5746) a renegotiation can splice in attacker data"));
        }
        if (f.compression()) {
            out.add(new Finding("compression", Severity.HIGH, "TLS compression accepted",
                    "compressed secrets leak through record sizes (CRIME)"));
        }
        if (f.heartbeat()) {
            out.add(new Finding("heartbeat", Severity.LOW, "heartbeat extension on",
                    "the extension Heartbleed abused; nothing needs it over TLS"));
        }
    }

    private static void certificate(List<Finding> out, CertificateReport c) {
        if (c.daysLeft() < 0) {
            out.add(new Finding("cert-expired", Severity.CRITICAL, "certificate expired",
                    "expired " + -c.daysLeft() + " days ago: clients refuse it"));
        } else if (c.daysLeft() < 30) {
            out.add(new Finding("cert-expiring", Severity.MEDIUM, "certificate expires in " + c.daysLeft()
                    + " days", "renew it before clients start refusing it"));
        }
        if (!c.hostnameMatches()) {
            out.add(new Finding("cert-wrong-host", Severity.HIGH, "certificate does not name the host",
                    "clients checking the hostname refuse it"));
        }
        if (!c.trusted()) {
            out.add(new Finding("cert-untrusted", Severity.HIGH, "certificate not trusted",
                    firstLine(c.trustProblem())));
        }
        if ("RSA".equals(c.keyAlgorithm()) && c.keyBits() > 0 && c.keyBits() < 2048) {
            out.add(new Finding("weak-rsa-key", Severity.HIGH, "RSA key of " + c.keyBits() + " bits",
                    "RSA under 2048 bits is below every current baseline (NIST SP 800-131A)"));
        }
        boolean sha1 = c.chain().stream().limit(Math.max(1, c.chain().size() - 1))
                .anyMatch(x -> x.getSigAlgName().toUpperCase(Locale.ROOT).contains("SHA1"));
        if (sha1) {
            out.add(new Finding("sha1-signature", Severity.MEDIUM, "SHA-1 certificate signature",
                    "SHA-1 collisions are practical (SHAttered); browsers refuse SHA-1 certificates"));
        }
    }

    private static void suites(List<Finding> out, List<CipherSuite> all, Predicate<CipherSuite> test, String id,
            Severity severity, String title, String why) {
        List<String> names = all.stream().filter(test).map(CipherSuite::ianaName).toList();
        if (!names.isEmpty()) {
            out.add(new Finding(id, severity, title + " (" + names.size() + ")", why + ": "
                    + String.join(", ", names.subList(0, Math.min(3, names.size())))
                    + (names.size() > 3 ? ", ..." : "")));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "the chain does not verify";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        // "PKIX path building failed: sun.security...SunCertPathBuilderException: unable to find ..." -> the words
        return line.replaceAll("[a-z]+(\\.[a-zA-Z0-9_$]+)+Exception: ", "");
    }
}
