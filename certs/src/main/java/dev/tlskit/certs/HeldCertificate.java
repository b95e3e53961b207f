package dev.tlskit.certs;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.tlskit.certs.internal.CertificateSigner;
import dev.tlskit.certs.internal.CertificateSigner.San;
import dev.tlskit.certs.internal.CertificateSigner.SanKind;

/**
 * A certificate and the key pair whose public half it certifies. Build one with {@link #builder()}:
 * <pre>{@code
 * HeldCertificate ca = HeldCertificate.builder().commonName("test CA").certificateAuthority(0).build();
 * HeldCertificate server = HeldCertificate.builder()
 *         .commonName("localhost").addDnsName("localhost").addIpAddress("127.0.0.1")
 *         .serverAuth().signedBy(ca).build();
 * }</pre>
 */
public record HeldCertificate(KeyPair keyPair, X509Certificate certificate) {

    public HeldCertificate {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(certificate, "certificate");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The certificate as one PEM {@code CERTIFICATE} block. */
    public String certificatePem() {
        return Pem.encode(certificate);
    }

    /** The private key as an unencrypted PKCS#8 {@code PRIVATE KEY} PEM block. */
    public String privateKeyPkcs8Pem() {
        return Pem.encodePkcs8(keyPair.getPrivate());
    }

    /** Builds {@link HeldCertificate}s. Setters check their input at once and throw IllegalArgumentException. */
    public static final class Builder {
        private static final SecureRandom RANDOM = new SecureRandom();
        private static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

        private String commonName;
        private String organization;
        private KeyType keyType;
        private KeyPair keyPair;
        private final List<San> sans = new ArrayList<>();
        private Instant notBefore;
        private Instant notAfter;
        private Integer caMaxPathLength;
        private boolean serverAuth;
        private boolean clientAuth;
        private HeldCertificate issuer;
        private BigInteger serialNumber;

        private Builder() {
        }

        /** The subject's CN. If unset: the first DNS name added, else a random UUID. */
        public Builder commonName(String commonName) {
            this.commonName = requireText(commonName, "common name");
            return this;
        }

        /** The subject's O. If unset: the subject has no organization. */
        public Builder organization(String organization) {
            this.organization = requireText(organization, "organization");
            return this;
        }

        /** The type of a freshly generated key pair. If unset: {@link KeyType#EC_P256}. Not with {@link #keyPair}. */
        public Builder keyType(KeyType keyType) {
            this.keyType = Objects.requireNonNull(keyType, "keyType");
            return this;
        }

        /** An existing key pair to certify. If unset: a new pair of {@link #keyType} is generated. */
        public Builder keyPair(KeyPair keyPair) {
            this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
            return this;
        }

        /** Adds a DNS subject alternative name (wildcards allowed). If none added: no DNS names. */
        public Builder addDnsName(String dnsName) {
            String name = requireText(dnsName, "DNS name");
            if (name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("invalid DNS name '" + dnsName + "'");
            }
            sans.add(new San(SanKind.DNS, name));
            return this;
        }

        /** Adds an IPv4 or IPv6 address literal as a subject alternative name. If none added: no IP names. */
        public Builder addIpAddress(String ipAddress) {
            Objects.requireNonNull(ipAddress, "ipAddress");
            if (!CertificateSigner.isIpAddress(ipAddress)) {
                throw new IllegalArgumentException("not an IP address literal: '" + ipAddress + "'");
            }
            sans.add(new San(SanKind.IP, ipAddress));
            return this;
        }

        /** Adds an email (rfc822Name) subject alternative name. If none added: no email names. */
        public Builder addEmail(String email) {
            String value = requireText(email, "email");
            if (value.indexOf('@') <= 0 || value.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("invalid email address '" + email + "'");
            }
            sans.add(new San(SanKind.EMAIL, value));
            return this;
        }

        /** Adds an absolute URI subject alternative name (e.g. a SPIFFE ID). If none added: no URIs. */
        public Builder addUri(String uri) {
            String value = requireText(uri, "URI");
            try {
                if (!new URI(value).isAbsolute()) {
                    throw new IllegalArgumentException("URI is not absolute: '" + uri + "'");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("invalid URI '" + uri + "'", e);
            }
            sans.add(new San(SanKind.URI, value));
            return this;
        }

        /** Adds a subject alternative name of any kind. If none added: no SAN extension. */
        public Builder addSubjectAltName(SubjectAltName name) {
            Objects.requireNonNull(name, "name");
            return switch (name.kind()) {
                case DNS -> addDnsName(name.value());
                case IP -> addIpAddress(name.value());
                case EMAIL -> addEmail(name.value());
                case URI -> addUri(name.value());
            };
        }

        /** Both ends of validity at once. If unset: see {@link #notBefore} and {@link #notAfter}. */
        public Builder validity(Validity validity) {
            Objects.requireNonNull(validity, "validity");
            this.notBefore = validity.notBefore();
            this.notAfter = validity.notAfter();
            return this;
        }

        /** Start of validity (may be in the future, for tests). If unset: one hour before {@link #build()}. */
        public Builder notBefore(Instant notBefore) {
            this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
            return this;
        }

        /** End of validity (may be in the past, for tests). If unset: 365 days after {@link #build()}. */
        public Builder notAfter(Instant notAfter) {
            this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
            return this;
        }

        /**
         * Valid from now for {@code duration}: sets {@link #notBefore} to now and {@link #notAfter} to now plus
         * the duration, replacing earlier values of both. If unset: see those two setters.
         */
        public Builder validFor(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("validity must be positive: " + duration);
            }
            Instant now = Instant.now();
            this.notBefore = now;
            this.notAfter = now.plus(duration);
            return this;
        }

        /**
         * Makes this a CA certificate: basicConstraints CA (critical) with this path length limit (-1: none),
         * key usage keyCertSign and cRLSign. If unset: an end-entity certificate (CA false, key usage
         * digitalSignature, plus keyEncipherment for RSA keys).
         */
        public Builder certificateAuthority(int maxPathLength) {
            if (maxPathLength < -1) {
                throw new IllegalArgumentException("max path length must be >= 0 (or -1 for none): "
                        + maxPathLength);
            }
            this.caMaxPathLength = maxPathLength;
            return this;
        }

        /** Adds extended key usage serverAuth. If neither this nor {@link #clientAuth()}: no EKU extension. */
        public Builder serverAuth() {
            this.serverAuth = true;
            return this;
        }

        /** Adds extended key usage clientAuth. If neither this nor {@link #serverAuth()}: no EKU extension. */
        public Builder clientAuth() {
            this.clientAuth = true;
            return this;
        }

        /** The issuer whose key signs this certificate. If unset: self-signed. */
        public Builder signedBy(HeldCertificate issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** The serial number (positive). If unset: a random positive 128-bit number. */
        public Builder serialNumber(BigInteger serialNumber) {
            Objects.requireNonNull(serialNumber, "serialNumber");
            if (serialNumber.signum() <= 0) {
                throw new IllegalArgumentException("serial number must be positive: " + serialNumber);
            }
            this.serialNumber = serialNumber;
            return this;
        }

        /**
         * Generates the key pair (unless one was given) and signs the certificate.
         *
         * @throws IllegalStateException when both {@link #keyType} and {@link #keyPair} were set, or notAfter is
         *         before notBefore
         */
        public HeldCertificate build() {
            if (keyType != null && keyPair != null) {
                throw new IllegalStateException("set keyType or keyPair, not both");
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant start = notBefore != null ? notBefore : now.minus(Duration.ofHours(1));
            Instant end = notAfter != null ? notAfter : now.plus(DEFAULT_VALIDITY);
            if (end.isBefore(start)) {
                throw new IllegalStateException("notAfter " + end + " is before notBefore " + start);
            }
            KeyPair pair = keyPair != null ? keyPair : (keyType != null ? keyType : KeyType.EC_P256).generate();
            String cn = commonName != null ? commonName : sans.stream()
                    .filter(san -> san.kind() == SanKind.DNS).map(San::value).findFirst()
                    .orElseGet(() -> UUID.randomUUID().toString());
            BigInteger serial = serialNumber != null ? serialNumber : randomSerial();

            X509Certificate certificate = CertificateSigner.sign(new CertificateSigner.Request(
                    cn, organization, pair.getPublic(),
                    issuer == null ? null : issuer.certificate(),
                    issuer == null ? pair.getPrivate() : issuer.keyPair().getPrivate(),
                    serial, start, end, List.copyOf(sans), caMaxPathLength, serverAuth, clientAuth));
            return new HeldCertificate(pair, certificate);
        }

        private static BigInteger randomSerial() {
            BigInteger serial;
            do {
                serial = new BigInteger(128, RANDOM);
            } while (serial.signum() == 0);
            return serial;
        }

        private static String requireText(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
