package dev.tlskit.engine.model;

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

    /** What happened, where the kind alone does not tell a caller enough to act on. */
    public enum Reason {
        /** No answer within the configured time (connect, handshake or read). */
        TIMED_OUT,
        /** Nothing listens there: TCP refused the connection, or UDP got ICMP port unreachable. */
        REFUSED,
        /** The host has no address (DNS) of the family asked for. */
        UNKNOWN_HOST,
        /** No route to the host. */
        UNREACHABLE,
        /** The peer closed the connection, or sent a fatal alert, before the handshake completed. */
        PEER_CLOSED,
        /** The peer does not speak TLS (an HTTP server, a plaintext port). */
        NOT_TLS,
        /** Anything else: the message says it. */
        OTHER
    }

    private final Kind kind;
    private final Reason reason;
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
        this(kind, Reason.OTHER, message, cause, peerChain, alert);
    }

    /** @param reason what happened, for callers that act on it (retry a refusal, name the timeout flag) */
    public TlsException(Kind kind, Reason reason, String message, Throwable cause, List<X509Certificate> peerChain,
            FailureAlert alert) {
        super(message, cause);
        this.kind = kind;
        this.reason = reason;
        this.peerChain = List.copyOf(peerChain);
        this.alert = alert;
    }

    /**
     * The same failure with {@code context} before its message ({@code client 127.0.0.1:5000: }), keeping the kind,
     * the cause, the chain and the alert.
     */
    public TlsException withContext(String context) {
        return new TlsException(kind, reason, context + getMessage(), getCause(), peerChain, alert);
    }

    /** The same failure with {@code more} after its message, keeping everything else. */
    public TlsException withSuffix(String more) {
        return new TlsException(kind, reason, getMessage() + more, getCause(), peerChain, alert);
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

    /** What happened, in the terms a caller acts on; {@link Reason#OTHER} when the message is all there is. */
    public Reason reason() {
        return reason;
    }

    /** The same failure with another message, keeping everything else (a caller saying it in its own words). */
    public TlsException withMessage(String message) {
        return new TlsException(kind, reason, message, this, peerChain, alert);
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
