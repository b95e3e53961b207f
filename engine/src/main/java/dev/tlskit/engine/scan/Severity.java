package dev.tlskit.engine.scan;

import java.util.Locale;

/** How bad a finding is, lowest first; {@code --fail-on} compares with {@link #atLeast}. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** {@code high}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
