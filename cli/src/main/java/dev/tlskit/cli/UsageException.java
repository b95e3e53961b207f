package dev.tlskit.cli;

/** Bad input found after parsing (a file, a conflicting combination): exit 2, one line on stderr. */
public final class UsageException extends RuntimeException {
    private final String hint;

    public UsageException(String message) {
        this(message, null, null);
    }

    public UsageException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** A line suggesting the fix, or null. */
    public String hint() {
        return hint;
    }
}
