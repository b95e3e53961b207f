package dev.tlskit.cli.certgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.Tlskit;

/** Certgen tests' helpers; running tlskit in-process is {@link Tlskit}'s. */
final class Cli {
    private Cli() {}

    static void assertOneErrorLine(Tlskit.Result r, String... fragments) {
        assertEquals(2, r.exitCode(), r.err());
        String[] lines = r.err().lines().toArray(String[]::new);
        assertTrue(lines.length >= 1 && lines[0].startsWith("tlskit: error: "), r.err());
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), "'" + f + "' not in: " + lines[0]);
        }
        for (int i = 1; i < lines.length; i++) {
            // after the error line: hints, and for parse errors the short usage and the "see --help" line
            assertTrue(lines[i].startsWith("hint: ") || lines[i].startsWith("Usage: ")
                    || lines[i].startsWith("See '"), "extra line: " + lines[i]);
        }
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals("", r.out());
    }
}
