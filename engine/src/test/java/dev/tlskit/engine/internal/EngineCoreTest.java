package dev.tlskit.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.engine.TestPki;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Two SSLEngines driven through {@link EngineCore} and byte buffers only: no sockets, no threads. */
class EngineCoreTest {

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("dev.tlskit.engine.TestPki#providerMatrix")
    void completesHandshakeAndCarriesDataBothWays(TlsProvider clientProvider, TlsProvider serverProvider,
            TlsVersion version) throws Exception {
        TlsContext clientContext = TlsContext.create(TestPki.client(clientProvider, version).build());
        TlsContext serverContext = TlsContext.create(TestPki.server(serverProvider, version, ClientAuth.NEED).build());
        EnginePair pair = new EnginePair(clientContext, serverContext);

        pair.handshake();

        assertEquals(HandshakeStatus.NOT_HANDSHAKING, pair.client.engine().getHandshakeStatus());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, pair.server.engine().getHandshakeStatus());
        assertEquals(version.jsseName(), pair.client.engine().getSession().getProtocol());
        assertEquals(version.jsseName(), pair.server.engine().getSession().getProtocol());
        assertEquals(DemoMaterial.client().leaf(), pair.server.engine().getSession().getPeerCertificates()[0]);
        assertEquals(DemoMaterial.server().leaf(), pair.client.engine().getSession().getPeerCertificates()[0]);

        assertEquals("hello wolfssl!", pair.send(true, "hello wolfssl!"));
        assertEquals("I hear you fa shizzle!", pair.send(false, "I hear you fa shizzle!"));
        assertEquals("and again", pair.send(true, "and again"));

        assertNotNull(pair.client.observer().negotiatedGroup(), "client saw the group on the wire");
        assertEquals(pair.client.observer().negotiatedGroup(), pair.server.observer().negotiatedGroup());
        assertFalse(pair.client.observer().resumed());
    }
}
