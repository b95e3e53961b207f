package dev.tlskit.engine.internal;

import dev.tlskit.engine.model.TlsConfig;
import javax.net.ssl.SSLEngine;

/**
 * What the transports of this package need of a {@code TlsContext}: its configuration and the engines made from it.
 * The context hands itself over as this, so {@code internal} imports nothing of the public package but its values.
 */
public interface EngineFactory {
    TlsConfig config();

    /**
     * A new SSLEngine for one connection, every parameter of the configuration applied.
     *
     * @param peerHost the host as the user named it (SNI, hostname verification), or null on servers
     */
    SSLEngine newEngine(String peerHost, int peerPort);

    /** Frees what an engine holds outside the heap (boringssl's native SSL object); a no-op on JSSE. */
    void release(SSLEngine engine);
}
