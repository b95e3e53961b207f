package dev.tlskit.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unencrypted PKCS#8 read with the JDK alone ({@link Pem#plainPkcs8}) gives the very key the Bouncy Castle path
 * ({@link Pem#bouncyCastleKey}) gives, leaves everything else to that path, and loads no Bouncy Castle class.
 */
class Pkcs8Test {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"RSA:2048", "RSASSA-PSS:2048", "EC:secp256r1", "EC:secp384r1", "EC:secp521r1", "Ed25519",
            "Ed448", "X25519", "X448", "DSA:2048"})
    void readsKeysTheJdkMakesAsBouncyCastleDoes(String spec) throws Exception {
        PrivateKey key = generate(spec).getPrivate();
        byte[] der = key.getEncoded();
        assertBothPathsGive(spec + " DER", der);
        assertBothPathsGive(spec + " PEM", text(pem("PRIVATE KEY", der)));
        if (!spec.startsWith("X")) { // tlskit writes keys it can sign with: EC with the public point inside
            assertBothPathsGive(spec + " as tlskit writes it", text(Pem.encodePkcs8(key)));
        }
    }

    @Test
    @Timeout(120)
    void readsKeysOpensslMakesAsBouncyCastleDoes() throws Exception {
        OpenSsl.assumeAvailable();
        OpenSsl.runOk(dir, "genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:2048",
                "-out", "dsa.param");
        List<List<String>> keys = List.of(List.of("-algorithm", "RSA"), List.of("-algorithm", "RSA-PSS"),
                List.of("-algorithm", "RSA-PSS", "-pkeyopt", "rsa_pss_keygen_md:sha256", "-pkeyopt",
                        "rsa_pss_keygen_saltlen:32"),
                List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"),
                List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"),
                List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"),
                List.of("-algorithm", "ED25519"), List.of("-algorithm", "ED448"), List.of("-algorithm", "X25519"),
                List.of("-algorithm", "X448"), List.of("-paramfile", "dsa.param"));
        for (int i = 0; i < keys.size(); i++) {
            List<String> args = new ArrayList<>(List.of("genpkey", "-out", i + ".key"));
            args.addAll(keys.get(i));
            OpenSsl.runOk(dir, args.toArray(String[]::new));
            // (pkey -outform DER would write RSA keys as PKCS#1)
            OpenSsl.runOk(dir, "pkcs8", "-topk8", "-nocrypt", "-in", i + ".key", "-outform", "DER", "-out", i + ".der");
            String what = "openssl genpkey " + String.join(" ", keys.get(i));
            assertBothPathsGive(what + " PEM", Files.readAllBytes(dir.resolve(i + ".key")));
            assertBothPathsGive(what + " DER", Files.readAllBytes(dir.resolve(i + ".der")));
        }
    }

    /** RFC 5958 OneAsymmetricKey: version 1 with the public key in [1]. */
    @ParameterizedTest
    @ValueSource(strings = {"Ed25519", "Ed448", "X25519", "X448"})
    void readsVersionTwoKeysWithTheirPublicKeyAsBouncyCastleDoes(String algorithm) throws Exception {
        byte[] v2 = withPublicKey(generate(algorithm));
        assertBothPathsGive(algorithm + " v2 DER", v2);
        assertBothPathsGive(algorithm + " v2 PEM", text(pem("PRIVATE KEY", v2)));
    }

    @Test
    void leavesEveryOtherInputToBouncyCastle() throws Exception {
        KeyPair ed = generate("Ed25519");
        byte[] v1 = ed.getPrivate().getEncoded(); // 30 2e 02 01 00 30 05 06 03 2b 65 70 04 22 04 20 ...
        byte[] body = Arrays.copyOfRange(v1, 2, v1.length);
        byte[] publicKey = withPublicKey(ed);
        List<byte[]> declined = List.of(
                der(0x30, body, der(0xA0, der(0x30, bytes(0x06, 0x01, 0x2A), der(0x31, bytes(0x05, 0))))), // attributes
                version(v1, 2), version(publicKey, 0), // version 2; a public key in version 0
                concat(new byte[] {0x30, (byte) 0x80}, body, new byte[2]), // BER: indefinite length
                concat(new byte[] {0x30, (byte) 0x81, 0x2e}, body), // a long form for a short length
                concat(v1, new byte[1]), Arrays.copyOf(v1, v1.length - 1), // trailing and missing bytes
                replace(v1, new byte[] {0x2b, 0x65, 0x70}, new byte[] {0x2b, 0x65, 0x72}), // OID 1.3.101.114
                replace(v1, new byte[] {0x06, 0x03, 0x2b}, new byte[] {0x06, 0x03, (byte) 0x80}), // padded arc
                replace(v1, new byte[] {0x02, 0x01, 0x00}, new byte[] {0x02, 0x02, 0x00, 0x00}), // padded INTEGER
                replace(v1, new byte[] {0x04, 0x22, 0x04, 0x20}, new byte[] {0x24, 0x22, 0x04, 0x20}), // constructed
                // the first key block counts; a malformed block after the key is BC's to report
                text(Pem.encodeSec1(generate("EC:secp256r1").getPrivate()) + pem("PRIVATE KEY", v1)),
                text(Pem.encodePkcs1(generate("RSA:2048").getPrivate())),
                text(pem("PRIVATE KEY", v1) + "-----BEGIN CERTIFICATE-----\nQUJD!\n-----END CERTIFICATE-----\n"),
                text(Pem.encodeEncryptedPkcs8(ed.getPrivate(), "pw".toCharArray())),
                text(pem("CERTIFICATE", DemoMaterial.ca().getEncoded())));
        for (byte[] input : declined) {
            String what = HexFormat.of().formatHex(input);
            assertEquals(Optional.empty(), Pem.plainPkcs8(input), what);
            assertEquals(outcome(() -> Pem.bouncyCastleKey("k", input, null)),
                    outcome(() -> Pem.findPrivateKey("k", input, null)), what);
        }
    }

    /** Byte flips and truncations of real keys: whatever the JDK path takes, Bouncy Castle reads as the same key. */
    @Test
    @Timeout(120)
    void whateverTheJdkPathTakesBouncyCastleReadsAlike() throws Exception {
        List<byte[]> keys = List.of(generate("EC:secp256r1").getPrivate().getEncoded(),
                Base64.getMimeDecoder().decode(Pem.encodePkcs8(generate("EC:secp384r1").getPrivate())
                        .replaceAll("-----[A-Z ]+-----", "")), // with the public point inside
                withPublicKey(generate("Ed25519")), generate("X448").getPrivate().getEncoded(),
                generate("DSA:2048").getPrivate().getEncoded(), generate("RSA:2048").getPrivate().getEncoded());
        int taken = 0;
        int declined = 0;
        for (byte[] key : keys) {
            for (byte[] input : mutations(key)) {
                Optional<PrivateKey> jdk = Pem.plainPkcs8(input);
                if (jdk.isEmpty()) {
                    declined++;
                    continue;
                }
                taken++;
                assertEquals(outcome(() -> Pem.bouncyCastleKey("k", input, null)), outcome(() -> jdk),
                        HexFormat.of().formatHex(input));
            }
        }
        assertTrue(taken > 1000 && declined > 1000, taken + " taken, " + declined + " declined");
    }

    @Test
    @Timeout(60)
    void readingTheDemoKeysAndPkcs8FilesLoadsNoBouncyCastleClass() throws Exception {
        Path pemFile = dir.resolve("k.pem");
        Files.writeString(pemFile, pem("PRIVATE KEY", generate("Ed25519").getPrivate().getEncoded()));
        Path derFile = Files.write(dir.resolve("k.der"), generate("EC:secp256r1").getPrivate().getEncoded());
        Path sec1File = dir.resolve("sec1.key");
        Files.writeString(sec1File, Pem.encodeSec1(generate("EC:secp256r1").getPrivate()));
        assertEquals(List.of(), bouncyCastleClassesLoadedReading(pemFile, derFile));
        // the check sees Bouncy Castle where it is used: SEC1 goes through KeyCodec
        assertTrue(bouncyCastleClassesLoadedReading(sec1File).contains("org.bouncycastle.openssl.PEMParser"));
    }

    /** Reads the demo identities and each file in a JVM of its own; the org.bouncycastle classes it loaded. */
    private List<String> bouncyCastleClassesLoadedReading(Path... keyFiles) throws Exception {
        Path log = Files.createTempFile(dir, "classes", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                ReadKeys.class.getName()));
        for (Path file : keyFiles) {
            command.add(file.toString());
        }
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(50, TimeUnit.SECONDS), "child JVM still running");
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.startsWith("EC EC RSA RSA ") && output.strip().split(" ").length == 4 + keyFiles.length,
                output);
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(l -> l.contains(" dev.tlskit.certs.internal.Pkcs8 ")), "the log lists");
        return lines.stream().filter(l -> l.contains(" org.bouncycastle.")).map(l -> l.split(" ")[1]).toList();
    }

    /** The child JVM's main: the demo client and server keys (EC, RSA), then each file's key. */
    static final class ReadKeys {
        public static void main(String[] args) {
            StringBuilder out = new StringBuilder();
            for (DemoMaterial.Variant variant : DemoMaterial.Variant.values()) {
                out.append(DemoMaterial.client(variant).privateKey().getAlgorithm()).append(' ')
                        .append(DemoMaterial.server(variant).privateKey().getAlgorithm()).append(' ');
            }
            for (String file : args) {
                out.append(Pem.readPrivateKey(Path.of(file), null).getAlgorithm()).append(' ');
            }
            System.out.println(out.toString().strip());
        }
    }

    // ---- helpers ----

    private static void assertBothPathsGive(String what, byte[] file) {
        PrivateKey jdk = Pem.plainPkcs8(file).orElseThrow(() -> new AssertionError(what + ": the JDK path declined"));
        PrivateKey bc = Pem.bouncyCastleKey(what, file, null).orElseThrow();
        assertEquals(bc.getAlgorithm(), jdk.getAlgorithm(), what);
        assertEquals(bc.getFormat(), jdk.getFormat(), what);
        assertArrayEquals(bc.getEncoded(), jdk.getEncoded(), what);
        assertEquals(bc.getClass(), jdk.getClass(), what);
        assertEquals(jdk, Pem.findPrivateKey(what, file, null).orElseThrow(), what);
    }

    /** A key or the error message, as text both paths can be compared by. */
    private static String outcome(java.util.function.Supplier<Optional<PrivateKey>> read) {
        try {
            return read.get().map(k -> k.getAlgorithm() + " " + k.getFormat() + " "
                    + HexFormat.of().formatHex(k.getEncoded())).orElse("none");
        } catch (IllegalArgumentException e) {
            return "error: " + e.getMessage();
        }
    }

    private static List<byte[]> mutations(byte[] der) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < der.length; i++) {
            for (int change : new int[] {0x01, 0x80, 0x7F}) {
                byte[] copy = der.clone();
                copy[i] ^= (byte) change;
                out.add(copy);
            }
            out.add(Arrays.copyOf(der, i));
        }
        return out;
    }

    static KeyPair generate(String spec) throws Exception {
        String[] parts = spec.split(":");
        KeyPairGenerator generator = KeyPairGenerator.getInstance(parts[0]);
        if (parts.length > 1 && parts[0].equals("EC")) {
            generator.initialize(new ECGenParameterSpec(parts[1]));
        } else if (parts.length > 1) {
            generator.initialize(Integer.parseInt(parts[1]));
        }
        return generator.generateKeyPair();
    }

    /** The version 1 PKCS#8 of an EdDSA or XDH key as version 2 with the raw public key in [1]. */
    private static byte[] withPublicKey(KeyPair pair) {
        byte[] v1 = pair.getPrivate().getEncoded(); // 30 len 02 01 00 ...: all shorter than 128 bytes
        byte[] spki = pair.getPublic().getEncoded(); // 30 len 30 05 06 03 2b 65 xx 03 len 00 key
        byte[] body = Arrays.copyOfRange(v1, 2, v1.length);
        body[2] = 1;
        byte[] bitString = Arrays.copyOfRange(spki, 9, spki.length);
        assertEquals(0x03, bitString[0]);
        bitString[0] = (byte) 0x81; // [1] IMPLICIT BIT STRING
        return der(0x30, body, bitString);
    }

    private static byte[] version(byte[] der, int version) {
        byte[] copy = der.clone();
        copy[(der[1] & 0x80) == 0 ? 4 : 4 + (der[1] & 0x7F)] = (byte) version;
        return copy;
    }

    static byte[] der(int tag, byte[]... parts) {
        byte[] content = concat(parts);
        int n = content.length;
        byte[] header = n < 0x80 ? new byte[] {(byte) tag, (byte) n}
                : n < 0x100 ? new byte[] {(byte) tag, (byte) 0x81, (byte) n}
                : new byte[] {(byte) tag, (byte) 0x82, (byte) (n >> 8), (byte) n};
        return concat(header, content);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The first occurrence of {@code from} replaced, and the outer SEQUENCE's (short) length set again. */
    private static byte[] replace(byte[] der, byte[] from, byte[] to) {
        for (int i = 0; i + from.length <= der.length; i++) {
            if (Arrays.equals(der, i, i + from.length, from, 0, from.length)) {
                byte[] out = concat(Arrays.copyOfRange(der, 2, i), to, Arrays.copyOfRange(der, i + from.length,
                        der.length));
                return der(0x30, out);
            }
        }
        throw new AssertionError(HexFormat.of().formatHex(from) + " not in " + HexFormat.of().formatHex(der));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
