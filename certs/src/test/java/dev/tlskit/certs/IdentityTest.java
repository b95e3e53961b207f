package dev.tlskit.certs;

import static dev.tlskit.certs.PemTest.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {
    private static HeldCertificate ca;
    private static HeldCertificate server;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildCertificates() {
        ca = HeldCertificate.builder().commonName("test CA").certificateAuthority(0).build();
        server = HeldCertificate.builder().commonName("localhost").addDnsName("localhost").serverAuth()
                .signedBy(ca).build();
    }

    @Test
    void loadsPemChainAndSeparateKey() throws Exception {
        Path cert = write("server.pem", Pem.encode(server.certificate(), ca.certificate()));
        Path key = write("server.key", server.privateKeyPkcs8Pem());
        Identity identity = Identity.load(cert, key, null);
        assertEquals(List.of(server.certificate(), ca.certificate()), identity.chain());
        assertEquals(server.certificate(), identity.leaf());
        assertEquals(server.keyPair().getPrivate(), identity.privateKey());
    }

    @Test
    void loadsEncryptedKeyWithPassword() throws Exception {
        Path cert = write("server.pem", server.certificatePem());
        Path key = write("server.key", Pem.encodeEncryptedPkcs8(server.keyPair().getPrivate(), "pw".toCharArray()));
        assertEquals(server.keyPair().getPrivate(), Identity.load(cert, key, "pw".toCharArray()).privateKey());
    }

    @Test
    void loadsCombinedPemWhenNoKeyFileIsGiven() throws Exception {
        Path combined = write("combined.pem", server.privateKeyPkcs8Pem() + server.certificatePem());
        Identity identity = Identity.load(combined, null, null);
        assertEquals(List.of(server.certificate()), identity.chain());
    }

    @Test
    void certificateFileWithoutKeyAndNoKeyFileIsRejected() throws Exception {
        Path cert = write("server.pem", server.certificatePem());
        assertError(cert + ": no private key in the certificate file, and no key file given",
                () -> Identity.load(cert, null, null));
    }

    @Test
    void rejectsAKeyThatDoesNotMatchTheCertificate() throws Exception {
        Path cert = write("server.pem", server.certificatePem());
        Path key = write("other.key", Pem.encodePkcs8(KeyType.EC_P256.generate().getPrivate()));
        assertError(key + ": private key does not match certificate " + cert + " (subject CN=localhost)",
                () -> Identity.load(cert, key, null));
    }

    @Test
    void rejectsAKeyOfAnotherTypeThanTheCertificate() throws Exception {
        HeldCertificate rsa = HeldCertificate.builder().commonName("rsa").keyType(KeyType.RSA_2048).build();
        Path cert = write("rsa.pem", rsa.certificatePem());
        Path key = write("ed.key", Pem.encodePkcs8(KeyType.ED25519.generate().getPrivate()));
        assertThrows(IllegalArgumentException.class, () -> Identity.load(cert, key, null));
        Path rsaKey = write("rsa-other.key", Pem.encodePkcs8(KeyType.RSA_2048.generate().getPrivate()));
        assertThrows(IllegalArgumentException.class, () -> Identity.load(cert, rsaKey, null));
        Path rightKey = write("rsa.key", Pem.encodePkcs1(rsa.keyPair().getPrivate()));
        assertEquals(rsa.certificate(), Identity.load(cert, rightKey, null).leaf());
    }

    @Test
    void loadsEd25519Identity() throws Exception {
        HeldCertificate ed = HeldCertificate.builder().commonName("ed").keyType(KeyType.ED25519).signedBy(ca).build();
        Path cert = write("ed.pem", ed.certificatePem());
        Path key = write("ed.key", ed.privateKeyPkcs8Pem());
        assertEquals(ed.certificate(), Identity.load(cert, key, null).leaf());
    }

    @Test
    void missingFilesAreNamed() throws Exception {
        Path cert = dir.resolve("missing.pem");
        assertError(cert + ": no such file", () -> Identity.load(cert, null, null));
        Path existing = write("server.pem", server.certificatePem());
        Path key = dir.resolve("missing.key");
        assertError(key + ": no such file", () -> Identity.load(existing, key, null));
    }

    @Test
    void loadsPkcs12WrittenFromToKeyStore() throws Exception {
        Identity original = new Identity(server.keyPair().getPrivate(), List.of(server.certificate(), ca.certificate()));
        char[] password = "changeit".toCharArray();
        Path p12 = store(original.toKeyStore(password), "server.p12", password);

        Identity loaded = Identity.load(p12, null, password);
        assertEquals(original.chain(), loaded.chain());
        assertArrayEquals(original.privateKey().getEncoded(), loaded.privateKey().getEncoded());
    }

    @Test
    void detectsPkcs12ByContentWhateverTheFileName() throws Exception {
        Identity original = new Identity(server.keyPair().getPrivate(), List.of(server.certificate()));
        char[] password = "pw".toCharArray();
        Path file = store(original.toKeyStore(password), "identity.bin", password);
        assertEquals(original.chain(), Identity.load(file, null, password).chain());
    }

    @Test
    void wrongPkcs12PasswordIsRejected() throws Exception {
        Identity original = new Identity(server.keyPair().getPrivate(), List.of(server.certificate()));
        Path p12 = store(original.toKeyStore("right".toCharArray()), "server.p12", "right".toCharArray());
        IllegalArgumentException e = assertError(p12 + ": wrong PKCS#12 password",
                () -> Identity.load(p12, null, "wrong".toCharArray()));
        assertTrue(e.getCause() != null);
    }

    @Test
    void passwordProtectedPkcs12WithoutPasswordAsksForOne() throws Exception {
        Identity original = new Identity(server.keyPair().getPrivate(), List.of(server.certificate()));
        Path p12 = store(original.toKeyStore("right".toCharArray()), "server.pfx", "right".toCharArray());
        assertError(p12 + ": PKCS#12 file needs a password (--key-password)", () -> Identity.load(p12, null, null));
    }

    @Test
    void pkcs12WithASeparateKeyFileIsRejected() throws Exception {
        Identity original = new Identity(server.keyPair().getPrivate(), List.of(server.certificate()));
        Path p12 = store(original.toKeyStore("pw".toCharArray()), "server.p12", "pw".toCharArray());
        Path key = write("server.key", server.privateKeyPkcs8Pem());
        assertError(key + ": not used: the key comes from PKCS#12 file " + p12,
                () -> Identity.load(p12, key, "pw".toCharArray()));
    }

    @Test
    void opensslReadsOurPkcs12AndWeReadOpensslsPkcs12() throws Exception {
        OpenSsl.assumeAvailable();
        write("server.pem", Pem.encode(server.certificate(), ca.certificate()));
        write("server.key", server.privateKeyPkcs8Pem());
        OpenSsl.runOk(dir, "pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-passout", "pass:pw",
                "-out", "openssl.pfx");
        Identity loaded = Identity.load(dir.resolve("openssl.pfx"), null, "pw".toCharArray());
        assertEquals(List.of(server.certificate(), ca.certificate()), loaded.chain());

        Identity identity = new Identity(server.keyPair().getPrivate(), List.of(server.certificate()));
        store(identity.toKeyStore("pw".toCharArray()), "ours.p12", "pw".toCharArray());
        OpenSsl.runOk(dir, "pkcs12", "-in", "ours.p12", "-passin", "pass:pw", "-nodes", "-out", "dump.pem");
        assertEquals(identity.leaf(), Identity.load(dir.resolve("dump.pem"), null, null).leaf());
    }

    @Test
    void toKeyStoreHoldsTheKeyUnderAliasTlskit() throws Exception {
        Identity identity = new Identity(server.keyPair().getPrivate(), List.of(server.certificate(), ca.certificate()));
        KeyStore store = identity.toKeyStore(null);
        assertEquals(List.of("tlskit"), java.util.Collections.list(store.aliases()));
        assertEquals(server.keyPair().getPrivate(), store.getKey("tlskit", new char[0]));
        assertEquals(2, store.getCertificateChain("tlskit").length);
    }

    @Test
    void chainIsAnImmutableCopyAndMustNotBeEmpty() {
        List<X509Certificate> chain = new ArrayList<>(List.of(server.certificate()));
        Identity identity = new Identity(server.keyPair().getPrivate(), chain);
        chain.add(ca.certificate());
        assertEquals(1, identity.chain().size());
        assertThrows(UnsupportedOperationException.class, () -> identity.chain().add(ca.certificate()));
        assertThrows(IllegalArgumentException.class, () -> new Identity(server.keyPair().getPrivate(), List.of()));
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private Path store(KeyStore keyStore, String name, char[] password) throws Exception {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore.store(out, password);
        }
        return file;
    }
}
