package dev.tlskit.cli.command;

import dev.tlskit.certs.Certgen;
import dev.tlskit.certs.Validity;
import dev.tlskit.cli.UsageException;
import java.time.Duration;
import java.time.Instant;

/**
 * The leaves' validity {@code tlskit certgen} was asked for with {@code --days}, {@code --not-before} and
 * {@code --not-after}; each bad value a usage error naming its flag.
 */
final class CertgenValidity {
    private CertgenValidity() {}

    /**
     * The validity from these option values (each null when not given), or null when none is given (Certgen's
     * default then). A missing start is an hour ago (as {@link Validity#days}), or, when the end is before that, the
     * end minus the default days; a missing end is the start plus the days, or {@link Validity#days}' end.
     */
    static Validity of(Integer days, String notBefore, String notAfter) {
        Instant start = notBefore != null ? instant("--not-before", notBefore) : null;
        Instant end = notAfter != null ? instant("--not-after", notAfter) : null;
        if (days != null && days <= 0) {
            throw new UsageException("--days " + days + ": must be at least 1");
        }
        if (days != null && days > 100 * 366) {
            throw new UsageException("--days " + days + ": more than 100 years");
        }
        if (start == null && end == null && days == null) {
            return null;
        }
        Validity defaults = Validity.days(days != null ? days : Certgen.LEAF_DAYS);
        if (start == null) {
            start = defaults.notBefore();
            if (end != null && end.isBefore(start)) {
                start = end.minus(Duration.ofDays(Certgen.LEAF_DAYS)); // an expired certificate: one flag away
            }
        }
        if (end == null) {
            end = notBefore != null ? start.plus(Duration.ofDays(days != null ? days : Certgen.LEAF_DAYS))
                    : defaults.notAfter();
        }
        if (!end.isAfter(start)) {
            throw new UsageException("--not-after " + notAfter + " is not after --not-before " + notBefore);
        }
        return new Validity(start, end);
    }

    private static Instant instant(String flag, String value) {
        try {
            return Certgen.parseInstant(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + " " + e.getMessage());
        }
    }
}
