package dev.tlskit.certs;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.security.auth.x500.X500Principal;

/**
 * What {@code tlskit certgen} makes: a CA, an optional intermediate, server and client certificates, and the
 * files that hold them, as a {@link FileSet} to write in one go. The profile factories ({@link #ca},
 * {@link #intermediate}, {@link #server}, {@link #client}) fix key usage and extended key usage per role; the
 * demo material and the test fixtures are made with them too.
 * <pre>{@code
 * Certgen.Result made = Certgen.builder().keyType(KeyType.EC_P256).build(); // CA + localhost server + client
 * made.files().writeTo(Path.of("tlskit-certs"), false);
 * }</pre>
 */
public final class Certgen {
    /** mkcert's habit: CAs live ten years, leaves a little over two. */
    public static final int CA_DAYS = 3650;
    public static final int LEAF_DAYS = 825;
    /** The password of key stores when none is given, as Java's own cacerts and mkcert use. */
    public static final String DEFAULT_STORE_PASSWORD = "changeit";
    public static final String DEFAULT_CLIENT_NAME = "tlskit client";
    public static final List<SubjectAltName> LOCALHOST = List.of(
            new SubjectAltName(SubjectAltName.Kind.DNS, "localhost"),
            new SubjectAltName(SubjectAltName.Kind.IP, "127.0.0.1"),
            new SubjectAltName(SubjectAltName.Kind.IP, "::1"));

    /** The role of a certificate made. */
    public enum Role { CA, INTERMEDIATE, SERVER, CLIENT }

    /**
     * One certificate made (or, for a CA given with {@link Builder#signWith}, used).
     *
     * @param chain the leaf first, then intermediates, without the root
     * @param files what was put in the file set for it, by kind ({@code certificate}, {@code key}, {@code chain},
     *        {@code p12}, {@code jks}), as names relative to the output directory
     */
    public record Item(Role role, HeldCertificate held, List<X509Certificate> chain, boolean selfSigned,
                       boolean existing, Map<String, String> files) {
        public X509Certificate certificate() {
            return held.certificate();
        }
    }

    /** Everything made: the items in order (CA first), the files to write, and warnings for the user. */
    public record Result(List<Item> items, FileSet files, List<String> warnings, KeyType keyType) {
    }

