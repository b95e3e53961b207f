package dev.tlskit.engine.model;

import java.util.Locale;

/** The TLS implementations tlskit drives through the same SSLEngine code path. */
public enum TlsProvider {
    /** SunJSSE, the JDK's own; the default and the only one with DTLS. */
    JDK,
    /** Bouncy Castle JSSE on JDK crypto, with the BC JCE provider appended for what the JDK lacks. */
    BC,
    /**
     * BoringSSL through Netty's tcnative (a native library per platform, carried in the jar): TLS only. Where the
     * library cannot load, a context on it is refused and the other two work as before.
     */
    BORINGSSL;

    /** True if this provider can write a {@link KeyLog}: SunJSSE keeps its secrets to itself. */
    public boolean writesKeyLog() {
        return this != JDK;
    }

    /** True if this provider speaks DTLS (only SunJSSE does, DTLS 1.2). */
    public boolean hasDtls() {
        return this == JDK;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return cliName();
    }
}
