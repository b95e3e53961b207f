package dev.tlskit.engine.model;

/** What this endpoint checked about the peer's certificate. */
public enum Verification {
    /** The peer's chain was verified against the trust anchors (and, on a client, the hostname was checked). */
    VERIFIED,
    /** Verification was switched off: the chain was accepted unchecked. */
    SKIPPED,
    /** The peer presented no certificate (a server that did not require one). */
    NO_PEER_CERTIFICATE
}
