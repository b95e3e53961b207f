package dev.tlskit.engine.scan;

import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.SignatureScheme;
import java.util.List;

/**
 * Everything one scan found about one target, as values.
 *
 * @param target what was scanned
 * @param address the IP address probed, or null when the name did not resolve
 * @param error why the target could not be scanned (nothing listening, not TLS, no answer), else null
 * @param versions each version probed, with its answer, in order SSLv2 .. TLS 1.3
 * @param suites per accepted version, the accepted suites in the server's order (or the offer's)
 * @param tls13Groups groups a TLS 1.3 server accepted (a HelloRetryRequest naming them)
 * @param ecdheGroups curves a TLS 1.2-and-older server used in its ServerKeyExchange
 * @param dhBits the finite-field DHE prime size, or -1 when no DHE suite was accepted
 * @param signatureVersion the version the signature schemes were asked on (1.3 if the server has it, else 1.2),
 *     null when neither
 * @param signatureSchemes the schemes the server accepted offered alone: what it can sign its handshake with
 * @param features what the ServerHello echoed, and the fallback check
 * @param certificate the chain and its verdicts, or null when none could be read
 * @param findings what is wrong, most severe first
 * @param probes every probe sent, with its answer
 * @param wallMillis the scan's wall time
 * @param suitesPerHello 0 when the server took the full offer; else how many suites a hello offered at most,
 *     after it had reset or closed the connection on the full one
 */
public record ScanReport(ScanTarget target, String address, String error, List<VersionResult> versions,
        List<VersionSuites> suites, List<NamedGroup> tls13Groups, List<NamedGroup> ecdheGroups, int dhBits,
        ProtocolVersion signatureVersion, List<SignatureScheme> signatureSchemes, Features features, CertificateReport certificate, List<Finding> findings, List<ProbeLog> probes,
        long wallMillis, int suitesPerHello) {

    public ScanReport {
        versions = List.copyOf(versions);
        suites = List.copyOf(suites);
        tls13Groups = List.copyOf(tls13Groups);
        ecdheGroups = List.copyOf(ecdheGroups);
        signatureSchemes = List.copyOf(signatureSchemes);
        findings = List.copyOf(findings);
        probes = List.copyOf(probes);
    }

    /** One version probe. */
    public record VersionResult(ProtocolVersion version, boolean supported, Answer answer) {}

    /**
     * The suites one version accepted.
     *
     * @param serverOrder true when the server picks by its own preference (then {@code suites} is that order),
     *     false when it honours the client's, null when fewer than two suites leave nothing to tell
     */
    public record VersionSuites(ProtocolVersion version, List<CipherSuite> suites, Boolean serverOrder) {
        public VersionSuites {
            suites = List.copyOf(suites);
        }
    }

    /**
     * What the server's hellos showed.
     *
     * @param fallbackProtected true when a lower-version hello with TLS_FALLBACK_SCSV got inappropriate_fallback,
     *     false when it was accepted, null when there was no lower version to try
     */
    public record Features(boolean extendedMasterSecret, boolean secureRenegotiation, boolean encryptThenMac,
            boolean ocspStapling, boolean sessionTicket, boolean heartbeat, boolean compression,
            Boolean fallbackProtected, List<String> alpn) {
        public Features {
            alpn = List.copyOf(alpn);
        }

        static Features none() {
            return new Features(false, false, false, false, false, false, false, null, List.of());
        }
    }

    /** One probe: what it asked, and the answer. */
    public record ProbeLog(String purpose, Answer answer) {}

    /** Whether the target answered in TLS at all. */
    public boolean reachable() {
        return error == null;
    }

    /** The most severe finding, or null. */
    public Severity worst() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(null);
    }
}
