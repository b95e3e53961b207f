package dev.tlskit.engine.model;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One connection of a multi-connection server ({@link dev.tlskit.engine.EventLoopServer} over TCP,
 * {@link dev.tlskit.engine.DtlsServer} over UDP), as its {@link SessionHandler} sees it. Methods are for the
 * server's thread that calls the handler, except {@link #close()}.
 */
public interface Session {
    /** Encrypts all of {@code data} and sends it (or queues it until the peer reads). */
    void write(ByteBuffer data);

    /** Sends close_notify and closes; safe from any thread. */
    void close();

    /** What the handshake negotiated; set before {@link SessionHandler#opened} is called. */
    HandshakeSummary summary();

    InetSocketAddress remoteAddress();

    /** Per-connection state of the handler's own, or null. */
    Object attachment();

    void attach(Object attachment);
}
