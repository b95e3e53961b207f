package dev.tlskit.cli.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.certs.Identity;
import dev.tlskit.engine.EventLoopServer;
import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.EventLoopSettings;
import dev.tlskit.engine.model.SessionHandler;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An exception thrown by an {@link SessionHandler} (echoserver's handler threw one for every
 * {@code break\r\n} line before EchoControl was fixed) must cost only that connection: today it escapes
 * {@code LoopConnection.process} (which catches SSLException/IOException only), ends the loop thread, aborts every
 * connection of that loop and, on loop 0, the accepting too: the listener stays bound, so new clients connect at
 * TCP level and then wait forever for a handshake, and echoserver never exits. Engine defect, reported; this test
 * drives the public engine API the echoserver uses.
 */
class EchoHandlerFailureTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aHandlerExceptionClosesOnlyThatConnectionAndTheLoopKeepsServing() throws Exception {
        Identity id = DemoMaterial.server();
        TlsContext context = TlsContext.create(TlsConfig.forServer(id.privateKey(), id.chain()).build());
        SessionHandler handler = (session, data) -> {
            String text = StandardCharsets.UTF_8.decode(data.duplicate()).toString();
            if (text.contains("boom")) {
                throw new IllegalStateException("handler bug");
            }
            session.write(data);
        };
        EventLoopSettings settings = new EventLoopSettings(1, 100, Duration.ofSeconds(3), null);
        try (EventLoopServer server = EventLoopServer.start(context,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), settings, handler)) {
            int port = server.localAddress().getPort();
            try (TlsConnection victim = Echo.connect(port, Duration.ofSeconds(3))) {
                victim.write("boom\n".getBytes(StandardCharsets.US_ASCII));
                boolean closed;
                try {
                    closed = victim.read(new byte[16], 0, 16) < 0;
                } catch (TlsException e) {
                    closed = true; // an alert or a reset: closed either way
                }
                assertTrue(closed, "the connection whose handler threw is closed");
            }
            try (TlsConnection next = Echo.connect(port, Duration.ofSeconds(3))) {
                next.write("still serving\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("still serving\n", Echo.read(next, 14), "the loop survived the handler's exception");
            }
        }
    }
}
