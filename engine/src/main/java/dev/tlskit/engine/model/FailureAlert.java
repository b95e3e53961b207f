package dev.tlskit.engine.model;

import dev.tlskit.engine.wire.Alert;

/**
 * The alert that ended a failed connection, as data: which way it went and what it said. A server that rejects a
 * malformed ClientHello reports the alert it sent; a client whose server refused it, the alert it received.
 *
 * @param direction {@link Direction#SENT} by this endpoint or {@link Direction#RECEIVED} from the peer
 * @param alert the level and description as on the wire
 */
public record FailureAlert(Direction direction, Alert alert) {
    public FailureAlert {
        if (direction == null || alert == null) {
            throw new IllegalArgumentException("a failure alert needs a direction and an alert");
        }
    }

    /** {@code sent}, {@code received}. */
    public String directionName() {
        return direction == Direction.SENT ? "sent" : "received";
    }

    /** {@code sent fatal decode_error}. */
    @Override
    public String toString() {
        return directionName() + " " + alert;
    }
}
