package dev.tlskit.certs.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Private key and PEM decoding/encoding on Bouncy Castle. Keys leave this class as the JDK's own key objects, so
 * SunEC/SunJSSE (and any other provider) accept them. The BC JCE provider is used as an instance for the
 * password-based ciphers only; it is never installed.
 */
public final class KeyCodec {

    /** Iterations of PBKDF2-HMAC-SHA256 when writing encrypted PKCS#8 (OpenSSL 3 writes 2048). */
    private static final int PBKDF2_ITERATIONS = 100_000;

    private KeyCodec() {
    }

    /** One PEM block: its type, its decoded body, and its text (headers included) for re-parsing. */
    public record PemBlock(String type, byte[] content, String text) {
    }

    /** Why a private key could not be decoded. */
    public enum Failure { NEEDS_PASSWORD, WRONG_PASSWORD, NOT_A_KEY, UNSUPPORTED }

    public static final class KeyDecodingException extends Exception {
        private final Failure failure;

        KeyDecodingException(Failure failure, String message, Throwable cause) {
            super(message, cause);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    private static final class BcHolder {
        static final Provider BC = new BouncyCastleProvider();
    }

    /**
     * Every PEM block in {@code text}, in order; text around and between blocks is ignored.
     *
     * @throws IOException when a block is malformed (bad base64, missing END line)
     */
    public static List<PemBlock> pemBlocks(String text) throws IOException {
        List<PemBlock> blocks = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject object;
            while ((object = reader.readPemObject()) != null) {
                StringWriter out = new StringWriter();
                try (PemWriter writer = new PemWriter(out)) {
                    writer.writeObject(object);
                }
                blocks.add(new PemBlock(object.getType(), object.getContent(), out.toString()));
            }
        } catch (RuntimeException e) { // BC reports bad base64 as an unchecked DecoderException
            throw new IOException(e.getMessage(), e);
        }
        return blocks;
    }

