package dev.tlskit.cli.bench;

import dev.tlskit.certs.KeyType;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import java.util.List;

/**
 * What a {@code bench handshake} run was asked for, checked and resolved from the command's options, for the classes
 * that run and report it.
 *
 * @param host the server to measure, or null for the in-process one
 * @param groups named groups as given, plus the ECDSA key's curve when the in-process server needs it
 * @param ciphers cipher suites as given (OpenSSL's {@code -cipher} takes them so on TLS 1.2)
 * @param suites the same cipher suites by their IANA names
 * @param server the in-process server's provider
 * @param count handshakes to measure, or null to measure for {@code seconds}
 */
record HandshakeSettings(String host, int port, TlsVersion version, boolean resume, List<String> groups,
        List<String> ciphers, List<String> suites, TlsProvider client, TlsProvider server, KeyType keyType,
        int concurrency, Integer count, double seconds, double warmup) {
    HandshakeSettings {
        groups = List.copyOf(groups);
        ciphers = List.copyOf(ciphers);
        suites = List.copyOf(suites);
    }

    /** The same run with other named groups. */
    HandshakeSettings withGroups(List<String> other) {
        return new HandshakeSettings(host, port, version, resume, other, ciphers, suites, client, server, keyType,
                concurrency, count, seconds, warmup);
    }

    /** Measuring a server given with -h, not the in-process one. */
    boolean external() {
        return host != null;
    }
}
