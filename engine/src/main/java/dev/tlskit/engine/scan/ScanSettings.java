package dev.tlskit.engine.scan;

import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.starttls.Prelude;
import dev.tlskit.engine.starttls.StartTlsProtocol;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * How to scan.
 *
 * @param connectTimeout limit for each TCP connect
 * @param probeTimeout limit for each probe's answer, after the connect
 * @param parallel probes in flight at once against one target (1-64)
 * @param serverName the SNI name to send; null: the host, unless it is an IP literal
 * @param family which address family to use when the name has both
 * @param trustAnchors anchors for the certificate verdict (may be empty)
 * @param trustPlatform whether the platform's trust store counts too
 * @param starttls the protocol whose STARTTLS prelude each connection speaks first, or null for TLS from the start
 * @param starttlsName the name the prelude announces ({@link StartTlsProtocol#prelude(String)}), with starttls
 */
public record ScanSettings(Duration connectTimeout, Duration probeTimeout, int parallel, String serverName,
        IpFamily family, List<X509Certificate> trustAnchors, boolean trustPlatform, StartTlsProtocol starttls,
        String starttlsName) {
    /** Probes in flight per target if unset: few, since servers rate-limit new connections. */
    public static final int DEFAULT_PARALLEL = 8;

    public ScanSettings {
        if (parallel < 1 || parallel > 64) {
            throw new IllegalArgumentException("parallel must be 1-64: " + parallel);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || probeTimeout.isNegative()
                || probeTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        trustAnchors = List.copyOf(trustAnchors);
    }

    /** The prelude each probe speaks first, or null. */
    Prelude prelude() {
        return starttls == null ? null : starttls.prelude(starttlsName);
    }

    /** 5 s connects, 5 s answers, {@link #DEFAULT_PARALLEL} probes, the platform trust store. */
    public static ScanSettings defaults() {
        return new ScanSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), DEFAULT_PARALLEL, null, IpFamily.ANY,
                List.of(), true, null, null);
    }
}
