package dev.tlskit.cli.command;

import dev.tlskit.cli.Json;
import dev.tlskit.cli.Report;
import dev.tlskit.engine.scan.Answer;
import dev.tlskit.engine.scan.CertificateReport;
import dev.tlskit.engine.scan.Finding;
import dev.tlskit.engine.scan.ScanReport;
import dev.tlskit.engine.scan.ScanReport.Features;
import dev.tlskit.engine.scan.ScanReport.ProbeLog;
import dev.tlskit.engine.scan.ScanReport.VersionResult;
import dev.tlskit.engine.scan.ScanReport.VersionSuites;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON document of one scanned target (README "tlskit scan"). */
final class ScanJson {
    private ScanJson() {}

    static Map<String, Object> document(ScanReport r, boolean insecure) {
        Map<String, Object> d = Json.document("scan");
        d.put("target", r.target().toString());
        d.put("host", r.target().host());
        d.put("port", r.target().port());
        d.put("address", r.address());
        d.put("wallMs", r.wallMillis());
        d.put("suitesPerHello", r.suitesPerHello() > 0 ? r.suitesPerHello() : null);
        if (r.error() != null) {
            d.put("error", r.error());
        }
        List<Object> versions = new ArrayList<>();
        for (VersionResult v : r.versions()) {
            Map<String, Object> m = Json.object();
            m.put("version", v.version().displayName());
            m.put("supported", v.supported());
            m.put("answer", answer(v.answer()));
            versions.add(m);
        }
        d.put("versions", versions);
        d.put("cipherSuites", suites(r));
        Map<String, Object> groups = Json.object();
        groups.put("tls13", r.tls13Groups().stream().map(NamedGroup::ianaName).toList());
        groups.put("ecdhe", r.ecdheGroups().stream().map(NamedGroup::ianaName).toList());
        groups.put("dhBits", r.dhBits() > 0 ? r.dhBits() : null);
        d.put("groups", groups);
        Map<String, Object> sigs = Json.object();
        sigs.put("version", r.signatureVersion() != null ? r.signatureVersion().displayName() : null);
        sigs.put("schemes", r.signatureSchemes().stream().map(x -> x.ianaName()).toList());
        d.put("signatureSchemes", sigs);
        d.put("features", features(r));
        d.put("certificateKeys", certificateKeys(r));
        d.put("certificate", certificate(r.certificate(), insecure));
        List<Object> findings = new ArrayList<>();
        for (Finding x : ScanText.findings(r, insecure)) {
            Map<String, Object> m = Json.object();
            m.put("id", x.id());
            m.put("severity", x.severity().label());
            m.put("title", x.title());
            m.put("why", x.why());
            findings.add(m);
        }
        d.put("findings", findings);
        List<Object> probes = new ArrayList<>();
        for (ProbeLog p : r.probes()) {
            Map<String, Object> m = answer(p.answer());
            m.put("purpose", p.purpose());
            probes.add(m);
        }
        d.put("probes", probes);
        return d;
    }

    private static Map<String, Object> certificate(CertificateReport c, boolean insecure) {
        if (c == null) {
            return null;
        }
        Map<String, Object> m = Json.object();
        m.put("source", c.source());
        m.put("handshakeError", c.handshakeError());
        m.put("trusted", insecure ? null : c.trusted());
        m.put("trustProblem", insecure ? null : c.trustProblem());
        m.put("hostnameMatches", insecure ? null : c.hostnameMatches());
        m.put("keyAlgorithm", c.keyAlgorithm());
        m.put("keyBits", c.keyBits());
        m.put("signatureAlgorithm", c.signatureAlgorithm());
        m.put("daysLeft", c.daysLeft());
        m.put("chain", Report.chainJson(c.chain()));
        return m;
    }

