package dev.tlskit.engine.internal;

import dev.tlskit.engine.wire.AlertDescription;
import javax.net.ssl.SSLProtocolException;

/**
 * The peer broke the protocol in a way the engine itself detected (a ClientHello RFC 8446 says to reject, which the
 * provider would accept), with the alert the RFC prescribes for it.
 */
public final class ProtocolViolation extends SSLProtocolException {
    private final transient AlertDescription alert;

    public ProtocolViolation(AlertDescription alert, String reason) {
        super(reason);
        this.alert = alert;
    }

    /** The fatal alert to send. */
    public AlertDescription alert() {
        return alert;
    }
}
