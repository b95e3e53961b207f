package dev.tlskit.engine.model;

/** Whether a server asks for a client certificate. */
public enum ClientAuth {
    /** No CertificateRequest is sent. */
    NONE,
    /** A certificate is requested; the handshake goes on without one. */
    WANT,
    /** A certificate is required and verified; the handshake fails without one. */
    NEED
}
