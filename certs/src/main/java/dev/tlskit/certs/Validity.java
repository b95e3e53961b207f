package dev.tlskit.certs;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A certificate's validity period. Either end may lie in the past or the future (expired, not yet valid). */
public record Validity(Instant notBefore, Instant notAfter) {

    /** @throws IllegalArgumentException when notAfter is before notBefore */
    public Validity {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is before notBefore " + notBefore);
        }
    }

    /** Valid from one hour ago (for clock skew, as mkcert does) for {@code days} days from now. */
    public static Validity days(int days) {
        if (days <= 0) {
            throw new IllegalArgumentException("days must be positive: " + days);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new Validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(days)));
    }

    /** True when {@code instant} is inside the period (both ends included). */
    public boolean contains(Instant instant) {
        return !instant.isBefore(notBefore) && !instant.isAfter(notAfter);
    }

    /** The smallest period covering this one and {@code other}. */
    public Validity span(Validity other) {
        return new Validity(notBefore.isBefore(other.notBefore) ? notBefore : other.notBefore,
                notAfter.isAfter(other.notAfter) ? notAfter : other.notAfter);
    }
}