    /** Decodes a PEM private key block (any of {@link PemText#isPrivateKeyType}), decrypting it with the password. */
    public static PrivateKey decodePemKey(PemBlock block, char[] password) throws KeyDecodingException {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(block.text()))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new KeyDecodingException(Failure.NOT_A_KEY, "malformed " + block.type(), e);
        }
        if (parsed instanceof PrivateKeyInfo info) {
            return toJdkKey(info);
        }
        if (parsed instanceof PEMKeyPair pair) {
            return toJdkKey(pair.getPrivateKeyInfo());
        }
        if (parsed instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            return decryptPkcs8(encrypted, password);
        }
        if (parsed instanceof PEMEncryptedKeyPair encrypted) {
            if (password == null) {
                throw new KeyDecodingException(Failure.NEEDS_PASSWORD, "encrypted private key", null);
            }
            PEMKeyPair pair;
            try {
                pair = encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                        .setProvider(BcHolder.BC).build(password));
            } catch (IOException | RuntimeException e) {
                throw decryptionFailure(e);
            }
            return toJdkKey(pair.getPrivateKeyInfo());
        }
        throw new KeyDecodingException(Failure.NOT_A_KEY, "not a private key: " + block.type(), null);
    }

    /** Decodes a DER file holding PKCS#8, encrypted or not. */
    public static PrivateKey decodeDerKey(byte[] der, char[] password) throws KeyDecodingException {
        ASN1Primitive primitive;
        try {
            primitive = ASN1Primitive.fromByteArray(der);
        } catch (IOException | RuntimeException e) {
            throw new KeyDecodingException(Failure.NOT_A_KEY, "not DER", e);
        }
        PrivateKeyInfo info = null;
        try {
            info = PrivateKeyInfo.getInstance(primitive);
        } catch (RuntimeException notPlain) {
            // fall through to the encrypted form
        }
        if (info != null) {
            return toJdkKey(info);
        }
        EncryptedPrivateKeyInfo encrypted;
        try {
            encrypted = EncryptedPrivateKeyInfo.getInstance(primitive);
        } catch (RuntimeException e) {
            throw new KeyDecodingException(Failure.NOT_A_KEY, "no private key", e);
        }
        return decryptPkcs8(new PKCS8EncryptedPrivateKeyInfo(encrypted), password);
    }

    /** True when the bytes are DER that parses as a PKCS#12 PFX. */
    public static boolean isPkcs12(byte[] bytes) {
        if (bytes.length < 4 || bytes[0] != 0x30) {
            return false;
        }
        try {
            Pfx.getInstance(ASN1Primitive.fromByteArray(bytes));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static PrivateKey decryptPkcs8(PKCS8EncryptedPrivateKeyInfo encrypted, char[] password)
            throws KeyDecodingException {
        if (password == null) {
            throw new KeyDecodingException(Failure.NEEDS_PASSWORD, "encrypted private key", null);
        }
        InputDecryptorProvider decryptor;
        try {
            decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BcHolder.BC).build(password);
        } catch (OperatorCreationException e) {
            throw new KeyDecodingException(Failure.UNSUPPORTED, "cannot decrypt: " + e.getMessage(), e);
        }
        PrivateKeyInfo info;
        try {
            info = encrypted.decryptPrivateKeyInfo(decryptor);
        } catch (Exception e) {
            throw decryptionFailure(e);
        }
        return toJdkKey(info);
    }

    private static KeyDecodingException decryptionFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoSuchAlgorithmException || t instanceof OperatorCreationException) {
                return new KeyDecodingException(Failure.UNSUPPORTED, "unsupported key encryption: "
                        + t.getMessage(), e);
            }
        }
        // A wrong password shows up as a padding error or as garbage that does not parse.
        return new KeyDecodingException(Failure.WRONG_PASSWORD, "wrong password", e);
    }

    /** Converts a PKCS#8 structure to the key the JDK's own KeyFactory makes from it. */
    public static PrivateKey toJdkKey(PrivateKeyInfo info) throws KeyDecodingException {
        ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        String algorithm = Pkcs8.jdkAlgorithm(oid.getId());
        try {
            byte[] encoded = info.getEncoded();
            if (algorithm != null) {
                return Pkcs8.jdkKey(algorithm, encoded);
            }
            // Not a type the JDK knows by that OID: let BC's mapping find a KeyFactory.
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new KeyDecodingException(Failure.UNSUPPORTED, "unsupported private key ("
                    + (algorithm != null ? algorithm : oid.getId()) + ")", e);
        }
    }

    /** PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) encrypted PKCS#8, DER. */
    public static byte[] encryptPkcs8(PrivateKey key, char[] password) {
        try {
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(PBKDF2_ITERATIONS)
                    .setRandom(new SecureRandom())
                    .setPassword(password)
                    .setProvider(BcHolder.BC)
                    .build();
            return new JcaPKCS8Generator(key, encryptor).generate().getContent();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot encrypt private key: " + e.getMessage(), e);
        }
    }

    /** The PKCS#1 RSAPrivateKey structure, DER. */
    public static byte[] pkcs1(PrivateKey key) {
        if (!(key instanceof RSAPrivateKey)) {
            throw new IllegalArgumentException("PKCS#1 needs an RSA key, not " + key.getAlgorithm());
        }
        try {
            return PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode RSA key: " + e.getMessage(), e);
        }
    }

    /**
     * The SEC1 ECPrivateKey structure, DER, with the named curve and the public key inside (OpenSSL needs the
     * curve there; the JDK's PKCS#8 encoding carries it only in the outer algorithm identifier).
     */
    public static byte[] sec1(PrivateKey key) {
        if (!(key instanceof ECPrivateKey ec)) {
            throw new IllegalArgumentException("SEC1 needs an EC key, not " + key.getAlgorithm());
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            ASN1Primitive parameters = info.getPrivateKeyAlgorithm().getParameters().toASN1Primitive();
            BigInteger d = ec.getS();
            int orderBits = ec.getParams().getOrder().bitLength();
            DERBitString publicKey = null;
            if (parameters instanceof ASN1ObjectIdentifier curve) {
                X9ECParameters x9 = ECNamedCurveTable.getByOID(curve);
                if (x9 != null) {
                    publicKey = new DERBitString(x9.getG().multiply(d).normalize().getEncoded(false));
                }
            }
            return new org.bouncycastle.asn1.sec.ECPrivateKey(orderBits, d, publicKey, parameters).getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot encode EC key: " + e.getMessage(), e);
        }
    }

    /**
     * PKCS#8 DER as OpenSSL writes it. For EC keys the inner ECPrivateKey also carries the public key, which the
     * JDK's own encoding leaves out and GnuTLS requires ("ASN1 parser: Element was not found" otherwise); other
     * keys are the JDK's encoding unchanged.
     */
    public static byte[] pkcs8(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        if (!(key instanceof ECPrivateKey ec)) {
            return encoded;
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(encoded);
            ASN1Primitive parameters = info.getPrivateKeyAlgorithm().getParameters().toASN1Primitive();
            if (!(parameters instanceof ASN1ObjectIdentifier curve) || ECNamedCurveTable.getByOID(curve) == null) {
                return encoded;
            }
            BigInteger d = ec.getS();
            DERBitString publicKey = new DERBitString(ECNamedCurveTable.getByOID(curve).getG().multiply(d)
                    .normalize().getEncoded(false));
            org.bouncycastle.asn1.sec.ECPrivateKey inner = new org.bouncycastle.asn1.sec.ECPrivateKey(
                    ec.getParams().getOrder().bitLength(), d, publicKey, null);
            return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), inner).getEncoded();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot encode EC key: " + e.getMessage(), e);
        }
    }
}
