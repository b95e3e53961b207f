package dev.tlskit.cli;

import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpLiteral;
import dev.tlskit.engine.model.TraceEvent;
import java.io.PrintWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** How a handshake summary and trace events are shown: the seed's text lines, and JSON. */
public final class Report {
    private Report() {}

    /** The seed's three status lines (the curve line only when a group was used). */
    public static void seedLines(PrintWriter out, HandshakeSummary s) {
        out.println("SSL version is " + s.protocol());
        out.println("SSL cipher suite is " + s.cipherSuite());
        if (s.group() != null) {
            out.println("SSL curve name is " + s.group());
        }
    }

    /**
     * One record as trace text: {@code ->    0.412 ms  TLS 1.0   Handshake  312  Client Hello}, then one indented
     * line per detail ({@code    versions TLS 1.3, TLS 1.2}); {@code ->} sent, {@code <-} received; milliseconds
     * since {@code originNanos}.
     */
    public static String traceText(TraceEvent e, long originNanos) {
        String arrow = e.direction() == dev.tlskit.engine.model.Direction.SENT ? "->" : "<-";
        StringBuilder sb = new StringBuilder(String.format("%s %9.3f ms  %-8s %-18s %5d  %s%n", arrow,
                (e.nanos() - originNanos) / 1e6, e.versionName(), e.contentType(), e.length(),
                String.join(", ", e.messages())));
        for (String d : TraceText.details(e)) {
            sb.append("                  ").append(d).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** A record as JSON, as the handshake summary lists them. */
    public static Map<String, Object> traceJson(TraceEvent e) {
        Map<String, Object> m = Json.object();
        m.put("direction", e.direction());
        m.put("contentType", e.contentType());
        m.put("version", e.versionName());
        m.put("length", e.length());
        m.put("messages", e.messages());
        m.put("details", TraceText.details(e));
        return m;
    }

    /** A trace event as JSON: the record, and its time in ms since {@code originNanos}. */
    public static Map<String, Object> traceJson(TraceEvent e, long originNanos) {
        Map<String, Object> m = Json.object();
        m.put("ms", (e.nanos() - originNanos) / 1e6);
        m.putAll(traceJson(e));
        return m;
    }

    public static Map<String, Object> handshakeJson(HandshakeSummary s) {
        Map<String, Object> m = Json.object();
        m.put("provider", s.provider().cliName());
        m.put("protocol", s.protocol());
        m.put("cipherSuite", s.cipherSuite());
        m.put("group", s.group());
        m.put("postQuantum", s.postQuantum());
        m.put("helloRetry", s.helloRetried());
        m.put("resumed", s.resumed());
        m.put("alpn", s.applicationProtocol());
        m.put("sni", s.serverName());
        m.put("verification", s.verification());
        m.put("hostnameVerified", s.hostnameVerified());
        m.put("handshakeMs", s.handshakeTime().toNanos() / 1e6);
        m.put("peerChain", chainJson(s.peerChain()));
        m.put("localChain", chainJson(s.localChain()));
        List<Object> records = new ArrayList<>();
        s.records().forEach(e -> records.add(traceJson(e)));
        m.put("messages", records);
        return m;
    }

    public static List<Object> chainJson(List<X509Certificate> chain) {
        List<Object> out = new ArrayList<>();
        chain.forEach(c -> out.add(certificateJson(c)));
        return out;
    }

    public static Map<String, Object> certificateJson(X509Certificate c) {
        Map<String, Object> m = Json.object();
        m.put("subject", c.getSubjectX500Principal().getName());
        m.put("issuer", c.getIssuerX500Principal().getName());
        m.put("serial", c.getSerialNumber().toString(16));
        m.put("notBefore", c.getNotBefore().toInstant().toString());
        m.put("notAfter", c.getNotAfter().toInstant().toString());
        m.put("san", subjectAltNames(c));
        m.put("keyType", keyType(c));
        m.put("signatureAlgorithm", c.getSigAlgName());
        m.put("sha256", sha256(c));
        return m;
    }

    /** SANs as {@code DNS:localhost}, {@code IP:127.0.0.1}, {@code email:..}, {@code URI:..}. */
    public static List<String> subjectAltNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> names = c.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    String prefix = switch ((Integer) n.get(0)) {
                        case 1 -> "email:";
                        case 2 -> "DNS:";
                        case 6 -> "URI:";
                        case 7 -> "IP:";
                        default -> "other:";
                    };
                    Object value = n.get(1);
                    java.net.InetAddress ip = prefix.equals("IP:") ? IpLiteral.parse(String.valueOf(value)) : null;
                    out.add(prefix + (ip != null ? IpLiteral.format(ip) : value)); // IPv6 compressed: IP:::1
                }
            }
        } catch (CertificateParsingException e) {
            out.add("unparseable: " + e.getMessage());
        }
        return out;
    }

    static String keyType(X509Certificate c) {
        if (c.getPublicKey() instanceof RSAKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength();
        }
        if (c.getPublicKey() instanceof ECKey ec) {
            return "EC-P" + ec.getParams().getCurve().getField().getFieldSize();
        }
        return c.getPublicKey().getAlgorithm();
    }

    public static String sha256(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("SHA-256 of a certificate", e);
        }
    }

    /**
     * How the group was reached, for people: {@code X25519MLKEM768 (post-quantum hybrid), from the first
     * ClientHello's key share} or {@code X25519, after a HelloRetryRequest}.
     */
    public static String keyExchange(HandshakeSummary s) {
        String kind = s.postQuantum() ? " (post-quantum" + (s.group().startsWith("MLKEM") ? ")" : " hybrid)") : "";
        String path = !s.protocol().equals("TLSv1.3") ? ""
                : s.helloRetried() ? ", after a HelloRetryRequest" : ", from the first ClientHello's key share";
        return s.group() + kind + path;
    }

    /** Short stderr lines for --verbose: peer identity and checks. */
    public static void verboseLines(PrintWriter err, HandshakeSummary s) {
        err.printf("tlskit: %s handshake with %s in %.1f ms%s%n", s.protocol(), s.provider().cliName(),
                s.handshakeTime().toNanos() / 1e6, s.resumed() ? " (resumed)" : "");
        if (s.group() != null) {
            err.println("tlskit: key exchange " + keyExchange(s));
        }
        if (!s.peerChain().isEmpty()) {
            X509Certificate leaf = s.peerChain().get(0);
            err.printf("tlskit: peer certificate %s, issued by %s, valid until %s (%s)%n",
                    leaf.getSubjectX500Principal().getName(), leaf.getIssuerX500Principal().getName(),
                    leaf.getNotAfter().toInstant(), s.verification().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (s.applicationProtocol() != null) {
            err.println("tlskit: ALPN " + s.applicationProtocol());
        }
    }
}
