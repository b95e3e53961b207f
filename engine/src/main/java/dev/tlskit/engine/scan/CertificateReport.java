package dev.tlskit.engine.scan;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The server's certificate chain and what was checked on it.
 *
 * @param chain leaf first, as the server sent it
 * @param source {@code handshake} (a real handshake with the engine) or {@code plaintext} (a TLS 1.2-and-older
 *     probe's Certificate message, when the engine's handshake failed)
 * @param handshakeError why the engine's handshake failed, or null
 * @param trusted whether the chain verifies against the trust anchors
 * @param trustProblem why not, or null
 * @param hostnameMatches whether the leaf names the host (or SNI name)
 * @param keyAlgorithm the leaf key's algorithm ({@code RSA}, {@code EC}, {@code Ed25519})
 * @param keyBits the leaf key's size in bits (RSA modulus, EC field), -1 when unknown
 * @param signatureAlgorithm the leaf's signature algorithm ({@code SHA256withRSA})
 * @param daysLeft whole days until the leaf expires (negative once expired)
 */
public record CertificateReport(List<X509Certificate> chain, String source, String handshakeError,
        boolean trusted, String trustProblem, boolean hostnameMatches, String keyAlgorithm, int keyBits,
        String signatureAlgorithm, long daysLeft) {
    public CertificateReport {
        chain = List.copyOf(chain);
    }
}
