package dev.tlskit.cli.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.certs.Identity;
import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Peers that break the protocol: the listener reports them, drops them, and serves the next peer. */
class ChatBadPeerTest {
    @Test
    @Timeout(60)
    void invalidUtf8IsShownAsReplacementCharacters() throws Exception {
        try (Endpoint bob = listener()) {
            try (TlsConnection c = rawPeer(bob.port())) {
                c.write("mallory\n".getBytes(StandardCharsets.UTF_8));
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                line.write("bad ".getBytes(StandardCharsets.UTF_8));
                line.write(new byte[] {(byte) 0xff, (byte) 0xc3, 0x28, (byte) 0x80});
                line.write(" end\n".getBytes(StandardCharsets.UTF_8));
                c.write(line.toByteArray());
                c.write("still here\n".getBytes(StandardCharsets.UTF_8));
                bob.awaitOut("mallory: still here");
                assertTrue(bob.out().contains("mallory: bad \uFFFD\uFFFD(\uFFFD end\n"), bob.describe());
            }
            bob.awaitErr("mallory left the chat");
            assertServesNext(bob);
        }
    }

    @Test
    @Timeout(60)
    void aTenMegabyteLineClosesThatChatWithANotice() throws Exception {
        try (Endpoint bob = listener()) {
            try (TlsConnection c = rawPeer(bob.port())) {
                c.write("mallory\n".getBytes(StandardCharsets.UTF_8));
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'x');
                try {
                    for (int i = 0; i < 160; i++) { // 10 MiB, no newline
                        c.write(chunk);
                    }
                } catch (TlsException expected) {
                    // the listener closed the chat while we were still sending
                }
            }
            bob.awaitErr("mallory sent a line longer than 64 KiB (the limit); chat closed");
            assertTrue(!bob.out().contains("xxxx"), "no part of the long line is printed");
            assertServesNext(bob);
        }
    }

    @Test
    @Timeout(60)
    void aPeerThatNeverSendsItsNameTimesOut() throws Exception {
        try (Endpoint bob = listener()) {
            try (TlsConnection c = rawPeer(bob.port())) {
                bob.awaitErr("sent no name within 1 s; closed, waiting for the next peer");
                assertEquals(-1, c.read(new byte[16], 0, 16), "the listener closed the connection");
            }
            assertServesNext(bob);
        }
    }

    @Test
    @Timeout(60)
    void aPeerThatIsNotTlsIsDroppedAfterTheHandshakeTimeout() throws Exception {
        try (Endpoint bob = listener()) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), bob.port())) {
                s.getOutputStream().write("hello, plain text\n".getBytes(StandardCharsets.UTF_8));
                bob.awaitErr("handshake failed");
            }
            assertServesNext(bob);
        }
    }

    @Test
    @Timeout(60)
    void controlCharactersFromAPeerAreMadeVisible() throws Exception {
        try (Endpoint bob = listener()) {
            try (TlsConnection c = rawPeer(bob.port())) {
                c.write("mal\u001b[2Jlory\n".getBytes(StandardCharsets.UTF_8));
                c.write("\u001b]0;owned\u0007title\n".getBytes(StandardCharsets.UTF_8));
                bob.awaitOut("title");
            }
            assertTrue(bob.out().contains("mal^[[2Jlory: ^[]0;owned^Gtitle"), bob.describe());
            assertTrue(!bob.out().contains("\u001b"), "no escape reaches stdout");
        }
    }

    private static Endpoint listener() {
        return Endpoint.start("chat", "--listen", "-p", "0", "--name", "bob", "--timeout", "1");
    }

    /** A well-behaved peer after a bad one: the listener still serves. */
    private static void assertServesNext(Endpoint bob) throws Exception {
        try (Endpoint alice = Endpoint.start("chat", "-p", String.valueOf(bob.port()), "--name", "alice")) {
            bob.awaitErr("alice connected");
            alice.type("after the bad one");
            bob.awaitOut("alice: after the bad one");
            alice.type("quit");
            assertEquals(0, alice.awaitExit(), alice.describe());
        }
        bob.type("quit");
        assertEquals(0, bob.awaitExit(), bob.describe());
    }

    /** A TLS peer that speaks whatever the test writes, with the demo client certificate. */
    private static TlsConnection rawPeer(int port) throws Exception {
        Identity id = DemoMaterial.client();
        TlsConfig config = TlsConfig.forClient()
                .identity(id.privateKey(), id.chain())
                .trustAnchors(List.of(DemoMaterial.ca()))
                .readTimeout(Duration.ofSeconds(20))
                .build();
        return TlsConnection.connect(TlsContext.create(config), "localhost", port, IpFamily.ANY);
    }
}
