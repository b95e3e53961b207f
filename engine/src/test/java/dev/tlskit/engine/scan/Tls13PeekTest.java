package dev.tlskit.engine.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.engine.Loopback;
import dev.tlskit.engine.TestPki;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.wire.ExtensionType;
import dev.tlskit.engine.wire.SignatureScheme;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scan's own TLS 1.3 client against the engine's server (SunJSSE), on loopback: it must decrypt the server's
 * flight, and its Finished must satisfy the server, whose handshake then completes: the key schedule both ways.
 */
class Tls13PeekTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void readsTheEncryptedFlightAndFinishesTheHandshake(String suite) throws Exception {
        TlsContext server = TlsContext.create(TestPki.server(TlsProvider.JDK, TlsVersion.TLS_1_3, ClientAuth.WANT)
                .cipherSuites(List.of(suite)).applicationProtocols(List.of("h2")).build());
        try (Loopback loop = new Loopback()) {
            CompletableFuture<HandshakeSummary> served = loop.serve(server, c -> c.summary());
            Prober prober = new Prober(new InetSocketAddress("127.0.0.1", loop.port()), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), null);
            // one scheme: SunJSSE 17 signs a TLS 1.3 CertificateVerify with ecdsa_sha1 when that comes first
            Tls13Peek.Result r = Tls13Peek.run(prober, Hellos.peek(FeatureProbes.peekSuites(), "localhost")
                    .alpn("h2").signatureAlgorithms(SignatureScheme.ECDSA_SECP256R1_SHA256.code()), true);

            Tls13Peek.Flight f = r.flight();
            assertNotNull(f, r.problem());
            assertEquals(suite, dev.tlskit.engine.wire.CipherSuite.nameOf(r.answer().hello().cipherSuite()));
            assertEquals("h2", f.encrypted(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION).alpnProtocol());
            assertEquals(DemoMaterial.server().chain().get(0), f.chain().get(0));
            assertEquals(SignatureScheme.ECDSA_SECP256R1_SHA256.code(), f.signatureScheme());
            assertTrue(f.clientCertificateRequested(), "ClientAuth.WANT sends a CertificateRequest");
            assertEquals(Boolean.TRUE, f.ticket(), "a NewSessionTicket after our Finished: " + r.problem());
            assertFalse(f.leafHas(ExtensionType.STATUS_REQUEST));
            // the server's side completed: our empty Certificate and Finished were right
            HandshakeSummary s = served.get(10, TimeUnit.SECONDS);
            assertEquals("TLSv1.3", s.protocol());
            assertTrue(s.peerChain().isEmpty(), "no client certificate was sent");
        }
    }
}
