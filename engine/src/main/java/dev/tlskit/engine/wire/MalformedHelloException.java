package dev.tlskit.engine.wire;

/**
 * A hello message that breaks its RFC: which field, why, and the alert RFC 8446/5246 say to answer with
 * ({@code decode_error} for bad syntax, {@code illegal_parameter} for a value the rules forbid).
 */
public final class MalformedHelloException extends IllegalArgumentException {
    private final String field;
    private final String reason;
    private final AlertDescription alert;

    public MalformedHelloException(String field, String reason, AlertDescription alert) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
        this.alert = alert;
    }

    static MalformedHelloException decode(String field, String reason) {
        return new MalformedHelloException(field, reason, AlertDescription.DECODE_ERROR);
    }

    static MalformedHelloException illegal(String field, String reason) {
        return new MalformedHelloException(field, reason, AlertDescription.ILLEGAL_PARAMETER);
    }

    /** The field at fault: {@code cipher_suites}, {@code extensions}, {@code key_share}... */
    public String field() {
        return field;
    }

    /** What is wrong with it, e.g. {@code length 3 is odd}. */
    public String reason() {
        return reason;
    }

    /** The alert to send for it. */
    public AlertDescription alert() {
        return alert;
    }
}
