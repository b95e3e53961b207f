package dev.tlskit.engine.scan;

/**
 * One thing wrong with a server, as a value.
 *
 * @param id a stable kebab-case key ({@code tls10-enabled}) scripts can match
 * @param severity how bad
 * @param title what was found, one line ({@code TLS 1.0 accepted})
 * @param why why it matters, one line
 */
public record Finding(String id, Severity severity, String title, String why) {}
