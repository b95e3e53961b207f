package dev.tlskit.cli.bench;

import java.util.List;
import java.util.Map;

/**
 * What one {@code bench handshake} run measured, by tlskit's clients or by {@code openssl s_time}. Latencies sorted,
 * in ms; CPU, server counters and wire bytes -1 when unknown.
 *
 * @param groups the named groups the run was asked for (empty: the providers' defaults)
 * @param clientBytes bytes of TLS records the clients sent until each handshake completed, summed over the run
 * @param serverBytes bytes of TLS records the clients received until then (the server's flight), summed
 */
record HandshakeResult(String name, String client, String server, long attempts, long handshakes, long resumed,
        Map<String, Long> failures, double seconds, double[] latencies, long clientCpuNanos, long serverCpuNanos,
        long serverHandshakes, long serverResumed, String group, String note, List<String> groups, long clientBytes,
        long serverBytes) {
    HandshakeResult {
        groups = List.copyOf(groups);
    }

    /** Bytes on the wire per handshake, both directions, record headers included; NaN when unknown. */
    double bytesPerHandshake() {
        return clientBytes < 0 || handshakes == 0 ? Double.NaN : (clientBytes + serverBytes) / (double) handshakes;
    }

    long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    double rate() {
        return handshakes / seconds;
    }

    double clientCpuMs() {
        return clientCpuNanos < 0 || handshakes == 0 ? Double.NaN : clientCpuNanos / 1e6 / handshakes;
    }

    double serverCpuMs() {
        return serverCpuNanos < 0 || handshakes == 0 ? Double.NaN : serverCpuNanos / 1e6 / handshakes;
    }
}
