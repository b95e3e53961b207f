package dev.tlskit.certs.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/** Builds and signs X.509 v3 certificates with Bouncy Castle, returning the JDK's certificate objects. */
public final class CertificateSigner {

    /** The kinds of subject alternative name tlskit writes. */
    public enum SanKind {
        DNS(GeneralName.dNSName), IP(GeneralName.iPAddress), EMAIL(GeneralName.rfc822Name),
        URI(GeneralName.uniformResourceIdentifier);

        private final int tag;

        SanKind(int tag) {
            this.tag = tag;
        }
    }

    public record San(SanKind kind, String value) {
        public San {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Everything a certificate needs. {@code issuer} null means self-signed; {@code caMaxPathLength} null means
     * an end-entity certificate, -1 a CA without a path length limit.
     */
    public record Request(String commonName, String organization, PublicKey subjectKey, X509Certificate issuer,
                          PrivateKey signingKey, BigInteger serialNumber, Instant notBefore, Instant notAfter,
                          List<San> sans, Integer caMaxPathLength, boolean serverAuth, boolean clientAuth) {
    }

    private CertificateSigner() {
    }

    /** True when {@code literal} is an IPv4 or IPv6 address literal (no DNS lookup). */
    public static boolean isIpAddress(String literal) {
        return IPAddress.isValid(literal);
    }

    public static X509Certificate sign(Request request) {
        try {
            X500Name subject = subjectName(request.commonName(), request.organization());
            X500Name issuer = request.issuer() == null
                    ? subject
                    : X500Name.getInstance(request.issuer().getSubjectX500Principal().getEncoded());
            PublicKey issuerKey = request.issuer() == null ? request.subjectKey() : request.issuer().getPublicKey();

            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, request.serialNumber(),
                    Date.from(request.notBefore()), Date.from(request.notAfter()), subject, request.subjectKey());
            JcaX509ExtensionUtils extensionUtils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils.createSubjectKeyIdentifier(request.subjectKey()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensionUtils.createAuthorityKeyIdentifier(issuerKey));

            if (request.caMaxPathLength() != null) {
                int maxPath = request.caMaxPathLength();
                builder.addExtension(Extension.basicConstraints, true,
                        maxPath < 0 ? new BasicConstraints(true) : new BasicConstraints(maxPath));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                int usage = KeyUsage.digitalSignature;
                if (request.subjectKey() instanceof RSAKey) {
                    usage |= KeyUsage.keyEncipherment; // TLS 1.2 RSA key exchange
                }
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            }

            List<KeyPurposeId> purposes = new ArrayList<>();
            if (request.serverAuth()) {
                purposes.add(KeyPurposeId.id_kp_serverAuth);
            }
            if (request.clientAuth()) {
                purposes.add(KeyPurposeId.id_kp_clientAuth);
            }
            if (!purposes.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purposes.toArray(new KeyPurposeId[0])));
            }

            if (!request.sans().isEmpty()) {
                GeneralName[] names = request.sans().stream()
                        .map(san -> new GeneralName(san.kind().tag, san.value()))
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }

            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(request.signingKey()))
                    .build(request.signingKey());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (IOException | CertificateException | OperatorCreationException
                 | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build certificate for CN=" + request.commonName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static X500Name subjectName(String commonName, String organization) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        if (organization != null) {
            name.addRDN(BCStyle.O, organization);
        }
        name.addRDN(BCStyle.CN, commonName);
        return name.build();
    }

    /** The signature algorithm tlskit signs with for a given signing key. */
    public static String signatureAlgorithm(PrivateKey key) {
        if (key instanceof RSAKey) {
            return "SHA256withRSA";
        }
        if (key instanceof ECKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            return bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        String algorithm = key.getAlgorithm();
        if (algorithm.equalsIgnoreCase("EdDSA") || algorithm.equalsIgnoreCase("Ed25519")) {
            return key instanceof java.security.interfaces.EdECKey ed ? ed.getParams().getName() : "Ed25519";
        }
        if (algorithm.equalsIgnoreCase("Ed448")) {
            return "Ed448";
        }
        throw new IllegalArgumentException("cannot sign with a " + algorithm + " key");
    }
}
