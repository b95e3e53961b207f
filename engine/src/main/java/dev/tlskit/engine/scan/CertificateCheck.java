package dev.tlskit.engine.scan;

import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.IpLiteral;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.starttls.StartTls;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The certificate part of a scan: one real handshake with the engine that trusts anything, then the verdicts. */
final class CertificateCheck {
    private CertificateCheck() {}

    /** The chain a real handshake saw, or why it failed. */
    record Result(List<X509Certificate> chain, String error) {}

    static Result handshake(ScanTarget target, ScanSettings settings, String serverName) {
        Duration t = settings.connectTimeout().plus(settings.probeTimeout());
        TlsConfig config = TlsConfig.forClient().insecure().serverName(serverName).handshakeTimeout(t)
                .readTimeout(t).build();
        try (TlsConnection c = connect(TlsContext.create(config), target, settings)) {
            return new Result(c.summary().peerChain(), null);
        } catch (TlsException e) {
            return new Result(List.of(), e.getMessage());
        } catch (RuntimeException e) {
            return new Result(List.of(), String.valueOf(e.getMessage()));
        }
    }

    /** A handshake through the engine, after the STARTTLS prelude when the settings have one. */
    static TlsConnection connect(TlsContext context, ScanTarget target, ScanSettings settings) throws TlsException {
        if (settings.starttls() == null) {
            return TlsConnection.connect(context, target.host(), target.port(), settings.family());
        }
        return StartTls.connect(context, settings.starttls(), settings.starttlsName(), target.host(), target.port(),
                settings.family(), null).connection();
    }

    /** The verdicts on the handshake's chain, else on the plaintext one; null when neither has a certificate. */
    static CertificateReport report(Result handshake, List<X509Certificate> plaintext, ScanTarget target,
            String serverName, ScanSettings settings) {
        List<X509Certificate> chain = !handshake.chain().isEmpty() ? handshake.chain() : plaintext;
        if (chain.isEmpty()) {
            return null;
        }
        String source = !handshake.chain().isEmpty() ? "handshake" : "plaintext";
        X509Certificate leaf = chain.get(0);
        String trustProblem = trust(chain, settings);
        String name = serverName != null ? serverName : target.host();
        int bits = -1;
        if (leaf.getPublicKey() instanceof RSAPublicKey rsa) {
            bits = rsa.getModulus().bitLength();
        } else if (leaf.getPublicKey() instanceof ECPublicKey ec) {
            bits = ec.getParams().getCurve().getField().getFieldSize();
        }
        long days = Duration.between(Instant.now(), leaf.getNotAfter().toInstant()).toDays();
        if (leaf.getNotAfter().toInstant().isBefore(Instant.now())) {
            days = Math.min(days, -1);
        }
        return new CertificateReport(chain, source, handshake.error(), trustProblem == null, trustProblem,
                matches(leaf, name), leaf.getPublicKey().getAlgorithm(), bits, leaf.getSigAlgName(), days);
    }

    /** Null when the chain verifies against the anchors (and the platform store if asked), else why not. */
    private static String trust(List<X509Certificate> chain, ScanSettings settings) {
        try {
            List<X509TrustManager> managers = new ArrayList<>();
            if (!settings.trustAnchors().isEmpty()) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                int i = 0;
                for (X509Certificate c : settings.trustAnchors()) {
                    ks.setCertificateEntry("anchor-" + i++, c);
                }
                managers.add(manager(ks));
            }
            if (settings.trustPlatform()) {
                managers.add(manager(null));
            }
            if (managers.isEmpty()) {
                return "no trust anchors given";
            }
            X509Certificate[] array = chain.toArray(new X509Certificate[0]);
            String authType = chain.get(0).getPublicKey().getAlgorithm().equals("EC") ? "ECDHE_ECDSA" : "ECDHE_RSA";
            String problem = null;
            for (X509TrustManager m : managers) {
                try {
                    m.checkServerTrusted(array, authType);
                    return null;
                } catch (CertificateException e) {
                    problem = e.getMessage();
                }
            }
            return problem;
        } catch (Exception e) {
            return "cannot check trust: " + e.getMessage();
        }
    }

    private static X509TrustManager manager(KeyStore ks) throws Exception {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        for (TrustManager m : f.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509TrustManager");
    }

    /**
     * Whether the leaf names {@code host}: an IP literal against the IP SANs, a name against the DNS SANs (a
     * leading {@code *.} matching one label, RFC 6125 section 6.4.3), the subject CN only when there is no DNS SAN.
     */
    static boolean matches(X509Certificate leaf, String host) {
        InetAddress ip = IpLiteral.parse(host);
        List<String> dns = new ArrayList<>();
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    String value = String.valueOf(san.get(1));
                    if (type == 7 && ip != null && ip.equals(IpLiteral.parse(value))) {
                        return true;
                    }
                    if (type == 2) {
                        dns.add(value);
                    }
                }
            }
        } catch (CertificateException e) {
            return false;
        }
        if (ip != null) {
            return false;
        }
        if (dns.isEmpty()) {
            String dn = leaf.getSubjectX500Principal().getName();
            for (String rdn : dn.split(",")) {
                if (rdn.trim().startsWith("CN=")) {
                    dns.add(rdn.trim().substring(3));
                }
            }
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String d : dns) {
            String n = d.toLowerCase(Locale.ROOT);
            if (n.equals(h)) {
                return true;
            }
            if (n.startsWith("*.") && h.indexOf('.') > 0 && h.substring(h.indexOf('.')).equals(n.substring(1))) {
                return true;
            }
        }
        return false;
    }
}
