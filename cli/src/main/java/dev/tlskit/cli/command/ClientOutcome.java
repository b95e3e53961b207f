package dev.tlskit.cli.command;

import dev.tlskit.cli.Assertion;
import dev.tlskit.cli.ExitCode;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import java.util.List;
import java.util.Map;

/**
 * What one client check came to, as a value: text, JSON and the chain report are rendered from it
 * ({@link ClientOutput}), for one target or for each of {@code --targets}.
 *
 * @param host the host checked (an IPv6 literal without brackets)
 * @param port the port checked
 * @param config the configuration it ran with (trust anchors, for the chain report)
 * @param first the first connection, or null when connecting or its handshake failed
 * @param second the reconnection of {@code -r}, or null (not asked, not reached, or its handshake failed)
 * @param starttls the {@code --starttls} prelude as JSON, or null without --starttls
 * @param assertions the {@code --expect-*} results, in flag order (empty when none was asked or none was reached)
 * @param failure what ended the check, explained (the chain's verdict named), or null
 * @param chainFailure when the first handshake failed: the failure as the engine said it, for the chain report's
 *     "verification failed" line; else null
 * @param trace the {@code --trace} events for JSON (empty without them)
 */
record ClientOutcome(String host, int port, TlsConfig config, ClientExchange first, ClientExchange second,
        Map<String, Object> starttls, List<Assertion> assertions, TlsException failure, String chainFailure,
        List<Object> trace) {

    /** The exit code this outcome stands for: the failure's, else 5 when an assertion failed, else 0. */
    int exitCode() {
        if (failure != null) {
            return ExitCode.of(failure);
        }
        return failedAssertions().isEmpty() ? ExitCode.OK : ExitCode.EXPECTATION;
    }

    List<Assertion> failedAssertions() {
        return assertions.stream().filter(a -> !a.ok()).toList();
    }
}
