package dev.tlskit.engine;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;

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
    private final List<X509Certificate> peerChain;
    private final FailureAlert alert;

    public TlsException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, List.of());
    }

    /**
     * @param peerChain the certificates the peer sent when this endpoint's trust check rejected them, leaf first
     *     (empty when unknown), so a failed verification can still show what was seen
     */
    public TlsException(Kind kind, String message, Throwable cause, List<X509Certificate> peerChain) {
        this(kind, message, cause, peerChain, null);
    }

    /** @param alert the alert that ended the connection, sent or received, or null when none crossed the wire */
    public TlsException(Kind kind, String message, Throwable cause, List<X509Certificate> peerChain,
            FailureAlert alert) {
        super(message, cause);
        this.kind = kind;
        this.peerChain = List.copyOf(peerChain);
        this.alert = alert;
    }

    /**
     * The same failure with {@code context} before its message ({@code client 127.0.0.1:5000: }), keeping the kind,
     * the cause, the chain and the alert.
     */
    public TlsException withContext(String context) {
        return new TlsException(kind, context + getMessage(), getCause(), peerChain, alert);
    }

    /** The same failure with {@code more} after its message, keeping everything else. */
    public TlsException withSuffix(String more) {
        return new TlsException(kind, getMessage() + more, getCause(), peerChain, alert);
    }

    /**
     * The alert that ended the connection: the one this endpoint sent (a server rejecting a broken hello), or the
     * peer's (a server refusing this client); null when no alert was seen (a reset, a timeout, an encrypted alert
     * whose description the wire does not show).
     */
    public FailureAlert alert() {
        return alert;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The chain the peer presented when this endpoint rejected it (a {@link Kind#VERIFICATION} failure of our own
     * trust check, including the hostname check), leaf first; empty otherwise. The handshake failed, so there is no
     * {@link HandshakeSummary} to carry it.
     */
    public List<X509Certificate> peerChain() {
        return peerChain;
    }
}
