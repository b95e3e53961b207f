package dev.tlskit.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
    private static final char[] PASSWORD = "s3cret".toCharArray();
    private static KeyPair rsa;
    private static KeyPair ec;
    private static KeyPair ed25519;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateKeys() {
        rsa = KeyType.RSA_2048.generate();
        ec = KeyType.EC_P256.generate();
        ed25519 = KeyType.ED25519.generate();
    }

    // ---- private key formats ----

    @Test
    void readsPkcs8KeysOfEveryType() throws Exception {
        for (KeyPair pair : List.of(rsa, ec, ed25519)) {
            PrivateKey read = Pem.readPrivateKey(write("k.pem", Pem.encodePkcs8(pair.getPrivate())), null);
            assertSameKey(pair.getPrivate(), read);
            assertJdkKey(read);
        }
    }

    @Test
    void readsPkcs1RsaKeys() throws Exception {
        String pem = Pem.encodePkcs1(rsa.getPrivate());
        assertTrue(pem.startsWith("-----BEGIN RSA PRIVATE KEY-----\n"));
        PrivateKey read = Pem.readPrivateKey(write("rsa.key", pem), null);
        assertEquals(rsa.getPrivate(), read);
        assertJdkKey(read);
    }

    @Test
    void readsSec1EcKeys() throws Exception {
        String pem = Pem.encodeSec1(ec.getPrivate());
        assertTrue(pem.startsWith("-----BEGIN EC PRIVATE KEY-----\n"));
        PrivateKey read = Pem.readPrivateKey(write("ec.key", pem), null);
        assertSameKey(ec.getPrivate(), read);
        assertJdkKey(read);
    }

    @Test
    void readsSec1KeysPrecededByEcParameters() throws Exception {
        String parameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
        PrivateKey read = Pem.readPrivateKey(write("ec.key", parameters + Pem.encodeSec1(ec.getPrivate())), null);
        assertSameKey(ec.getPrivate(), read);
    }

    @Test
    void readsEncryptedPkcs8Keys() throws Exception {
        for (KeyPair pair : List.of(rsa, ec, ed25519)) {
            String pem = Pem.encodeEncryptedPkcs8(pair.getPrivate(), PASSWORD);
            assertTrue(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
            PrivateKey read = Pem.readPrivateKey(write("enc.key", pem), PASSWORD);
            assertSameKey(pair.getPrivate(), read);
            assertJdkKey(read);
        }
    }

    @Test
    void returnsJdkKeysEvenWithBouncyCastleInstalledLast() throws Exception {
        // The engine's "bc" provider appends BC's JCE provider; BC's key converter would then pick BC's ECDSA key.
        java.security.Provider bc = new org.bouncycastle.jce.provider.BouncyCastleProvider();
        java.security.Security.addProvider(bc);
        try {
            for (String pem : List.of(Pem.encodePkcs8(ec.getPrivate()), Pem.encodeSec1(ec.getPrivate()),
                    Pem.encodeEncryptedPkcs8(ec.getPrivate(), PASSWORD))) {
                PrivateKey read = Pem.readPrivateKey(write("ec.key", pem), PASSWORD);
                assertJdkKey(read);
                assertEquals("EC", read.getAlgorithm());
            }
        } finally {
            java.security.Security.removeProvider(bc.getName());
        }
    }

    @Test
    void readsDerPkcs8Keys() throws Exception {
        Path file = dir.resolve("k.der");
        Files.write(file, ec.getPrivate().getEncoded());
        assertSameKey(ec.getPrivate(), Pem.readPrivateKey(file, null));
    }

    @Test
    void findsTheKeyAfterCertificatesInACombinedFile() throws Exception {
        HeldCertificate held = HeldCertificate.builder().commonName("c").build();
        Path file = write("combined.pem", held.certificatePem() + "some text\n" + held.privateKeyPkcs8Pem());
        assertEquals(held.keyPair().getPrivate(), Pem.readPrivateKey(file, null));
    }

    @Test
    void encryptedKeyWithoutPasswordAsksForOne() throws Exception {
        Path file = write("enc.key", Pem.encodeEncryptedPkcs8(ec.getPrivate(), PASSWORD));
        assertError(file + ": encrypted private key needs a password (--key-password)",
                () -> Pem.readPrivateKey(file, null));
    }

    @Test
    void encryptedKeyWithWrongPasswordIsRejected() throws Exception {
        Path file = write("enc.key", Pem.encodeEncryptedPkcs8(ec.getPrivate(), PASSWORD));
        IllegalArgumentException e = assertError(file + ": wrong password for encrypted private key",
                () -> Pem.readPrivateKey(file, "nope".toCharArray()));
        assertNotNull(e.getCause());
    }

    @Test
    void fileWithoutAPrivateKeyIsRejected() throws Exception {
        Path file = write("cert.pem", HeldCertificate.builder().commonName("c").build().certificatePem());
        assertError(file + ": no private key found", () -> Pem.readPrivateKey(file, null));
    }

    @Test
    void missingKeyFileIsRejected() {
        Path file = dir.resolve("server.key");
        IllegalArgumentException e = assertError(file + ": no such file", () -> Pem.readPrivateKey(file, null));
        assertNotNull(e.getCause());
    }

    @Test
    void garbageKeyFileIsRejected() throws Exception {
        Path file = write("garbage.key", "this is not a key\n");
        assertError(file + ": not a PEM or DER file", () -> Pem.readPrivateKey(file, null));
    }

    @Test
    void unreadableFileIsRejected() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = write("locked.key", Pem.encodePkcs8(ec.getPrivate()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: permissions are not enforced");
        assertError(file + ": not readable", () -> Pem.readPrivateKey(file, null));
    }

    // ---- certificates ----

    @Test
    void readsAllCertificatesInOrder() throws Exception {
        X509Certificate a = HeldCertificate.builder().commonName("a").build().certificate();
        X509Certificate b = HeldCertificate.builder().commonName("b").build().certificate();
        X509Certificate c = HeldCertificate.builder().commonName("c").build().certificate();
        Path file = write("chain.pem", "leading text\n" + Pem.encode(a, b) + "\n\n" + Pem.encode(c));
        assertEquals(List.of(a, b, c), Pem.readCertificates(file));
    }

    @Test
    void readsASingleDerCertificate() throws Exception {
        X509Certificate cert = HeldCertificate.builder().commonName("der").build().certificate();
        Path file = dir.resolve("cert.der");
        Files.write(file, cert.getEncoded());
        assertEquals(List.of(cert), Pem.readCertificates(file));
    }

    @Test
    void pemWithoutCertificatesIsRejected() throws Exception {
        Path file = write("key.pem", Pem.encodePkcs8(ec.getPrivate()));
        assertError(file + ": no PEM certificate found", () -> Pem.readCertificates(file));
    }

    @Test
    void garbageCertificateFileIsRejected() throws Exception {
        Path file = write("garbage.pem", "hello\n");
        assertError(file + ": not a PEM or DER file", () -> Pem.readCertificates(file));
    }

    @Test
    void malformedPemBlockIsRejected() throws Exception {
        Path file = write("broken.pem", "-----BEGIN CERTIFICATE-----\nMIIB!!!\n-----END CERTIFICATE-----\n");
        assertThrows(IllegalArgumentException.class, () -> Pem.readCertificates(file));
    }

    @Test
    void missingCertificateFileIsRejected() {
        Path file = dir.resolve("nope.pem");
        assertError(file + ": no such file", () -> Pem.readCertificates(file));
    }

    // ---- writing ----

    @Test
    void writesPrivateKeysOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path key = dir.resolve("w.key");
        Pem.write(key, Pem.encodePkcs8(ec.getPrivate()), true);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        Path cert = dir.resolve("w.pem");
        Pem.write(cert, "x", false);
        assertFalse(PosixFilePermissions.toString(Files.getPosixFilePermissions(cert)).equals("rw-------"));

        Files.setPosixFilePermissions(cert, PosixFilePermissions.fromString("rw-r--r--"));
        Pem.write(cert, Pem.encodePkcs8(ec.getPrivate()), true);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cert)));
        assertSameKey(ec.getPrivate(), Pem.readPrivateKey(cert, null));
    }

    @Test
    void writeIntoMissingDirectoryNamesThePath() {
        Path file = dir.resolve("missing/x.pem");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pem.write(file, "x", false));
        assertTrue(e.getMessage().startsWith(file + ": cannot write"), e.getMessage());
    }

    // ---- openssl interop ----

    @Test
    void opensslReadsOurEncryptedPkcs8AndSec1AndPkcs1() throws Exception {
        OpenSsl.assumeAvailable();
        write("enc.key", Pem.encodeEncryptedPkcs8(ec.getPrivate(), PASSWORD));
        String text = OpenSsl.runOk(dir, "pkey", "-in", "enc.key", "-passin", "pass:s3cret", "-noout", "-text")
                .output();
        assertTrue(text.contains("NIST CURVE: P-256"), text);
        String params = OpenSsl.runOk(dir, "asn1parse", "-in", "enc.key").output();
        assertTrue(params.contains("aes-256-cbc") && params.contains("hmacWithSHA256"), params);
        write("ed.key", Pem.encodeEncryptedPkcs8(ed25519.getPrivate(), PASSWORD));
        OpenSsl.runOk(dir, "pkey", "-in", "ed.key", "-passin", "pass:s3cret", "-noout");

        write("sec1.key", Pem.encodeSec1(ec.getPrivate()));
        OpenSsl.runOk(dir, "ec", "-in", "sec1.key", "-check", "-noout");
        write("pkcs1.key", Pem.encodePkcs1(rsa.getPrivate()));
        OpenSsl.runOk(dir, "rsa", "-in", "pkcs1.key", "-check", "-noout");
    }

    @Test
    void readsKeysWrittenByOpenssl() throws Exception {
        OpenSsl.assumeAvailable();
        write("rsa.key", Pem.encodePkcs8(rsa.getPrivate()));
        write("ec.key", Pem.encodePkcs8(ec.getPrivate()));
        // Legacy OpenSSL encrypted PEM (Proc-Type: 4,ENCRYPTED / DEK-Info).
        OpenSsl.runOk(dir, "rsa", "-in", "rsa.key", "-traditional", "-aes128", "-passout", "pass:x",
                "-out", "legacy-rsa.key");
        OpenSsl.runOk(dir, "ec", "-in", "ec.key", "-des3", "-passout", "pass:x", "-out", "legacy-ec.key");
        assertTrue(Files.readString(dir.resolve("legacy-rsa.key")).contains("Proc-Type: 4,ENCRYPTED"));
        assertTrue(Files.readString(dir.resolve("legacy-ec.key")).contains("Proc-Type: 4,ENCRYPTED"));
        assertEquals(rsa.getPrivate(), Pem.readPrivateKey(dir.resolve("legacy-rsa.key"), "x".toCharArray()));
        assertSameKey(ec.getPrivate(), Pem.readPrivateKey(dir.resolve("legacy-ec.key"), "x".toCharArray()));
        assertError(dir.resolve("legacy-rsa.key") + ": wrong password for encrypted private key",
                () -> Pem.readPrivateKey(dir.resolve("legacy-rsa.key"), "y".toCharArray()));
        assertError(dir.resolve("legacy-ec.key") + ": encrypted private key needs a password (--key-password)",
                () -> Pem.readPrivateKey(dir.resolve("legacy-ec.key"), null));

        // Old PKCS#5 v1.5 / PKCS#12 PBE scheme and OpenSSL's default PBES2.
        OpenSsl.runOk(dir, "pkcs8", "-topk8", "-in", "ec.key", "-v1", "PBE-SHA1-3DES", "-passout", "pass:x",
                "-out", "pbe-sha1-3des.key");
        assertSameKey(ec.getPrivate(), Pem.readPrivateKey(dir.resolve("pbe-sha1-3des.key"), "x".toCharArray()));
        OpenSsl.runOk(dir, "pkcs8", "-topk8", "-in", "rsa.key", "-passout", "pass:x", "-out", "pbes2.key");
        assertEquals(rsa.getPrivate(), Pem.readPrivateKey(dir.resolve("pbes2.key"), "x".toCharArray()));

        // SEC1 from "openssl ecparam -genkey": EC PARAMETERS block, then EC PRIVATE KEY.
        OpenSsl.runOk(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "ecparam.key");
        PrivateKey fromEcparam = Pem.readPrivateKey(dir.resolve("ecparam.key"), null);
        assertEquals("EC", fromEcparam.getAlgorithm());
        assertJdkKey(fromEcparam);

        // Ed25519 and P-384 generated by openssl.
        OpenSsl.runOk(dir, "genpkey", "-algorithm", "ed25519", "-out", "ed.key");
        assertJdkKey(Pem.readPrivateKey(dir.resolve("ed.key"), null));
        OpenSsl.runOk(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.key");
        assertJdkKey(Pem.readPrivateKey(dir.resolve("p384.key"), null));
    }

    // ---- helpers ----

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static void assertJdkKey(PrivateKey key) {
        assertTrue(key.getClass().getName().startsWith("sun.security."), key.getClass().getName());
    }

    /** Same key material (EC encodings may differ in whether they carry the public point). */
    static void assertSameKey(PrivateKey expected, PrivateKey actual) {
        if (expected instanceof java.security.interfaces.ECPrivateKey e
                && actual instanceof java.security.interfaces.ECPrivateKey a) {
            assertEquals(e.getS(), a.getS());
            assertEquals(e.getParams().getCurve(), a.getParams().getCurve());
        } else {
            assertEquals(expected, actual);
        }
    }

    private static void assumeFalse(boolean condition, String message) {
        assumeTrue(!condition, message);
    }

    static IllegalArgumentException assertError(String message, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertEquals(message, e.getMessage());
        return e;
    }
}
