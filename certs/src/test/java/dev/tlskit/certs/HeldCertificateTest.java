package dev.tlskit.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldCertificateTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @Test
    void defaultsToSelfSignedEcP256ValidForAYear() throws Exception {
        Instant before = Instant.now();
        HeldCertificate held = HeldCertificate.builder().commonName("example").build();
        X509Certificate cert = held.certificate();

        assertEquals("SHA256withECDSA", cert.getSigAlgName());
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        cert.verify(held.keyPair().getPublic());
        assertEquals(held.keyPair().getPublic(), cert.getPublicKey());
        assertEquals(3, cert.getVersion());
        assertTrue(cert.getSerialNumber().signum() > 0);
        assertTrue(cert.getSerialNumber().bitLength() <= 128);
        Duration sinceStart = Duration.between(cert.getNotBefore().toInstant(), before);
        assertTrue(sinceStart.compareTo(Duration.ofMinutes(59)) > 0 && sinceStart.compareTo(Duration.ofMinutes(61)) < 0,
                sinceStart.toString());
        Duration untilEnd = Duration.between(before, cert.getNotAfter().toInstant());
        assertTrue(untilEnd.compareTo(Duration.ofDays(364)) > 0 && untilEnd.compareTo(Duration.ofDays(366)) < 0,
                untilEnd.toString());
        assertEquals(-1, cert.getBasicConstraints());
        assertNull(cert.getExtendedKeyUsage());
    }

    @Test
    void defaultCommonNameIsTheFirstDnsName() {
        X509Certificate cert = HeldCertificate.builder().addDnsName("a.example").addDnsName("b.example").build()
                .certificate();
        assertEquals("CN=a.example", cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
    }

    @Test
    void subjectHasOrganizationAndCommonName() {
        X509Certificate cert = HeldCertificate.builder().commonName("host").organization("acme").build().certificate();
        assertEquals("CN=host,O=acme", cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
    }

    @Test
    void certificateAuthorityHasCriticalBasicConstraintsAndCertSignKeyUsage() {
        X509Certificate ca = HeldCertificate.builder().commonName("ca").certificateAuthority(2).build().certificate();
        assertEquals(2, ca.getBasicConstraints());
        assertTrue(ca.getCriticalExtensionOIDs().contains("2.5.29.19"));
        assertTrue(ca.getCriticalExtensionOIDs().contains("2.5.29.15"));
        boolean[] usage = ca.getKeyUsage();
        assertTrue(usage[5], "keyCertSign");
        assertTrue(usage[6], "cRLSign");
        assertFalse(usage[0], "digitalSignature");
    }

    @Test
    void certificateAuthorityWithoutPathLengthLimit() {
        X509Certificate ca = HeldCertificate.builder().commonName("ca").certificateAuthority(-1).build().certificate();
        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints());
    }

    @Test
    void rejectsNegativePathLength() {
        assertThrows(IllegalArgumentException.class, () -> HeldCertificate.builder().certificateAuthority(-2));
    }

    @Test
    void serverLeafHasServerAuthAndDigitalSignature() throws Exception {
        X509Certificate leaf = HeldCertificate.builder().commonName("s").serverAuth().build().certificate();
        assertEquals(List.of(SERVER_AUTH), leaf.getExtendedKeyUsage());
        boolean[] usage = leaf.getKeyUsage();
        assertTrue(usage[0], "digitalSignature");
        assertFalse(usage[2], "keyEncipherment is for RSA only");
        assertFalse(usage[5], "keyCertSign");
    }

    @Test
    void rsaLeafAlsoHasKeyEncipherment() throws Exception {
        HeldCertificate held = HeldCertificate.builder().commonName("s").keyType(KeyType.RSA_2048).serverAuth()
                .clientAuth().build();
        X509Certificate leaf = held.certificate();
        assertEquals("SHA256withRSA", leaf.getSigAlgName());
        assertTrue(leaf.getKeyUsage()[0] && leaf.getKeyUsage()[2]);
        assertEquals(List.of(SERVER_AUTH, CLIENT_AUTH), leaf.getExtendedKeyUsage());
    }

    @Test
    void signatureAlgorithmFollowsTheIssuerKey() throws Exception {
        HeldCertificate p384 = HeldCertificate.builder().commonName("ca").keyType(KeyType.EC_P384)
                .certificateAuthority(0).build();
        assertEquals("SHA384withECDSA", p384.certificate().getSigAlgName());
        HeldCertificate ed = HeldCertificate.builder().commonName("ed").keyType(KeyType.ED25519).build();
        assertEquals("Ed25519", ed.certificate().getSigAlgName());
        ed.certificate().verify(ed.keyPair().getPublic());

        HeldCertificate leafUnderP384 = HeldCertificate.builder().commonName("leaf").keyType(KeyType.ED25519)
                .signedBy(p384).build();
        assertEquals("SHA384withECDSA", leafUnderP384.certificate().getSigAlgName());
        leafUnderP384.certificate().verify(p384.keyPair().getPublic());
    }

    @Test
    void signedByUsesIssuerNameAndKeyIdentifiers() throws Exception {
        HeldCertificate ca = HeldCertificate.builder().commonName("root").organization("o")
                .certificateAuthority(0).build();
        HeldCertificate leaf = HeldCertificate.builder().commonName("leaf").signedBy(ca).build();

        assertEquals(ca.certificate().getSubjectX500Principal(), leaf.certificate().getIssuerX500Principal());
        leaf.certificate().verify(ca.keyPair().getPublic());
        byte[] caSki = keyIdentifier(ca.certificate().getExtensionValue("2.5.29.14"), 4);
        byte[] leafAki = keyIdentifier(leaf.certificate().getExtensionValue("2.5.29.35"), 6);
        assertArrayEquals(caSki, leafAki);
        assertFalse(Arrays.equals(caSki, keyIdentifier(leaf.certificate().getExtensionValue("2.5.29.14"), 4)));
    }

    @Test
    void chainThroughAnIntermediateValidatesWithPkix() throws Exception {
        HeldCertificate root = HeldCertificate.builder().commonName("root").certificateAuthority(1).build();
        HeldCertificate intermediate = HeldCertificate.builder().commonName("intermediate").certificateAuthority(0)
                .signedBy(root).build();
        HeldCertificate leaf = HeldCertificate.builder().commonName("leaf").addDnsName("leaf.test").serverAuth()
                .signedBy(intermediate).build();

        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root.certificate(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                factory.generateCertPath(List.of(leaf.certificate(), intermediate.certificate())), parameters);
    }

    @Test
    void subjectAlternativeNamesIncludeIpv6EmailAndUri() throws Exception {
        X509Certificate cert = HeldCertificate.builder().commonName("n")
                .addDnsName("localhost").addIpAddress("127.0.0.1").addIpAddress("::1")
                .addIpAddress("2001:db8::5").addEmail("ops@example.com").addUri("spiffe://example.com/svc")
                .build().certificate();
        assertEquals(List.of(
                List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"),
                List.of(7, "2001:db8:0:0:0:0:0:5"), List.of(1, "ops@example.com"),
                List.of(6, "spiffe://example.com/svc")), List.copyOf(cert.getSubjectAlternativeNames()));
    }

    @Test
    void rejectsInvalidSubjectAlternativeNamesWhenSet() {
        HeldCertificate.Builder builder = HeldCertificate.builder();
        IllegalArgumentException ip = assertThrows(IllegalArgumentException.class,
                () -> builder.addIpAddress("localhost"));
        assertEquals("not an IP address literal: 'localhost'", ip.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.addIpAddress("300.1.1.1"));
        assertThrows(IllegalArgumentException.class, () -> builder.addDnsName("bad name"));
        assertThrows(IllegalArgumentException.class, () -> builder.addEmail("nobody"));
        assertThrows(IllegalArgumentException.class, () -> builder.addUri("relative/path"));
    }

    @Test
    void buildsExpiredCertificates() {
        X509Certificate cert = HeldCertificate.builder().commonName("old")
                .notBefore(Instant.now().minus(Duration.ofDays(10)))
                .notAfter(Instant.now().minus(Duration.ofDays(1))).build().certificate();
        assertThrows(CertificateExpiredException.class, cert::checkValidity);
    }

    @Test
    void buildsNotYetValidCertificates() {
        X509Certificate cert = HeldCertificate.builder().commonName("future")
                .notBefore(Instant.now().plus(Duration.ofDays(1)))
                .notAfter(Instant.now().plus(Duration.ofDays(10))).build().certificate();
        assertThrows(CertificateNotYetValidException.class, cert::checkValidity);
    }

    @Test
    void validityBeyond2049IsEncodedCorrectly() throws Exception {
        Instant end = Instant.parse("2075-01-01T00:00:00Z");
        X509Certificate cert = HeldCertificate.builder().commonName("long")
                .notBefore(Instant.parse("2025-01-01T00:00:00Z")).notAfter(end).build().certificate();
        assertEquals(Date.from(end), cert.getNotAfter());
        cert.checkValidity(Date.from(Instant.parse("2074-12-31T23:59:59Z")));
    }

    @Test
    void validForSetsBothEnds() {
        X509Certificate cert = HeldCertificate.builder().commonName("short").validFor(Duration.ofHours(2)).build()
                .certificate();
        long hours = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toHours();
        assertEquals(2, hours);
    }

    @Test
    void rejectsNotAfterBeforeNotBefore() {
        HeldCertificate.Builder builder = HeldCertificate.builder().commonName("x")
                .notBefore(Instant.parse("2030-01-01T00:00:00Z")).notAfter(Instant.parse("2029-01-01T00:00:00Z"));
        assertThrows(IllegalStateException.class, builder::build);
    }

    @Test
    void reusesAGivenKeyPairAndSerialNumber() {
        KeyPair pair = KeyType.EC_P256.generate();
        HeldCertificate held = HeldCertificate.builder().commonName("k").keyPair(pair)
                .serialNumber(BigInteger.valueOf(42)).build();
        assertSame(pair, held.keyPair());
        assertEquals(pair.getPublic(), held.certificate().getPublicKey());
        assertEquals(BigInteger.valueOf(42), held.certificate().getSerialNumber());
        assertThrows(IllegalArgumentException.class, () -> HeldCertificate.builder().serialNumber(BigInteger.ZERO));
    }

    @Test
    void rejectsBothKeyTypeAndKeyPair() {
        HeldCertificate.Builder builder = HeldCertificate.builder().keyType(KeyType.EC_P384)
                .keyPair(KeyType.EC_P256.generate());
        assertThrows(IllegalStateException.class, builder::build);
    }

    @Test
    void pemConveniencesRoundTripThroughPem(@TempDir Path dir) throws Exception {
        HeldCertificate held = HeldCertificate.builder().commonName("pem").build();
        assertTrue(held.certificatePem().startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(held.privateKeyPkcs8Pem().startsWith("-----BEGIN PRIVATE KEY-----\n"));
        Path file = dir.resolve("both.pem");
        Files.writeString(file, held.certificatePem() + held.privateKeyPkcs8Pem());
        Identity identity = Identity.load(file, null, null);
        assertEquals(held.certificate(), identity.leaf());
        assertEquals(held.keyPair().getPrivate(), identity.privateKey());
    }

    /** The key identifier bytes inside an extension value (OCTET STRING wrapping the extension's DER). */
    private static byte[] keyIdentifier(byte[] extensionValue, int offset) {
        // SKI: 04 16 04 14 <20>; AKI: 04 18 30 16 80 14 <20> (SHA-1 key identifiers)
        return Arrays.copyOfRange(extensionValue, offset, offset + 20);
    }
}
