package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.IpLiteral;
import java.net.IDN;
import java.net.InetAddress;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Whether a server certificate is valid for a name, as RFC 6125 (and RFC 2818 for HTTPS) says: an IP literal
 * against the iPAddress SANs by value; a host name against the dNSName SANs, case-insensitively, a wildcard standing
 * for exactly one whole left-most label ({@code *.example.org}, never {@code *.org}); the subject's CN only when
 * the certificate has no dNSName SAN at all (as SunJSSE's HTTPS check and OpenSSL's {@code X509_check_host} do).
 *
 * <p>tlskit checks names itself instead of through JSSE's endpoint identification: both SunJSSE and BCJSSE, given
 * an SNI name, fall back to the connected host when the certificate does not match the SNI name, so
 * {@code -h 127.0.0.1 -S example.org} passed with a certificate for 127.0.0.1 only, and their messages named the
 * host rather than the name that was checked.
 */
public final class HostnameCheck {
    private HostnameCheck() {}

    /** The name check failed: the message lists the names the certificate has and the one it was checked for. */
    public static final class Mismatch extends CertificateException {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }

    /** @throws Mismatch naming the certificate's names and {@code name}, when none matches */
    public static void verify(X509Certificate leaf, String name) throws CertificateException {
        if (name == null || name.isEmpty()) {
            throw new CertificateException("no host name to verify the server certificate against");
        }
        if (matches(leaf, name)) {
            return;
        }
        List<String> names = names(leaf);
        throw new Mismatch(names.isEmpty()
                ? "certificate has no DNS or IP names (no subjectAltName, no CN); none matches " + name
                : "certificate names " + String.join(", ", names) + "; none matches " + name);
    }

    /** Whether {@code leaf} is valid for {@code name} (a host name or an IP literal). */
    public static boolean matches(X509Certificate leaf, String name) {
        InetAddress ip = IpLiteral.parse(name);
        List<List<?>> sans = sans(leaf);
        if (ip != null) {
            for (List<?> san : sans) {
                if (type(san) == 7 && ip.equals(IpLiteral.parse(String.valueOf(san.get(1))))) {
                    return true;
                }
            }
            return false;
        }
        String host = ascii(name);
        if (host == null) {
            return false;
        }
        boolean anyDns = false;
        for (List<?> san : sans) {
            if (type(san) == 2) {
                anyDns = true;
                if (dnsMatches(String.valueOf(san.get(1)), host)) {
                    return true;
                }
            }
        }
        if (!anyDns) {
            String cn = commonName(leaf);
            return cn != null && dnsMatches(cn, host);
        }
        return false;
    }

    /** The names {@code leaf} can be verified for, as they read: DNS names, IP addresses (IPv6 compressed), or the CN. */
    public static List<String> names(X509Certificate leaf) {
        List<String> out = new ArrayList<>();
        boolean anyDns = false;
        for (List<?> san : sans(leaf)) {
            if (type(san) == 2) {
                anyDns = true;
                out.add(String.valueOf(san.get(1)));
            } else if (type(san) == 7) {
                InetAddress a = IpLiteral.parse(String.valueOf(san.get(1)));
                out.add(a == null ? String.valueOf(san.get(1)) : IpLiteral.format(a));
            }
        }
        if (!anyDns) {
            String cn = commonName(leaf);
            if (cn != null) {
                out.add(cn + " (CN)");
            }
        }
        return out;
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = ascii(pattern);
        if (p == null) {
            return false;
        }
        if (p.equals(host)) {
            return true;
        }
        if (!p.startsWith("*.")) {
            return false;
        }
        String suffix = p.substring(1); // ".example.org"
        int dot = host.indexOf('.');
        // One whole label, and at least two labels under the wildcard: *.example.org yes, *.org never.
        return dot > 0 && host.substring(dot).equals(suffix) && suffix.indexOf('.', 1) > 0;
    }

    /** Lower-case ASCII (IDNA) form without a trailing dot, or null for a name that is not one. */
    private static String ascii(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            return IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int type(List<?> san) {
        return san.get(0) instanceof Integer i ? i : -1;
    }

    private static List<List<?>> sans(X509Certificate c) {
        try {
            Collection<List<?>> all = c.getSubjectAlternativeNames();
            return all == null ? List.of() : List.copyOf(all);
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String commonName(X509Certificate c) {
        try {
            String cn = null;
            for (Rdn rdn : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue()); // the last (most specific) CN wins
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
