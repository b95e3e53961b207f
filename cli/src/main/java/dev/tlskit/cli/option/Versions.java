package dev.tlskit.cli.option;

import dev.tlskit.cli.UsageException;
import dev.tlskit.engine.model.TlsVersion;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** {@code -v} values: {@code 1.2}, {@code 1.3}, wolfSSL's {@code 3}/{@code 4}, {@code d}/{@code auto}. */
public final class Versions {
    private Versions() {}

    /** The versions {@code -v text} allows; a usage error for older or unknown ones. */
    public static Set<TlsVersion> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1.2", "3", "tls1.2", "tlsv1.2" -> EnumSet.of(TlsVersion.TLS_1_2);
            case "1.3", "4", "tls1.3", "tlsv1.3" -> EnumSet.of(TlsVersion.TLS_1_3);
            case "d", "auto" -> EnumSet.allOf(TlsVersion.class);
            case "1.0", "1.1", "0", "1", "2", "ssl3" -> throw new UsageException("-v " + text
                    + ": TLS 1.1 and older are not supported (use 1.2 or 1.3)");
            default -> throw new UsageException("-v " + text + ": unknown version (use 1.2, 1.3, 3, 4, d or auto)");
        };
    }

    /** The one version {@code -v text} names, for commands that measure one at a time (no {@code auto}). */
    public static TlsVersion one(String text) {
        Set<TlsVersion> set = parse(text);
        if (set.size() != 1) {
            throw new UsageException("-v " + text + ": use 1.2 or 1.3");
        }
        return set.iterator().next();
    }
}
