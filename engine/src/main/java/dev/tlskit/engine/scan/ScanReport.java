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
 * @param certificateKeys each distinct leaf certificate the server showed for the SNI name sent, with the offers
 *     that brought it (several when it has, say, an RSA and an ECDSA certificate)
 * @param resumption whether the engine's second handshake resumed the first's session, per version
 */
public record ScanReport(ScanTarget target, String address, String error, List<VersionResult> versions,
        List<VersionSuites> suites, List<NamedGroup> tls13Groups, List<NamedGroup> ecdheGroups, int dhBits,
        ProtocolVersion signatureVersion, List<SignatureScheme> signatureSchemes, Features features, CertificateReport certificate, List<Finding> findings, List<ProbeLog> probes,
        long wallMillis, int suitesPerHello, List<CertificateKey> certificateKeys, Resumption resumption) {

    public ScanReport {
        versions = List.copyOf(versions);
        suites = List.copyOf(suites);
        tls13Groups = List.copyOf(tls13Groups);
        ecdheGroups = List.copyOf(ecdheGroups);
        signatureSchemes = List.copyOf(signatureSchemes);
        findings = List.copyOf(findings);
        probes = List.copyOf(probes);
        certificateKeys = List.copyOf(certificateKeys);
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
     * What the server's hellos showed (TLS 1.2 and older: the ServerHello; TLS 1.3: the encrypted flight).
     *
     * @param fallbackProtected true when a lower-version hello with TLS_FALLBACK_SCSV got inappropriate_fallback,
     *     false when it was accepted, null when there was no lower version to try
     * @param signedCertificateTimestamps SCTs in the TLS 1.2 ServerHello or the TLS 1.3 leaf's CertificateEntry
     * @param recordSizeLimit the server's RFC 8449 record_size_limit, -1 when it sent none
     * @param earlyData whether a TLS 1.3 session ticket allows early data, null when that could not be seen
     * @param earlyDataNote the ticket's early-data size, or why early data was not probed
     */
    public record Features(boolean extendedMasterSecret, boolean secureRenegotiation, boolean encryptThenMac,
            boolean ocspStapling, boolean sessionTicket, boolean heartbeat, boolean compression,
            Boolean fallbackProtected, List<String> alpn, boolean signedCertificateTimestamps, int recordSizeLimit,
            Boolean earlyData, String earlyDataNote) {
        public Features {
            alpn = List.copyOf(alpn);
        }

        static Features none() {
            return new Features(false, false, false, false, false, false, false, null, List.of(), false, -1, null,
                    "not probed");
        }
    }

    /**
     * One certificate the server has.
     *
     * @param keyAlgorithm {@code RSA}, {@code EC}, {@code Ed25519}
     * @param keyBits RSA modulus or EC field size, -1 when unknown
     * @param signatureAlgorithm the certificate's own signature ({@code SHA256withRSA})
     * @param subject the leaf's subject DN
     * @param sha256 the leaf's SHA-256 fingerprint, hex
     * @param selectedBy the offers that brought it ({@code TLS 1.2 ECDSA suites}, {@code TLS 1.3 RSA signature
     *     schemes})
     */
    public record CertificateKey(String keyAlgorithm, int keyBits, String signatureAlgorithm, String subject,
            String sha256, List<String> selectedBy) {
        public CertificateKey {
            selectedBy = List.copyOf(selectedBy);
        }
    }

    /** Real resumption through the engine, per version; a field is null when the version was not tried. */
    public record Resumption(Result tls12, Result tls13) {
        /** Whether the second handshake resumed; null with a note when it could not be tried. */
        public record Result(Boolean resumed, String note) {}

        static Resumption none() {
            return new Resumption(null, null);
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
