package dev.tlskit.engine;

import java.io.IOException;

/**
 * A connection failed; {@link #kind()} says which way, so callers can map it to an exit code. The message is
 * one short human line ({@code untrusted certificate chain: no path to a trusted CA}); the original exception is
 * the cause.
 */
public final class TlsException extends IOException {
    /** The broad classes of failure a user acts on differently. */
    public enum Kind {
        /** Refused, reset, unreachable, DNS, timed out, closed early. */
        NETWORK,
        /** The TLS handshake failed: an alert, no common version, cipher suite or group, a peer not speaking TLS. */
        HANDSHAKE,
        /** A certificate was rejected: untrusted chain, wrong host, expired or not yet valid, missing. */
        VERIFICATION
    }

    private final Kind kind;

    public TlsException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
