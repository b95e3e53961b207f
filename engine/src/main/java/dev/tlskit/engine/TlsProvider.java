package dev.tlskit.engine;

import java.util.Locale;

/** The TLS implementations tlskit drives through the same SSLEngine code path. */
public enum TlsProvider {
    /** SunJSSE, the JDK's own; the default and the only one with DTLS. */
    JDK,
    /** Bouncy Castle JSSE on JDK crypto, with the BC JCE provider appended for what the JDK lacks. */
    BC;

    /** True if this provider can write a {@link KeyLog}: SunJSSE keeps its secrets to itself. */
    public boolean writesKeyLog() {
        return this == BC;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return cliName();
    }
}
