package dev.tlskit.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertgenTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path dir;

    @Test
    void defaultSetIsCaPlusLocalhostServerPlusClient() throws Exception {
        Certgen.Result made = Certgen.builder().build();
        assertEquals(List.of(Certgen.Role.CA, Certgen.Role.SERVER, Certgen.Role.CLIENT),
                made.items().stream().map(Certgen.Item::role).toList());
        X509Certificate ca = made.items().get(0).certificate();
        X509Certificate server = made.items().get(1).certificate();
        X509Certificate client = made.items().get(2).certificate();
        assertEquals(1, ca.getBasicConstraints());
        assertTrue(ca.getKeyUsage()[5] && ca.getKeyUsage()[6], "keyCertSign, cRLSign");
        assertEquals(-1, server.getBasicConstraints());
        assertTrue(server.getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of(SERVER_AUTH), server.getExtendedKeyUsage());
        assertEquals(List.of(CLIENT_AUTH), client.getExtendedKeyUsage());
        assertEquals(Set.of(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1")),
                Set.copyOf(server.getSubjectAlternativeNames()));
        assertEquals("EC", server.getPublicKey().getAlgorithm());
        validate(ca, server);
        validate(ca, client);
        assertEquals(List.of("ca.pem", "ca.key", "server.pem", "server.key", "client.pem", "client.key"),
                made.files().entries().stream().map(FileSet.Entry::name).toList());
    }

    @Test
    void serialsAreRandomAndAbout128Bits() {
        Certgen.Result a = Certgen.builder().caOnly().build();
        Certgen.Result b = Certgen.builder().caOnly().build();
        X509Certificate x = a.items().get(0).certificate();
        assertNotEquals(x.getSerialNumber(), b.items().get(0).certificate().getSerialNumber());
        assertTrue(x.getSerialNumber().bitLength() > 100 && x.getSerialNumber().bitLength() <= 128);
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void everyKeyTypeMakesAValidChainWithAnIntermediate(KeyType keyType) throws Exception {
        Certgen.Result made = Certgen.builder().keyType(keyType).intermediate().build();
        X509Certificate ca = made.items().get(0).certificate();
        Certgen.Item mid = made.items().get(1);
        Certgen.Item server = made.items().get(2);
        assertEquals(Certgen.Role.INTERMEDIATE, mid.role());
        assertEquals(0, mid.certificate().getBasicConstraints());
        assertEquals(2, server.chain().size(), "leaf + intermediate");
        validate(ca, server.chain().toArray(new X509Certificate[0]));
        assertTrue(made.files().entries().stream().anyMatch(e -> e.name().equals("chain.pem")));
    }

    @Test
    void selfSignedMakesNoCa() throws Exception {
        Certgen.Result made = Certgen.builder().selfSigned()
                .serverNames(List.of(SubjectAltName.guess("example.test"))).build();
        assertEquals(1, made.items().size());
        X509Certificate leaf = made.items().get(0).certificate();
        assertEquals(leaf.getSubjectX500Principal(), leaf.getIssuerX500Principal());
        leaf.verify(leaf.getPublicKey());
        assertTrue(made.items().get(0).selfSigned());
    }

    @Test
    void signsWithAnExistingCaWithoutWritingItsKey() throws Exception {
        HeldCertificate ca = Certgen.ca("existing", null, KeyType.EC_P384, Validity.days(100), 0);
        Certgen.Result made = Certgen.builder().signWith(ca)
                .serverNames(List.of(SubjectAltName.guess("api.test"))).build();
        assertTrue(made.files().entries().stream().noneMatch(e -> e.name().startsWith("ca.")));
        validate(ca.certificate(), made.items().get(1).certificate());
        assertTrue(made.warnings().stream().anyMatch(w -> w.contains("expires")), made.warnings().toString());
        assertThrows(IllegalStateException.class, () -> Certgen.builder().signWith(ca).intermediate().build());
        HeldCertificate leaf = HeldCertificate.builder().build();
        assertThrows(IllegalArgumentException.class, () -> Certgen.builder().signWith(leaf));
    }

    @Test
    void expiredAndNotYetValidAreOneSettingAway() throws Exception {
        Instant now = Instant.now();
        Certgen.Result expired = Certgen.builder()
                .leafValidity(new Validity(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z")))
                .build();
        X509Certificate ca = expired.items().get(0).certificate();
        assertTrue(ca.getNotBefore().toInstant().isBefore(Instant.parse("2020-01-02T00:00:00Z")), "CA covers it");
        X509Certificate server = expired.items().get(1).certificate();
        assertThrows(java.security.cert.CertificateExpiredException.class, server::checkValidity);
        assertThrows(CertPathValidatorException.class, () -> validate(ca, server));
        Certgen.Result future = Certgen.builder().leafValidity(new Validity(now.plusSeconds(86_400),
                now.plusSeconds(86_400 * 10))).build();
        assertThrows(java.security.cert.CertificateNotYetValidException.class,
                () -> future.items().get(1).certificate().checkValidity());
    }

    @Test
    void keyStoresHoldTheChainAndTheTrustedCa() throws Exception {
        Certgen.Result made = Certgen.builder().pkcs12().jks().trustStore()
                .storePassword("s3cret".toCharArray()).build();
        FileSet files = made.files();
        files.writeTo(dir, false);
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("server.p12"))) {
            p12.load(in, "s3cret".toCharArray());
        }
        assertEquals(2, p12.getCertificateChain(Identity.ALIAS).length, "leaf + CA");
        KeyStore jks = KeyStore.getInstance("JKS");
        try (var in = Files.newInputStream(dir.resolve("client.jks"))) {
            jks.load(in, "s3cret".toCharArray());
        }
        assertTrue(jks.isKeyEntry(Identity.ALIAS));
        KeyStore trust = KeyStore.getInstance("JKS");
        try (var in = Files.newInputStream(dir.resolve("truststore.jks"))) {
            trust.load(in, "s3cret".toCharArray());
        }
        assertTrue(trust.isCertificateEntry(KeyStores.CA_ALIAS));
        assertEquals(made.items().get(0).certificate(), trust.getCertificate(KeyStores.CA_ALIAS));
        Identity loaded = Identity.load(dir.resolve("server.p12"), null, "s3cret".toCharArray());
        assertEquals(made.items().get(1).certificate(), loaded.leaf());
    }

    @Test
    void fileSetRefusesToOverwriteAndWritesNothing() throws Exception {
        Files.writeString(dir.resolve("server.key"), "mine");
        FileSet files = new FileSet().add("ca.pem", "a", false).add("server.key", "b", true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> files.writeTo(dir, false));
        assertTrue(e.getMessage().contains("server.key") && e.getMessage().contains("already exists"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("ca.pem")));
        assertEquals("mine", Files.readString(dir.resolve("server.key")));
        files.writeTo(dir, true);
        assertEquals("b", Files.readString(dir.resolve("server.key")));
        try (var list = Files.list(dir)) {
            assertEquals(2, list.count(), "no staging directory left behind");
        }
    }

    @Test
    void secretFilesAreOwnerOnly() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
        Certgen.builder().pkcs12().build().files().writeTo(dir.resolve("new/sub"), false);
        for (String name : List.of("ca.key", "server.key", "client.key", "server.p12")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("new/sub").resolve(name))), name);
        }
        assertEquals("rw-r--r--".substring(0, 3), PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("new/sub/ca.pem"))).substring(0, 3));
    }

    @Test
    void fileSetIntoAFileFailsCleanly() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FileSet().add("a.pem", "a", false).writeTo(file.resolve("sub"), false));
        assertTrue(e.getMessage().startsWith(file.resolve("sub").toString()), e.getMessage());
    }

    @Test
    void subjectAltNamesParseAndRejectWithTheValueNamed() {
        assertEquals(new SubjectAltName(SubjectAltName.Kind.IP, "::1"), SubjectAltName.parse("ip:::1"));
        assertEquals(SubjectAltName.Kind.EMAIL, SubjectAltName.guess("a@b.test").kind());
        assertEquals(SubjectAltName.Kind.URI, SubjectAltName.guess("spiffe://x/y").kind());
        assertEquals(SubjectAltName.Kind.IP, SubjectAltName.guess("10.0.0.1").kind());
        assertTrue(SubjectAltName.guess("*.example.test").isWildcard());
        for (String bad : List.of("dns:a..b", "ip:300.1.1.1", "email:nobody", "uri:relative/path", "foo:bar",
                "dns:", "dns:*.com", "dns:a.*.test", "nocolon")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SubjectAltName.parse(bad), bad);
            assertTrue(e.getMessage().contains("'"), e.getMessage());
        }
    }

    @Test
    void fixturesCoverEveryCaseWithAOneLineReadme() throws Exception {
        Fixtures.Result set = Fixtures.generate(KeyType.EC_P256);
        set.files().writeTo(dir, false);
        X509Certificate ca = set.ca().certificate();
        for (Fixtures.Case kind : Fixtures.Case.values()) {
            Path folder = dir.resolve(kind.folder());
            assertEquals(1, Files.readAllLines(folder.resolve("README.txt")).size(), kind.folder());
            assertTrue(Files.exists(folder.resolve("server.pem")) && Files.exists(folder.resolve("server.key")));
        }
        validate(ca, set.fixture(Fixtures.Case.VALID).leaf().certificate());
        validate(ca, set.fixture(Fixtures.Case.WRONG_HOST).leaf().certificate()); // chain fine, name wrong
        for (Fixtures.Case kind : List.of(Fixtures.Case.EXPIRED, Fixtures.Case.NOT_YET_VALID,
                Fixtures.Case.SELF_SIGNED, Fixtures.Case.UNTRUSTED_ROOT, Fixtures.Case.MISSING_INTERMEDIATE)) {
            assertThrows(CertPathValidatorException.class,
                    () -> validate(ca, set.fixture(kind).leaf().certificate()), kind.folder());
        }
    }

    // ---- with openssl and keytool

    @Test
    void opensslVerifiesTheChainsAndReadsTheNames() {
        OpenSsl.assumeAvailable();
        Certgen.builder().serverNames(List.of(SubjectAltName.guess("example.test"),
                        SubjectAltName.guess("*.example.test"), SubjectAltName.guess("10.1.2.3"),
                        SubjectAltName.guess("fd00::7"), SubjectAltName.guess("ops@example.test"),
                        SubjectAltName.guess("spiffe://example.test/api")))
                .client("alice@example.test", List.of()).build().files().writeTo(dir.resolve("plain"), false);
        Path plain = dir.resolve("plain");
        assertTrue(OpenSsl.runOk(plain, "verify", "-CAfile", "ca.pem", "server.pem").output().contains("OK"));
        OpenSsl.runOk(plain, "verify", "-CAfile", "ca.pem", "-purpose", "sslclient", "client.pem");
        String text = OpenSsl.runOk(plain, "x509", "-noout", "-text", "-in", "server.pem").output();
        for (String name : List.of("DNS:example.test", "DNS:*.example.test", "IP Address:10.1.2.3",
                "IP Address:FD00:0:0:0:0:0:0:7", "email:ops@example.test", "URI:spiffe://example.test/api",
                "TLS Web Server Authentication", "CA:FALSE")) {
            assertTrue(text.contains(name), name + " in\n" + text);
        }
        assertTrue(OpenSsl.runOk(plain, "x509", "-noout", "-text", "-in", "client.pem").output()
                .contains("email:alice@example.test"));
        assertTrue(OpenSsl.runOk(plain, "x509", "-noout", "-text", "-in", "ca.pem").output()
                .contains("CA:TRUE, pathlen:1"));

        Certgen.builder().intermediate().build().files().writeTo(dir.resolve("mid"), false);
        Path mid = dir.resolve("mid");
        OpenSsl.runOk(mid, "verify", "-CAfile", "ca.pem", "-untrusted", "chain.pem", "server.pem");
        OpenSsl.runOk(mid, "verify", "-CAfile", "ca.pem", "-untrusted", "chain.pem", "client.pem");
        assertEquals(2, Pem.readCertificates(mid.resolve("server.pem")).size(), "server.pem: leaf + intermediate");
        assertNotEquals(0, OpenSsl.run(mid, "verify", "-CAfile", "ca.pem", "server.pem").exitCode(),
                "without the intermediate the chain does not verify");
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void opensslReadsEveryKeyTypeAndPkcs12(KeyType keyType) {
        OpenSsl.assumeAvailable();
        Certgen.builder().keyType(keyType).pkcs12().build().files().writeTo(dir, false);
        OpenSsl.runOk(dir, "verify", "-CAfile", "ca.pem", "server.pem");
        OpenSsl.runOk(dir, "pkey", "-in", "server.key", "-noout");
        String info = OpenSsl.runOk(dir, "pkcs12", "-info", "-in", "server.p12", "-passin", "pass:changeit",
                "-nokeys").output();
        assertTrue(info.contains("BEGIN CERTIFICATE") && info.contains("MAC"), info);
    }

    @Test
    void opensslReadsAPasswordlessPkcs12() {
        OpenSsl.assumeAvailable();
        Certgen.builder().pkcs12().storePassword(new char[0]).build().files().writeTo(dir, false);
        String info = OpenSsl.runOk(dir, "pkcs12", "-info", "-in", "client.p12", "-passin", "pass:", "-nodes")
                .output();
        assertTrue(info.contains("BEGIN PRIVATE KEY") && info.contains("BEGIN CERTIFICATE"), info);
    }

    @Test
    void keytoolListsKeyStoresAndTrustStores() throws Exception {
        Certgen.builder().pkcs12().jks().trustStore().build().files().writeTo(dir, false);
        Certgen.builder().trustStore().build().files().writeTo(dir.resolve("p12trust"), false);
        String p12 = keytool("-list", "-keystore", dir.resolve("server.p12").toString(), "-storetype", "PKCS12",
                "-storepass", "changeit");
        assertTrue(p12.contains("PrivateKeyEntry") && p12.contains(Identity.ALIAS), p12);
        String jks = keytool("-list", "-keystore", dir.resolve("server.jks").toString(), "-storetype", "JKS",
                "-storepass", "changeit");
        assertTrue(jks.contains("PrivateKeyEntry"), jks);
        String trust = keytool("-list", "-keystore", dir.resolve("truststore.jks").toString(), "-storepass",
                "changeit");
        assertTrue(trust.contains("trustedCertEntry") && trust.contains(KeyStores.CA_ALIAS), trust);
        String trustP12 = keytool("-list", "-keystore", dir.resolve("p12trust/truststore.p12").toString(),
                "-storepass", "changeit");
        assertTrue(trustP12.contains("trustedCertEntry"), trustP12);
    }

    private static String keytool(String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isExecutable(keytool), "keytool must exist in CI");
        }
        assumeTrue(Files.isExecutable(keytool), "keytool not found");
        List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    private static void validate(X509Certificate anchor, X509Certificate... chain) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        params.setRevocationEnabled(false);
        params.setDate(new Date());
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(chain)), params);
    }
}
