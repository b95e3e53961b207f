package dev.tlskit.cli;

import java.util.Map;

/**
 * One {@code --expect-*} check after the exchange: what was asked, what the handshake showed, and whether they
 * agree. A failed one is reported as {@code expected <what> <expected>, got <actual>}.
 *
 * @param name the JSON name ({@code version}, {@code minDays}, ...)
 * @param expected what the flag asked for
 * @param actual what the handshake showed
 * @param ok whether they agree
 * @param line the stderr line when it failed, without the {@code tlskit: error: } prefix
 */
public record Assertion(String name, Object expected, Object actual, boolean ok, String line) {

    /** The common case: the line is {@code expected <what> <expected>, got <actual>}. */
    public static Assertion of(String name, String what, Object expected, Object actual, boolean ok) {
        return new Assertion(name, expected, actual, ok, "expected " + what + " " + expected + ", got " + actual);
    }

    public Map<String, Object> json() {
        Map<String, Object> m = Json.object();
        m.put("name", name);
        m.put("expected", expected);
        m.put("actual", actual);
        m.put("ok", ok);
        return m;
    }
}
