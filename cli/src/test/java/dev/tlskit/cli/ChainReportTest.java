package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.certs.HeldCertificate;
import dev.tlskit.certs.Identity;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one-line verification errors on a server: the words are about the client. (SunJSSE and BCJSSE clients do not
 * send a chain whose issuer the server's request does not name, so a server seldom sees a missing intermediate
 * from tlskit's own client; OpenSSL's and curl's send it.)
 */
class ChainReportTest {
    @Test
    void serverSideMissingIntermediateSpeaksOfTheClient() {
        HeldCertificate root = HeldCertificate.builder().commonName("R").certificateAuthority(1).build();
        HeldCertificate intermediate = HeldCertificate.builder().commonName("I").certificateAuthority(0)
                .signedBy(root).build();
        HeldCertificate leaf = HeldCertificate.builder().commonName("alice").signedBy(intermediate).build();
        Identity id = DemoMaterial.server();
        TlsConfig server = TlsConfig.forServer(id.privateKey(), id.chain()).trustAnchors(List.of(root.certificate()))
                .build();
        TlsException rejected = new TlsException(TlsException.Kind.VERIFICATION,
                "untrusted certificate chain: no path to a trusted CA (PKIX path building failed)", null,
                List.of(leaf.certificate()));

        TlsException said = ChainReport.explained(rejected, server, null, ChainReport.SHOW_CERTS);

        assertEquals(TlsException.Kind.VERIFICATION, said.kind());
        assertEquals("untrusted certificate chain: certificate 0 (CN=alice) was issued by CN=I, which was neither"
                + " sent nor trusted: if it is an intermediate, the client did not send it (pass it with -A, or have"
                + " the client send its chain); if it is a root CA, pass it with -A (--show-certs shows the chain)",
                said.getMessage());
        assertFalse(said.getMessage().contains("server"), said.getMessage());
        assertTrue(ChainReport.explained(rejected, server, null, null).getMessage().endsWith("pass it with -A"));
    }
}