    private Certgen() {
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- profiles

    /** A root CA: basicConstraints CA (critical, path length {@code maxPathLength}), keyCertSign and cRLSign. */
    public static HeldCertificate ca(String commonName, String organization, KeyType keyType, Validity validity,
            int maxPathLength) {
        HeldCertificate.Builder b = HeldCertificate.builder().commonName(commonName).keyType(keyType)
                .certificateAuthority(maxPathLength).validity(validity);
        if (organization != null) {
            b.organization(organization);
        }
        return b.build();
    }

    /** An intermediate CA (path length 0) signed by {@code issuer}. */
    public static HeldCertificate intermediate(HeldCertificate issuer, String commonName, String organization,
            KeyType keyType, Validity validity) {
        HeldCertificate.Builder b = HeldCertificate.builder().commonName(commonName).keyType(keyType)
                .certificateAuthority(0).validity(validity).signedBy(issuer);
        if (organization != null) {
            b.organization(organization);
        }
        return b.build();
    }

    /**
     * A TLS server certificate: CN the first name, every name a SAN, digitalSignature (plus keyEncipherment for
     * RSA), EKU serverAuth. {@code issuer} null makes it self-signed.
     */
    public static HeldCertificate server(HeldCertificate issuer, List<SubjectAltName> names, KeyType keyType,
            Validity validity) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one name");
        }
        HeldCertificate.Builder b = HeldCertificate.builder().commonName(commonName(names)).keyType(keyType)
                .serverAuth().validity(validity);
        names.forEach(b::addSubjectAltName);
        if (issuer != null) {
            b.signedBy(issuer);
        }
        return b.build();
    }

    /**
     * A TLS client certificate: CN {@code name} (also an email or URI SAN when it is one), the extra names as
     * SANs, digitalSignature, EKU clientAuth. {@code issuer} null makes it self-signed.
     */
    public static HeldCertificate client(HeldCertificate issuer, String name, List<SubjectAltName> extraNames,
            KeyType keyType, Validity validity) {
        HeldCertificate.Builder b = HeldCertificate.builder().commonName(name).keyType(keyType).clientAuth()
                .validity(validity);
        if (name.contains("@") && !name.contains(" ")) {
            b.addSubjectAltName(new SubjectAltName(SubjectAltName.Kind.EMAIL, name));
        } else if (name.contains("://") && !name.contains(" ")) {
            b.addSubjectAltName(new SubjectAltName(SubjectAltName.Kind.URI, name));
        }
        extraNames.forEach(b::addSubjectAltName);
        if (issuer != null) {
            b.signedBy(issuer);
        }
        return b.build();
    }

    /**
     * The default CA name, like mkcert's, with a random id: {@code tlskit CA user@host 3f9a1c2e}. Different every
     * run, so a chain from one run's CA checked against another run's does not look like the same CA.
     */
    public static String defaultCaName() {
        String user = System.getProperty("user.name", "user");
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | SecurityException e) {
            host = "localhost";
        }
        byte[] id = new byte[4];
        new java.security.SecureRandom().nextBytes(id);
        return "tlskit CA " + user + "@" + host + " " + java.util.HexFormat.of().formatHex(id);
    }

    private static String commonName(List<SubjectAltName> names) {
        return names.stream().filter(n -> n.kind() == SubjectAltName.Kind.DNS).map(SubjectAltName::value)
                .findFirst().orElse(names.get(0).value());
    }

    /** Builds a {@link Result}. Setters check their input at once and throw IllegalArgumentException. */
    public static final class Builder {
        private KeyType keyType = KeyType.EC_P256;
        private Validity leafValidity;
        private List<SubjectAltName> serverNames;
        private String clientName;
        private List<SubjectAltName> clientNames = List.of();
        private boolean caOnly;
        private boolean intermediate;
        private boolean selfSigned;
        private HeldCertificate existingCa;
        private String caName;
        private String organization = "tlskit certgen (development only)";
        private boolean pkcs12;
        private boolean jks;
        private boolean trustStore;
        private char[] storePassword = DEFAULT_STORE_PASSWORD.toCharArray();

        private Builder() {
        }

        /** The type of every key made. If unset: {@link KeyType#EC_P256}. */
        public Builder keyType(KeyType keyType) {
            this.keyType = Objects.requireNonNull(keyType, "keyType");
            return this;
        }

        /**
         * Validity of the server and client certificates. If unset: {@value #LEAF_DAYS} days from an hour ago.
         * New CAs always cover it (and at least {@value #CA_DAYS} days from now).
         */
        public Builder leafValidity(Validity validity) {
            this.leafValidity = Objects.requireNonNull(validity, "validity");
            return this;
        }

        /** Makes a server certificate for these names. If unset (and no client): one for {@link #LOCALHOST}. */
        public Builder serverNames(List<SubjectAltName> names) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a server certificate needs at least one name");
            }
            this.serverNames = List.copyOf(names);
            return this;
        }

        /**
         * Makes a client certificate with CN {@code name} and these extra SANs. If unset: a client certificate
         * "{@value #DEFAULT_CLIENT_NAME}" only when no server names were set either.
         */
        public Builder client(String name, List<SubjectAltName> extraNames) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("client name must not be blank");
            }
            this.clientName = name;
            this.clientNames = List.copyOf(extraNames);
            return this;
        }

        /** Makes a CA only. If unset: a CA and leaves. */
        public Builder caOnly() {
            this.caOnly = true;
            return this;
        }

        /** Puts an intermediate CA between the CA and the leaves. If unset: the CA signs the leaves. */
        public Builder intermediate() {
            this.intermediate = true;
            return this;
        }

        /** Makes the leaves self-signed, with no CA. If unset: a CA signs them. */
        public Builder selfSigned() {
            this.selfSigned = true;
            return this;
        }

        /**
         * Signs with this existing CA instead of making one; its key is not written out.
         *
         * @throws IllegalArgumentException when the certificate is not a CA certificate
         */
        public Builder signWith(HeldCertificate ca) {
            Objects.requireNonNull(ca, "ca");
            if (ca.certificate().getBasicConstraints() < 0) {
                throw new IllegalArgumentException("certificate " + subject(ca.certificate())
                        + " is not a CA certificate (basicConstraints CA:false or missing)");
            }
            this.existingCa = ca;
            return this;
        }

        /** The CN of a new CA. If unset: {@link #defaultCaName()}. */
        public Builder caName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("CA name must not be blank");
            }
            this.caName = name;
            return this;
        }

        /** The O of new certificates' subjects (CAs only). If unset: "tlskit certgen (development only)". */
        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        /** Also writes each leaf as a PKCS#12 key store ({@code server.p12}). If unset: PEM only. */
        public Builder pkcs12() {
            this.pkcs12 = true;
            return this;
        }

        /** Also writes each leaf as a JKS key store ({@code server.jks}); the trust store then is JKS too. */
        public Builder jks() {
            this.jks = true;
            return this;
        }

        /** Also writes the CA as a trusted entry of {@code truststore.p12} (or {@code .jks} with {@link #jks}). */
        public Builder trustStore() {
            this.trustStore = true;
            return this;
        }

        /** The password of every key store written; empty for none. If unset: {@value #DEFAULT_STORE_PASSWORD}. */
        public Builder storePassword(char[] password) {
            this.storePassword = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /**
         * Makes the keys and certificates and collects the files.
         *
         * @throws IllegalStateException when the options conflict (the message names them)
         */
        public Result build() {
            checkConflicts();
            Validity leaf = leafValidity != null ? leafValidity : Validity.days(LEAF_DAYS);
            Validity caValidity = Validity.days(CA_DAYS).span(leaf);
            List<Item> items = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            FileSet files = new FileSet();

            List<SubjectAltName> server = serverNames;
            String client = clientName;
            if (!caOnly && server == null && client == null) {
                server = LOCALHOST;
                client = DEFAULT_CLIENT_NAME;
            }
            for (List<SubjectAltName> names : Arrays.asList(server, clientNames)) {
                if (names != null) {
                    names.stream().filter(SubjectAltName::isWildcard).forEach(n -> warnings.add("wildcard "
                            + n.value() + " matches one label only (not " + n.value().substring(2)
                            + " itself, nor a.b." + n.value().substring(2) + "); some clients refuse wildcards"));
                }
            }

            HeldCertificate signer = null;
            HeldCertificate root = null;
            List<X509Certificate> intermediates = new ArrayList<>();
            if (!selfSigned) {
                if (existingCa != null) {
                    root = existingCa;
                    items.add(new Item(Role.CA, root, List.of(root.certificate()), isSelfIssued(root.certificate()),
                            true, Map.of()));
                    if (root.certificate().getNotAfter().toInstant().isBefore(leaf.notAfter())) {
                        warnings.add("the CA " + subject(root.certificate()) + " expires "
                                + root.certificate().getNotAfter().toInstant()
                                + ", before the certificates it signs now");
                    }
                } else {
                    root = ca(caName != null ? caName : defaultCaName(), organization, keyType, caValidity, 1);
                    Map<String, String> f = new LinkedHashMap<>();
                    f.put("certificate", "ca.pem");
                    f.put("key", "ca.key");
                    files.add("ca.pem", root.certificatePem(), false);
                    files.add("ca.key", root.privateKeyPkcs8Pem(), true);
                    items.add(new Item(Role.CA, root, List.of(root.certificate()), true, false, f));
                }
                signer = root;
                if (intermediate) {
                    HeldCertificate mid = Certgen.intermediate(root, (caName != null ? caName : "tlskit")
                            + " intermediate", organization, keyType, caValidity);
                    Map<String, String> f = new LinkedHashMap<>();
                    f.put("certificate", "intermediate.pem");
                    f.put("key", "intermediate.key");
                    f.put("chain", "chain.pem");
                    files.add("intermediate.pem", mid.certificatePem(), false);
                    files.add("intermediate.key", mid.privateKeyPkcs8Pem(), true);
                    files.add("chain.pem", mid.certificatePem(), false);
                    items.add(new Item(Role.INTERMEDIATE, mid, List.of(mid.certificate(), root.certificate()),
                            false, false, f));
                    signer = mid;
                    intermediates.add(mid.certificate());
                }
            }
            List<X509Certificate> trusted = new ArrayList<>();
            if (root != null) {
                trusted.add(root.certificate());
            }
            if (!caOnly) {
                if (server != null) {
                    HeldCertificate held = Certgen.server(signer, server, keyType, leaf);
                    items.add(leafItem(Role.SERVER, "server", held, intermediates, root, files));
                    if (selfSigned) {
                        trusted.add(held.certificate());
                    }
                }
                if (client != null) {
                    HeldCertificate held = Certgen.client(signer, client, clientNames, keyType, leaf);
                    items.add(leafItem(Role.CLIENT, "client", held, intermediates, root, files));
                    if (selfSigned) {
                        trusted.add(held.certificate());
                    }
                }
            }
            if (trustStore) {
                KeyStores.Format format = jks ? KeyStores.Format.JKS : KeyStores.Format.PKCS12;
                files.add("truststore." + format.extension(), KeyStores.trustStore(format, trusted, storePassword),
                        false);
            }
            return new Result(List.copyOf(items), files, List.copyOf(warnings), keyType);
        }

        private Item leafItem(Role role, String name, HeldCertificate held, List<X509Certificate> intermediates,
                HeldCertificate root, FileSet files) {
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(held.certificate());
            chain.addAll(intermediates);
            Map<String, String> f = new LinkedHashMap<>();
            f.put("certificate", name + ".pem");
            f.put("key", name + ".key");
            files.add(name + ".pem", Pem.encode(chain.toArray(new X509Certificate[0])), false);
            files.add(name + ".key", held.privateKeyPkcs8Pem(), true);
            List<X509Certificate> storeChain = new ArrayList<>(chain);
            if (root != null) {
                storeChain.add(root.certificate()); // as mkcert does: the whole path, so importers find the CA
            }
            Identity identity = new Identity(held.keyPair().getPrivate(), storeChain);
            if (pkcs12) {
                f.put("p12", name + ".p12");
                files.add(name + ".p12", KeyStores.keyStore(KeyStores.Format.PKCS12, identity, storePassword), true);
            }
            if (jks) {
                f.put("jks", name + ".jks");
                files.add(name + ".jks", KeyStores.keyStore(KeyStores.Format.JKS, identity, storePassword), true);
            }
            return new Item(role, held, List.copyOf(chain), root == null, false, f);
        }

        private void checkConflicts() {
            if (caOnly && (serverNames != null || clientName != null)) {
                throw new IllegalStateException("--ca makes a CA only: it conflicts with server and client names");
            }
            if (caOnly && existingCa != null) {
                throw new IllegalStateException("--ca makes a new CA: it conflicts with --ca-cert/--ca-key");
            }
            if (selfSigned && (caOnly || intermediate || existingCa != null)) {
                throw new IllegalStateException("--self-signed makes no CA: it conflicts with "
                        + (caOnly ? "--ca" : intermediate ? "--intermediate" : "--ca-cert/--ca-key"));
            }
            if (intermediate && existingCa != null && existingCa.certificate().getBasicConstraints() == 0) {
                throw new IllegalStateException("the CA " + subject(existingCa.certificate())
                        + " has path length 0: it cannot sign an intermediate CA");
            }
            if (!pkcs12 && !jks && !trustStore && storePassword.length > 0
                    && !Arrays.equals(storePassword, DEFAULT_STORE_PASSWORD.toCharArray())) {
                throw new IllegalStateException("a key store password without --p12, --jks or --truststore");
            }
        }
    }

    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    private static boolean isSelfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    /** Midnight UTC of an ISO date, or an ISO instant/local date-time (UTC): the forms --not-before takes. */
    public static Instant parseInstant(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        try {
            if (t.length() == 10) {
                return java.time.LocalDate.parse(t).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            }
            if (t.endsWith("Z") || t.endsWith("z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(t.toUpperCase(Locale.ROOT)).toInstant();
            }
            return java.time.LocalDateTime.parse(t).toInstant(java.time.ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO date (e.g. 2025-01-31 or"
                    + " 2025-01-31T12:00:00Z)", e);
        }
    }
}
