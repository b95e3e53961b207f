package dev.tlskit.engine.wire;

/**
 * One alert message as it crosses the wire: a level byte and a description byte (RFC 8446 section 6). Codes
 * outside the registries are kept as they came, so a peer's odd alert is reported, not lost.
 *
 * @param level 1 (warning) or 2 (fatal); anything else as sent
 * @param description the description code; {@link AlertDescription#of(int)} names it
 */
public record Alert(int level, int description) {
    public static final int WARNING = 1;
    public static final int FATAL = 2;

    public Alert {
        if (level < 0 || level > 255 || description < 0 || description > 255) {
            throw new IllegalArgumentException("alert bytes out of range: " + level + ", " + description);
        }
    }

    public static Alert fatal(AlertDescription description) {
        return new Alert(FATAL, description.code());
    }

    public static Alert warning(AlertDescription description) {
        return new Alert(WARNING, description.code());
    }

    /** The two body bytes of an alert record: {@code [level, description]}, or null when shorter. */
    public static Alert parse(byte[] body) {
        return body.length >= 2 ? new Alert(body[0] & 0xFF, body[1] & 0xFF) : null;
    }

    public boolean isFatal() {
        return level == FATAL;
    }

    /** {@code fatal}, {@code warning}, or {@code level N}. */
    public String levelName() {
        return switch (level) {
            case WARNING -> "warning";
            case FATAL -> "fatal";
            default -> "level " + level;
        };
    }

    /** The RFC name of the description, {@code alert N} when unassigned. */
    public String descriptionName() {
        return AlertDescription.nameOf(description);
    }

    /** The registry entry, or null for an unassigned code. */
    public AlertDescription known() {
        return AlertDescription.of(description);
    }

    /** Whether this is {@code close_notify} (any level). */
    public boolean isCloseNotify() {
        return description == AlertDescription.CLOSE_NOTIFY.code();
    }

    public byte[] body() {
        return new byte[] {(byte) level, (byte) description};
    }

    /** {@code fatal decode_error}. */
    @Override
    public String toString() {
        return levelName() + " " + descriptionName();
    }
}
