package dev.tlskit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hybrid defaults on bc, the server's preference for them, and what the summary says about the path. */
class PostQuantumGroupsTest {

    @Test
    void earlyKeySharesGoToTheFirstPostQuantumGroupAndX25519InListOrder() {
        assertEquals(List.of("X25519MLKEM768", "x25519"),
                TlsContext.earlyKeyShares(List.of("X25519MLKEM768", "x25519", "secp256r1")));
        assertEquals(List.of("x25519", "SecP256r1MLKEM768"),
                TlsContext.earlyKeyShares(List.of("x25519", "SecP256r1MLKEM768", "X25519MLKEM768")));
        assertEquals(List.of("MLKEM768"), TlsContext.earlyKeyShares(List.of("MLKEM768", "secp256r1")));
        assertEquals(List.of("secp384r1"), TlsContext.earlyKeyShares(List.of("secp384r1", "secp256r1")),
                "neither a hybrid nor X25519: the first group, as OpenSSL does");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aHelloRetryRequestMovesAPlainBcjsseClientToTheHybridAndTheSummarySaysSo() throws Exception {
        // Bouncy Castle's own client defaults offer X25519MLKEM768 last, with a key share for X25519 only: the
        // tlskit bc server, which takes a hybrid whenever one is offered, asks again for that.
        TlsContext server = TlsContext.create(TestPki.server(TlsProvider.BC, TlsVersion.TLS_1_3, ClientAuth.NONE)
                .build());
        try (Loopback loop = new Loopback()) {
            CompletableFuture<HandshakeSummary> served = loop.serve(server, c -> {
                c.outputStream().write('!');
                c.outputStream().flush();
                return c.summary();
            });
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", DemoMaterial.ca());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            SSLContext plain = SSLContext.getInstance("TLSv1.3", new BouncyCastleJsseProvider());
            plain.init(null, tmf.getTrustManagers(), null);
            try (SSLSocket s = (SSLSocket) plain.getSocketFactory().createSocket("127.0.0.1", loop.port())) {
                s.startHandshake();
                assertEquals('!', s.getInputStream().read());
            }
            HandshakeSummary summary = served.get(20, TimeUnit.SECONDS);
            assertEquals("X25519MLKEM768", summary.group());
            assertTrue(summary.postQuantum());
            assertTrue(summary.helloRetried(), "the first ClientHello had no X25519MLKEM768 share");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theHybridDefaultsNeedNoHelloRetry() throws Exception {
        TlsContext server = TlsContext.create(TestPki.server(TlsProvider.BC, TlsVersion.TLS_1_3, ClientAuth.NONE)
                .build());
        TlsContext client = TlsContext.create(TestPki.anonymousClient(TlsProvider.BC, TlsVersion.TLS_1_3).build());
        try (Loopback loop = new Loopback()) {
            CompletableFuture<HandshakeSummary> served = loop.serve(server, TlsConnection::summary);
            try (TlsConnection c = TlsConnection.connect(client, "127.0.0.1", loop.port(), IpFamily.ANY)) {
                assertEquals("X25519MLKEM768", c.summary().group());
                assertFalse(c.summary().helloRetried());
            }
            assertEquals("X25519MLKEM768", served.get(20, TimeUnit.SECONDS).group());
        }
    }
}
