package dev.tlskit.engine.wire;

/**
 * A plaintext handshake message the wire readers decode: what a trace shows of a record beyond the message names.
 * The observer hands these out as data; the edge (the CLI) renders them as text.
 */
public sealed interface HandshakeMessage permits ClientHello, ServerHello, ServerKeyExchange {
}
