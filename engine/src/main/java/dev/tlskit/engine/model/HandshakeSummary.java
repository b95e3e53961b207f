package dev.tlskit.engine.model;

import dev.tlskit.engine.wire.NamedGroup;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * What a completed handshake negotiated. Every command prints from it; JSON output is its serialisation.
 *
 * @param provider the TLS implementation used
 * @param protocol {@code TLSv1.3}, {@code TLSv1.2}
 * @param cipherSuite the IANA cipher suite name
 * @param group the key exchange group as the wire showed it ({@code X25519}), or null when none was used
 * @param peerChain the peer's certificates, leaf first (empty when it sent none)
 * @param localChain the certificates this endpoint sent, leaf first (empty when none)
 * @param verification what was checked about the peer
 * @param hostnameVerified whether a client checked the server certificate against the host name
 * @param applicationProtocol the ALPN protocol agreed, or null
 * @param serverName the SNI name sent (client) or received (server), or null
 * @param resumed whether the server accepted a session resumption
 * @param helloRetried whether the server answered the first ClientHello with a HelloRetryRequest (TLS 1.3: none
 *     of the client's key shares was for a group it would take), so the group came from a second ClientHello
 * @param certificateRequestSeen whether a CertificateRequest crossed in plaintext (TLS 1.2 only; TLS 1.3
 *     encrypts it)
 * @param handshakeTime from the first handshake byte written or read to completion
 * @param records the handshake's records as seen on the wire
 */
public record HandshakeSummary(
        TlsProvider provider,
        String protocol,
        String cipherSuite,
        String group,
        List<X509Certificate> peerChain,
        List<X509Certificate> localChain,
        Verification verification,
        boolean hostnameVerified,
        String applicationProtocol,
        String serverName,
        boolean resumed,
        boolean helloRetried,
        boolean certificateRequestSeen,
        Duration handshakeTime,
        List<TraceEvent> records) {

    public HandshakeSummary {
        peerChain = List.copyOf(peerChain);
        localChain = List.copyOf(localChain);
        records = List.copyOf(records);
    }

    /** Whether the key exchange group has an ML-KEM part ({@code X25519MLKEM768}, {@code MLKEM768}). */
    public boolean postQuantum() {
        NamedGroup g = group == null ? null : NamedGroup.named(group);
        return g != null && g.postQuantum();
    }
}
