package dev.tlskit.engine;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.certs.Identity;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.TlsConfig;
import java.time.Duration;
import java.util.List;

/** DTLS configurations from the demo material. */
final class DtlsFixtures {
    private DtlsFixtures() {}

    /** A DTLS client trusting the demo CA and presenting the demo client certificate. */
    static TlsConfig.Builder client() {
        Identity id = DemoMaterial.client();
        return TlsConfig.forClient()
                .dtls()
                .trustAnchors(List.of(DemoMaterial.ca()))
                .identity(id.privateKey(), id.chain())
                .handshakeTimeout(Duration.ofSeconds(8));
    }

    /** A DTLS server with the demo server certificate, trusting the demo CA for client certificates. */
    static TlsConfig.Builder server(ClientAuth clientAuth) {
        Identity id = DemoMaterial.server();
        return TlsConfig.forServer(id.privateKey(), id.chain())
                .dtls()
                .trustAnchors(List.of(DemoMaterial.ca()))
                .clientAuth(clientAuth)
                .handshakeTimeout(Duration.ofSeconds(8));
    }
}
