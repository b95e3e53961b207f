package dev.tlskit.cli;

import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;

/**
 * For the tests' Bouncy Castle low-level clients (the hostile probes, the record-by-record client): any server
 * certificate is accepted and no client certificate is sent. The server under test is on loopback and its
 * certificate is not what those tests are about.
 */
public final class AnyServerCertificate implements TlsAuthentication {
    @Override
    public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
        // any: see the class comment
    }

    @Override
    public TlsCredentials getClientCredentials(CertificateRequest request) {
        return null;
    }
}
