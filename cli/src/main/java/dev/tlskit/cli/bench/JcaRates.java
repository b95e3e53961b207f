package dev.tlskit.cli.bench;

import dev.tlskit.cli.bench.CryptoBenchCommand.Algorithm;
import dev.tlskit.cli.bench.CryptoBenchCommand.Kind;
import dev.tlskit.cli.bench.CryptoBenchCommand.Row;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One algorithm on one JCA provider, measured for {@code bench crypto}: each operation run for the duration after
 * a shorter warm-up (the JIT: the first calls run interpreted), as a rate per second.
 */
final class JcaRates {
    /** An operation run repeatedly; returns nothing worth keeping but must not be optimised away. */
    private interface Op {
        void run() throws GeneralSecurityException;
    }

    private final double duration;
    private final double warm;

    JcaRates(double duration) {
        this.duration = duration;
        this.warm = warmSeconds(duration);
    }

    /** The warm-up before each measurement, for a {@code --duration} of {@code duration}. */
    static double warmSeconds(double duration) {
        return Math.min(1.0, Math.max(0.3, duration));
    }

    Row measure(Algorithm a, String family, Provider p, List<Integer> blockSizes) throws Exception {
        return switch (a.kind()) {
            case SIGN -> sign(a, family, p);
            case KEM -> kem(a, family, p);
            case DERIVE -> derive(a, family, p);
            case DIGEST, MAC, AEAD -> blocks(a, family, p, blockSizes);
        };
    }

    static KeyPair keyPair(Algorithm a, Provider p) throws GeneralSecurityException {
        KeyPairGenerator g;
        switch (a.name()) {
            case "rsa-2048" -> {
                g = KeyPairGenerator.getInstance("RSA", p);
                g.initialize(2048);
            }
            case "ecdsa-p256", "ecdh-p256" -> {
                g = KeyPairGenerator.getInstance("EC", p);
                g.initialize(new ECGenParameterSpec("secp256r1"));
            }
            case "ed25519" -> g = KeyPairGenerator.getInstance("Ed25519", p);
            case "x25519" -> g = KeyPairGenerator.getInstance("X25519", p);
            case "ml-kem-768" -> g = KeyPairGenerator.getInstance("ML-KEM-768", p);
            default -> throw new IllegalStateException("no key pair for " + a.name());
        }
        return g.generateKeyPair();
    }

    private Row sign(Algorithm a, String family, Provider p) throws GeneralSecurityException {
        KeyPair kp = keyPair(a, p);
        byte[] msg = new byte[32];
        Signature signer = Signature.getInstance(a.jca(), p);
        signer.initSign(kp.getPrivate());
        Op sign = () -> {
            signer.update(msg);
            signer.sign();
        };
        signer.update(msg);
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance(a.jca(), p);
        verifier.initVerify(kp.getPublic());
        Op verify = () -> {
            verifier.update(msg);
            if (!verifier.verify(sig)) {
                throw new GeneralSecurityException(a.name() + ": a signature did not verify");
            }
        };
        double s = warmThenRate(sign);
        double v = warmThenRate(verify);
        return new Row(a, family, p.getName(), Map.of(), s, v, Double.NaN);
    }

    private Row kem(Algorithm a, String family, Provider p) throws GeneralSecurityException {
        Kems kem = Kems.of(p);
        KeyPairGenerator g = KeyPairGenerator.getInstance(a.jca(), p);
        KeyPair kp = g.generateKeyPair();
        Op keygen = g::generateKeyPair;
        Op encaps = () -> kem.encapsulate(kp.getPublic());
        byte[] ciphertext = kem.encapsulate(kp.getPublic());
        Op decaps = () -> kem.decapsulate(kp.getPrivate(), ciphertext);
        double k = warmThenRate(keygen);
        double e = warmThenRate(encaps);
        double d = warmThenRate(decaps);
        return new Row(a, family, p.getName(), Map.of(), Double.NaN, Double.NaN, Double.NaN, k, e, d);
    }

    private Row derive(Algorithm a, String family, Provider p) throws GeneralSecurityException {
        KeyPair mine = keyPair(a, p);
        KeyPair peer = keyPair(a, p);
        KeyAgreement ka = KeyAgreement.getInstance(a.jca(), p);
        Op derive = () -> {
            ka.init(mine.getPrivate());
            ka.doPhase(peer.getPublic(), true);
            ka.generateSecret();
        };
        return new Row(a, family, p.getName(), Map.of(), Double.NaN, Double.NaN, warmThenRate(derive));
    }

    /** Digests, MACs and AEAD ciphers: thousands of bytes per second at each block size. */
    private Row blocks(Algorithm a, String family, Provider p, List<Integer> blockSizes)
            throws GeneralSecurityException {
        Map<Integer, Double> kbs = new LinkedHashMap<>();
        int max = blockSizes.stream().mapToInt(Integer::intValue).max().orElse(16);
        byte[] in = new byte[max];
        int[] size = {Math.min(1024, max)}; // the warm-up block: never past the largest asked for
        Op op = blockOp(a, p, in, new byte[max + 64], size);
        rate(op, warm);
        for (int s : blockSizes) {
            size[0] = s;
            kbs.put(s, rate(op, duration) * s / 1000);
        }
        return new Row(a, family, p.getName(), kbs, Double.NaN, Double.NaN, Double.NaN);
    }

    /** One operation on the first {@code size[0]} bytes of {@code in}. */
    private static Op blockOp(Algorithm a, Provider p, byte[] in, byte[] outBuf, int[] size)
            throws GeneralSecurityException {
        switch (a.kind()) {
            case DIGEST -> {
                MessageDigest md = MessageDigest.getInstance(a.jca(), p);
                return () -> {
                    md.update(in, 0, size[0]);
                    md.digest();
                };
            }
            case MAC -> {
                Mac mac = Mac.getInstance(a.jca(), p);
                SecretKeySpec key = new SecretKeySpec(new byte[32], a.jca());
                return () -> {
                    mac.init(key); // Poly1305 is a one-time MAC: a key per message, as TLS uses it
                    mac.update(in, 0, size[0]);
                    mac.doFinal();
                };
            }
            case AEAD -> {
                return aead(a, p, in, outBuf, size);
            }
            default -> throw new IllegalStateException("unknown kind " + a.kind());
        }
    }

    private static Op aead(Algorithm a, Provider p, byte[] in, byte[] outBuf, int[] size)
            throws GeneralSecurityException {
        Cipher c = Cipher.getInstance(a.jca(), p);
        boolean aes = a.name().startsWith("aes");
        SecretKeySpec key = new SecretKeySpec(new byte[a.name().equals("aes-128-gcm") ? 16 : 32],
                aes ? "AES" : "ChaCha20");
        byte[] nonce = new byte[12];
        long[] counter = {0};
        return () -> {
            // A fresh nonce per record, as TLS does (JCA refuses a key and nonce used twice).
            long n = ++counter[0];
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] = (byte) (n >>> (8 * i));
            }
            c.init(Cipher.ENCRYPT_MODE, key, aes ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce));
            try {
                c.doFinal(in, 0, size[0], outBuf, 0);
            } catch (ShortBufferException e) {
                throw new GeneralSecurityException(e);
            }
        };
    }

    private double warmThenRate(Op op) throws GeneralSecurityException {
        rate(op, warm);
        return rate(op, duration);
    }

    /** Operations per second of {@code op} over {@code seconds}. */
    private static double rate(Op op, double seconds) throws GeneralSecurityException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long t0 = System.nanoTime();
        long n = 0;
        long now;
        do {
            op.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - t0) / 1e9);
    }
}
