package dev.tlskit.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A client context connecting twice to one server context resumes the first session. */
class ResumptionTest {

    /** One connection: the server greets, the client reads the greeting (so a 1.3 ticket arrives), both close. */
    private static HandshakeSummary[] connectOnce(Loopback loop, TlsContext server, TlsContext client) throws Exception {
        CompletableFuture<HandshakeSummary> served = loop.serve(server, c -> {
            c.write("hi".getBytes(UTF_8));
            while (c.read(new byte[16], 0, 16) >= 0) {
                // Wait for the client's close_notify.
            }
            return c.summary();
        });
        HandshakeSummary clientSummary;
        try (TlsConnection c = TlsConnection.connect(client, "localhost", loop.port(), IpFamily.IPV4)) {
            assertEquals("hi", Reads.text(c::read, 2));
            clientSummary = c.summary();
        }
        return new HandshakeSummary[] {clientSummary, served.get(10, TimeUnit.SECONDS)};
    }

    // BCJSSE 1.84 has no TLS 1.3 resumption (bc-java issue #946): only 1.2 is asserted for bc.
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"JDK, TLS_1_2", "JDK, TLS_1_3", "BC, TLS_1_2"})
    @Timeout(30)
    void resumesTheSessionOnTheSecondConnection(TlsProvider provider, TlsVersion version) throws Exception {
        TlsContext server = TlsContext.create(TestPki.server(provider, version, ClientAuth.NEED).build());
        TlsContext client = TlsContext.create(TestPki.client(provider, version).build());
        try (Loopback loop = new Loopback()) {
            HandshakeSummary[] first = connectOnce(loop, server, client);
            HandshakeSummary[] second = connectOnce(loop, server, client);

            assertFalse(first[0].resumed(), "client, first connection");
            assertFalse(first[1].resumed(), "server, first connection");
            assertTrue(second[0].resumed(), "client, second connection");
            assertTrue(second[1].resumed(), "server, second connection");
            assertEquals(version.jsseName(), second[0].protocol());
            // A resumed session still knows the peer.
            assertEquals(first[0].peerChain().get(0), second[0].peerChain().get(0));
        }
    }

    @ParameterizedTest
    @CsvSource({"JDK, TLS_1_3", "BC, TLS_1_2"})
    @Timeout(30)
    void separateClientContextsDoNotResume(TlsProvider provider, TlsVersion version) throws Exception {
        TlsContext server = TlsContext.create(TestPki.server(provider, version, ClientAuth.NONE).build());
        try (Loopback loop = new Loopback()) {
            connectOnce(loop, server, TlsContext.create(TestPki.client(provider, version).build()));
            HandshakeSummary[] second = connectOnce(loop, server, TlsContext.create(TestPki.client(provider, version).build()));

            assertFalse(second[0].resumed());
            assertFalse(second[1].resumed());
        }
    }
}
