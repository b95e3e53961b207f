package dev.tlskit.cli.bench;

import java.util.Map;

/**
 * What one {@code bench handshake} run measured, by tlskit's clients or by {@code openssl s_time}. Latencies sorted,
 * in ms; CPU and server counters -1 when unknown.
 */
record HandshakeResult(String name, String client, String server, long attempts, long handshakes, long resumed,
        Map<String, Long> failures, double seconds, double[] latencies, long clientCpuNanos, long serverCpuNanos,
        long serverHandshakes, long serverResumed, String group, String note) {
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