    private static List<Object> suites(ScanReport r) {
        List<Object> suites = new ArrayList<>();
        for (VersionSuites vs : r.suites()) {
            Map<String, Object> m = Json.object();
            m.put("version", vs.version().displayName());
            m.put("order", vs.serverOrder() == null ? null : vs.serverOrder() ? "server" : "client");
            List<Object> list = new ArrayList<>();
            for (CipherSuite s : vs.suites()) {
                Map<String, Object> one = Json.object();
                one.put("code", String.format("0x%04X", s.code()));
                one.put("name", s.ianaName());
                one.put("openssl", s.opensslName());
                list.add(one);
            }
            m.put("suites", list);
            suites.add(m);
        }
        return suites;
    }

    private static Map<String, Object> features(ScanReport r) {
        Features f = r.features();
        Map<String, Object> feats = Json.object();
        feats.put("extendedMasterSecret", f.extendedMasterSecret());
        feats.put("secureRenegotiation", f.secureRenegotiation());
        feats.put("encryptThenMac", f.encryptThenMac());
        feats.put("ocspStapling", f.ocspStapling());
        feats.put("sessionTicket", f.sessionTicket());
        feats.put("heartbeat", f.heartbeat());
        feats.put("compression", f.compression());
        feats.put("fallbackScsv", f.fallbackProtected());
        feats.put("alpn", f.alpn());
        feats.put("signedCertificateTimestamps", f.signedCertificateTimestamps());
        feats.put("recordSizeLimit", f.recordSizeLimit() < 0 ? null : f.recordSizeLimit());
        feats.put("earlyData", f.earlyData());
        feats.put("earlyDataNote", f.earlyDataNote());
        Map<String, Object> resumption = Json.object();
        resumption.put("tls12", resumed(r.resumption().tls12()));
        resumption.put("tls13", resumed(r.resumption().tls13()));
        feats.put("resumption", resumption);
        return feats;
    }

    private static List<Object> certificateKeys(ScanReport r) {
        List<Object> keys = new ArrayList<>();
        for (ScanReport.CertificateKey k : r.certificateKeys()) {
            Map<String, Object> m = Json.object();
            m.put("keyAlgorithm", k.keyAlgorithm());
            m.put("keyBits", k.keyBits() > 0 ? k.keyBits() : null);
            m.put("signatureAlgorithm", k.signatureAlgorithm());
            m.put("subject", k.subject());
            m.put("sha256", k.sha256());
            m.put("selectedBy", k.selectedBy());
            keys.add(m);
        }
        return keys;
    }

    /** {@code {"resumed": true}}, {@code {"resumed": null, "note": why}}, or null when not tried. */
    private static Map<String, Object> resumed(ScanReport.Resumption.Result r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = Json.object();
        m.put("resumed", r.resumed());
        if (r.note() != null) {
            m.put("note", r.note());
        }
        return m;
    }

    private static Map<String, Object> answer(Answer a) {
        Map<String, Object> m = Json.object();
        m.put("answer", a.kind().label());
        if (a.hello() != null) {
            m.put("version", ProtocolVersion.nameOf(a.hello().negotiatedVersion()));
            m.put("cipherSuite", CipherSuite.nameOf(a.hello().cipherSuite()));
            if (a.hello().keyShareGroup() >= 0) {
                m.put("group", NamedGroup.nameOf(a.hello().keyShareGroup()));
            }
        }
        if (a.alert() != null) {
            m.put("alert", a.alert().descriptionName());
            m.put("alertLevel", a.alert().levelName());
        }
        if (a.keyExchange() != null) {
            if (a.keyExchange().namedGroup() >= 0) {
                m.put("serverKeyExchangeGroup", NamedGroup.nameOf(a.keyExchange().namedGroup()));
            }
            if (a.keyExchange().dhPrimeBits() > 0) {
                m.put("dhBits", a.keyExchange().dhPrimeBits());
            }
        }
        if (a.detail() != null) {
            m.put("detail", a.detail());
        }
        m.put("ms", a.millis());
        return m;
    }
}
