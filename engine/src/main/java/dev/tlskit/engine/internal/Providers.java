package dev.tlskit.engine.internal;

import dev.tlskit.engine.KeyLog;
import dev.tlskit.engine.TlsProvider;
import java.security.Provider;
import java.security.Security;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/** The JSSE providers, created once per JVM. */
public final class Providers {
    /** Held so the level set on it survives garbage collection of JUL's weak references. */
    private static final Logger BC_LOGGER = Logger.getLogger("org.bouncycastle");
    private static Provider bcJsse;

    private Providers() {}

    /** The JSSE provider for {@code p}; {@code null} for the JDK's (the default lookup finds SunJSSE). */
    public static synchronized Provider jsse(TlsProvider p) {
        if (p == TlsProvider.JDK) {
            return null;
        }
        if (bcJsse == null) {
            // BCJSSE logs every handshake at INFO through java.util.logging: two stderr lines per connection.
            BC_LOGGER.setLevel(Level.SEVERE);
            // BCJSSE finds its crypto by JCA names. JDK crypto comes first (AES-GCM intrinsics); the BC JCE provider
            // at the end supplies only what the JDK lacks (ChaCha20-Poly1305, RSA-PSS variants it asks for).
            if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
                Security.addProvider(new BouncyCastleProvider());
            }
            bcJsse = new BouncyCastleJsseProvider();
        }
        return bcJsse;
    }

    /**
     * A Bouncy Castle JSSE provider of its own whose crypto writes every connection's secrets to {@code log}: one
     * per key-logging context, so connections without a key log never pay for it.
     */
    public static Provider bcJsseWithKeyLog(KeyLog log) {
        jsse(TlsProvider.BC); // the logger level and the BC JCE provider, as for the shared one
        return new BouncyCastleJsseProvider(false, KeyLogCrypto.provider(log));
    }
}
