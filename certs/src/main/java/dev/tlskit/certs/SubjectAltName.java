package dev.tlskit.certs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.tlskit.certs.internal.CertificateSigner;

/**
 * One subject alternative name: a DNS name (wildcards allowed as the leftmost label), an IPv4/IPv6 literal, an
 * email address or an absolute URI. Parse command-line forms with {@link #parse} ({@code dns:example.com}) or
 * {@link #guess} (mkcert's positional names).
 */
public record SubjectAltName(Kind kind, String value) {
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

    /** The kinds of name, by their command-line prefix. */
    public enum Kind {
        DNS("dns"), IP("ip"), EMAIL("email"), URI("uri");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** The lower-case prefix used on the command line, e.g. {@code dns}. */
        public String prefix() {
            return prefix;
        }
    }

    /** Checks the value for its kind; throws IllegalArgumentException naming the value. */
    public SubjectAltName {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        switch (kind) {
            case DNS -> checkDns(value);
            case IP -> {
                if (!CertificateSigner.isIpAddress(value)) {
                    throw new IllegalArgumentException("'" + value + "' is not an IPv4 or IPv6 address");
                }
            }
            case EMAIL -> {
                int at = value.indexOf('@');
                if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1
                        || value.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x21 || c > 0x7e)) {
                    throw new IllegalArgumentException("'" + value + "' is not an email address");
                }
            }
            case URI -> {
                try {
                    if (!new URI(value).isAbsolute()) {
                        throw new IllegalArgumentException("'" + value + "' is not an absolute URI");
                    }
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("'" + value + "' is not a URI: " + e.getReason(), e);
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /**
     * A name in {@code kind:value} form: {@code dns:example.com}, {@code ip:::1}, {@code email:a@b.c},
     * {@code uri:spiffe://x/y} (the prefix is case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    public static SubjectAltName parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + spec + "' has no type prefix (use dns:, ip:, email: or uri:)");
        }
        String prefix = spec.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = spec.substring(colon + 1);
        for (Kind kind : Kind.values()) {
            if (kind.prefix.equals(prefix)) {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("'" + spec + "' has an empty " + prefix + " name");
                }
                return new SubjectAltName(kind, value);
            }
        }
        throw new IllegalArgumentException("'" + spec + "' has an unknown type '" + prefix
                + "' (use dns:, ip:, email: or uri:)");
    }

    /**
     * A bare name as mkcert takes it: an IP literal is an IP name, {@code user@host} an email, {@code scheme://…}
     * a URI, anything else a DNS name. A {@code kind:} prefix is honoured too.
     */
    public static SubjectAltName guess(String name) {
        Objects.requireNonNull(name, "name");
        if (CertificateSigner.isIpAddress(name)) {
            return new SubjectAltName(Kind.IP, name);
        }
        if (name.contains("://")) {
            return new SubjectAltName(Kind.URI, name);
        }
        if (name.contains("@")) {
            return new SubjectAltName(Kind.EMAIL, name);
        }
        int colon = name.indexOf(':');
        if (colon > 0) {
            return parse(name);
        }
        return new SubjectAltName(Kind.DNS, name);
    }

    /** True for a DNS name whose leftmost label is {@code *}. */
    public boolean isWildcard() {
        return kind == Kind.DNS && value.startsWith("*.");
    }

    @Override
    public String toString() {
        return kind.prefix + ":" + value;
    }

    private static void checkDns(String name) {
        String body = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (body.isEmpty() || body.length() > 253) {
            throw new IllegalArgumentException("'" + name + "' is not a DNS name");
        }
        String[] labels = body.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (i == 0 && label.equals("*")) {
                if (labels.length < 3) {
                    throw new IllegalArgumentException("'" + name + "': a wildcard needs at least two labels after"
                            + " it (e.g. *.example.com)");
                }
                continue;
            }
            if (label.contains("*")) {
                throw new IllegalArgumentException("'" + name + "': a wildcard is only allowed as the whole leftmost"
                        + " label (e.g. *.example.com)");
            }
            if (!DNS_LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a DNS name (bad label '" + label + "')");
            }
        }
    }
}
