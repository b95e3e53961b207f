package dev.tlskit.cli.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.KeyGenerator;
import org.bouncycastle.jcajce.SecretKeyWithEncapsulation;
import org.bouncycastle.jcajce.spec.KEMExtractSpec;
import org.bouncycastle.jcajce.spec.KEMGenerateSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * ML-KEM encapsulation and decapsulation through one provider's JCA. Bouncy Castle's JCE provider does it with
 * {@code KeyGenerator("ML-KEM")} and its {@code KEMGenerateSpec}/{@code KEMExtractSpec} (on any Java); the JDK's
 * through {@code javax.crypto.KEM} (Java 21+; ML-KEM in SunJCE from 24), reached by reflection from code built for 17.
 */
abstract class Kems {
    /** The KEM of {@code p}, or a NoSuchAlgorithmException when it has no ML-KEM. */
    static Kems of(Provider p) throws GeneralSecurityException {
        return p.getName().equals(BouncyCastleProvider.PROVIDER_NAME) ? new Bc(p) : new Jdk(p);
    }

    /** A fresh shared secret for {@code key}; returns its encapsulation (the ciphertext). */
    abstract byte[] encapsulate(PublicKey key) throws GeneralSecurityException;

    /** The shared secret inside {@code ciphertext}; its length in bytes. */
    abstract int decapsulate(PrivateKey key, byte[] ciphertext) throws GeneralSecurityException;

    private static final class Bc extends Kems {
        private final Provider provider;
        private final SecureRandom random = new SecureRandom();

        Bc(Provider provider) throws GeneralSecurityException {
            this.provider = provider;
            KeyGenerator.getInstance("ML-KEM", provider);
        }

        @Override
        byte[] encapsulate(PublicKey key) throws GeneralSecurityException {
            KeyGenerator g = KeyGenerator.getInstance("ML-KEM", provider);
            g.init(new KEMGenerateSpec(key, "AES"), random);
            return ((SecretKeyWithEncapsulation) g.generateKey()).getEncapsulation();
        }

        @Override
        int decapsulate(PrivateKey key, byte[] ciphertext) throws GeneralSecurityException {
            KeyGenerator g = KeyGenerator.getInstance("ML-KEM", provider);
            g.init(new KEMExtractSpec(key, ciphertext, "AES"));
            return g.generateKey().getEncoded().length;
        }
    }

    private static final class Jdk extends Kems {
        private final Object kem;
        private final Method newEncapsulator;
        private final Method newDecapsulator;

        Jdk(Provider provider) throws GeneralSecurityException {
            try {
                Class<?> kemClass = Class.forName("javax.crypto.KEM");
                kem = kemClass.getMethod("getInstance", String.class, Provider.class).invoke(null, "ML-KEM", provider);
                newEncapsulator = kemClass.getMethod("newEncapsulator", PublicKey.class);
                newDecapsulator = kemClass.getMethod("newDecapsulator", PrivateKey.class);
            } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
                throw new NoSuchAlgorithmException("no javax.crypto.KEM on Java " + System.getProperty("java.version"));
            } catch (InvocationTargetException e) {
                throw security(e);
            }
        }

        @Override
        byte[] encapsulate(PublicKey key) throws GeneralSecurityException {
            try {
                Object encapsulator = newEncapsulator.invoke(kem, key);
                Object encapsulated = encapsulator.getClass().getMethod("encapsulate").invoke(encapsulator);
                return (byte[]) encapsulated.getClass().getMethod("encapsulation").invoke(encapsulated);
            } catch (InvocationTargetException e) {
                throw security(e);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("javax.crypto.KEM", e);
            }
        }

        @Override
        int decapsulate(PrivateKey key, byte[] ciphertext) throws GeneralSecurityException {
            try {
                Object decapsulator = newDecapsulator.invoke(kem, key);
                Object secret = decapsulator.getClass().getMethod("decapsulate", byte[].class)
                        .invoke(decapsulator, (Object) ciphertext);
                return ((javax.crypto.SecretKey) secret).getEncoded().length;
            } catch (InvocationTargetException e) {
                throw security(e);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("javax.crypto.KEM", e);
            }
        }

        private static GeneralSecurityException security(InvocationTargetException e) {
            return e.getCause() instanceof GeneralSecurityException g ? g
                    : new GeneralSecurityException(String.valueOf(e.getCause()), e.getCause());
        }
    }
}
