package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.KeyLog;
import dev.tlskit.engine.model.TlsProvider;
import java.security.Provider;
import java.security.Security;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * The JSSE providers, created once per JVM. Bouncy Castle's classes are named only inside {@link Bc}, so a run on
 * {@code jdk} never loads them (the verifier of a method that returns a BC provider as a {@code Provider} would).
 */
public final class Providers {
    private static Provider bcJsse;

    private Providers() {}

    /** The JSSE provider for {@code p}; {@code null} for the JDK's (the default lookup finds SunJSSE). */
    public static synchronized Provider jsse(TlsProvider p) {
        if (p == TlsProvider.JDK) {
            return null;
        }
        if (bcJsse == null) {
            Bc.quietLogging();
            // BCJSSE finds its crypto by JCA names. JDK crypto comes first (AES-GCM intrinsics); the BC JCE provider
            // at the end supplies only what the JDK lacks (ChaCha20-Poly1305, RSA-PSS variants it asks for).
            Bc.installJce();
            bcJsse = Bc.jsse();
        }
        return bcJsse;
    }

    /**
     * A Bouncy Castle JSSE provider of its own whose crypto writes every connection's secrets to {@code log}: one
     * per key-logging context, so connections without a key log never pay for it.
     */
    public static Provider bcJsseWithKeyLog(KeyLog log) {
        jsse(TlsProvider.BC); // the logger level and the BC JCE provider, as for the shared one
        return Bc.jsseWithKeyLog(log);
    }

    /** Where Bouncy Castle's provider classes are named: loaded on the first {@code bc} use only. */
    private static final class Bc {
        /** Held so the level set on it survives garbage collection of JUL's weak references. */
        private static final Logger LOGGER = Logger.getLogger("org.bouncycastle");

        /** BCJSSE logs every handshake at INFO through java.util.logging: two stderr lines per connection. */
        static void quietLogging() {
            LOGGER.setLevel(Level.SEVERE);
        }

        static void installJce() {
            if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
                Security.addProvider(new BouncyCastleProvider());
            }
        }

        static Provider jsse() {
            return new BouncyCastleJsseProvider();
        }

        static Provider jsseWithKeyLog(KeyLog log) {
            return new BouncyCastleJsseProvider(false, KeyLogCrypto.provider(log));
        }
    }
}
