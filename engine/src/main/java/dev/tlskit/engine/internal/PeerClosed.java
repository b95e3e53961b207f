package dev.tlskit.engine.internal;

import dev.tlskit.engine.wire.Alert;
import javax.net.ssl.SSLException;

/**
 * The peer ended the connection before the handshake completed: with an alert (then {@link #alert()} says which) or
 * by closing TCP. Nothing is said back: a fatal alert must not be answered (RFC 8446 section 6.2), and a closed
 * peer hears nothing.
 */
public final class PeerClosed extends SSLException {
    private final transient Alert alert;

    PeerClosed(Alert alert) {
        super(alert != null ? "Received " + alert + " alert" : "peer closed the connection during the handshake");
        this.alert = alert;
    }

    /** The closed connection's failure, from what the observer saw the peer send last. */
    public static PeerClosed seenBy(WireObserver observer) {
        return new PeerClosed(observer.receivedAlert());
    }

    public Alert alert() {
        return alert;
    }
}
