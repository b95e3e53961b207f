package dev.tlskit.engine.model;

import java.nio.ByteBuffer;

/**
 * What a multi-connection server ({@link dev.tlskit.engine.EventLoopServer},
 * {@link dev.tlskit.engine.DtlsServer}) does with its connections. Callbacks run on the server's own threads and
 * must not block.
 */
public interface SessionHandler {
    /** The handshake finished. */
    default void opened(Session session) {}

    /** Decrypted bytes arrived; {@code data} is valid only during the call. */
    void received(Session session, ByteBuffer data);

    /** The connection ended: {@code failure} is null after a clean close (close_notify, EOF, a local close). */
    default void closed(Session session, TlsException failure) {}
}
