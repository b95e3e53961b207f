package dev.tlskit.engine.starttls;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlskit.engine.Loopback;
import dev.tlskit.engine.TestPki;
import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each protocol's goodbye inside a real TLS connection on loopback: the bytes the server reads, and where the
 * client stops reading the answer (at its last line, without waiting for the server to close; or at the close).
 */
@Timeout(20)
class GoodbyeTest {
    private static final TlsContext SERVER = TlsContext.create(
            TestPki.server(TlsProvider.JDK, TlsVersion.TLS_1_3, ClientAuth.NONE).build());
    private static final TlsContext CLIENT = TlsContext.create(
            TestPki.anonymousClient(TlsProvider.JDK, TlsVersion.TLS_1_3).handshakeTimeout(Duration.ofSeconds(5))
                    .readTimeout(Duration.ofSeconds(5)).build());

    /** The server's side: what it read of the goodbye, given the answer it sends; it holds the connection open. */
    private record Said(List<String> answer, byte[] read) {}

    private static Said goodbye(Goodbye g, int expect, String answer, boolean serverCloses) throws Exception {
        CountDownLatch judged = new CountDownLatch(1);
        try (Loopback loop = new Loopback()) {
            CompletableFuture<byte[]> served = loop.serveRaw(s -> {
                try (TlsConnection c = TlsConnection.accept(SERVER, s, null, new byte[0])) {
                    ByteArrayOutputStream read = new ByteArrayOutputStream();
                    byte[] buf = new byte[256];
                    while (read.size() < expect) {
                        int n = c.read(buf, 0, buf.length);
                        if (n < 0) {
                            break;
                        }
                        read.write(buf, 0, n);
                    }
                    c.write(answer.getBytes(UTF_8), 0, answer.length());
                    if (!serverCloses) {
                        judged.await(); // the client must stop at the answer's end, not at a close
                    }
                    return read.toByteArray();
                }
            });
            List<String> said;
            try (TlsConnection c = TlsConnection.connect(CLIENT, "localhost", loop.port(), IpFamily.IPV4)) {
                said = g.say(c);
                judged.countDown(); // before our close, which waits for the server's close_notify
            } finally {
                judged.countDown();
            }
            return new Said(said, served.get());
        }
    }

    @Test
    void imapLogoutEndsAtTheTaggedOkWhileTheServerStillHoldsTheConnection() throws Exception {
        Said s = goodbye(StartTlsProtocol.IMAP.goodbye("x"), 10, "* BYE Logging out\r\nc OK Logout completed.\r\n",
                false);
        assertEquals("c LOGOUT\r\n", new String(s.read(), UTF_8));
        assertEquals(List.of("* BYE Logging out", "c OK Logout completed."), s.answer());
    }

    @Test
    void smtpQuitReadsAMultiLineReplyToItsLastLine() throws Exception {
        Said s = goodbye(StartTlsProtocol.SMTP.goodbye("x"), 6, "221-mx.test says\r\n221 2.0.0 Bye\r\n", false);
        assertEquals("QUIT\r\n", new String(s.read(), UTF_8));
        assertEquals(List.of("221-mx.test says", "221 2.0.0 Bye"), s.answer());
    }

    @Test
    void sieveLogoutWaitsPastTheCapabilitiesSentOnceTlsIsUp() throws Exception {
        Said s = goodbye(StartTlsProtocol.SIEVE.goodbye("x"), 8,
                "\"IMPLEMENTATION\" \"x\"\r\nOK \"TLS negotiation successful.\"\r\nOK \"Logout completed.\"\r\n", false);
        assertEquals("LOGOUT\r\n", new String(s.read(), UTF_8));
        assertEquals("OK \"Logout completed.\"", s.answer().get(2));
    }

    @Test
    void xmppRestartsTheStreamAndEndsAtTheServersCloseTag() throws Exception {
        Goodbye g = StartTlsProtocol.XMPP.goodbye("example.test");
        Said s = goodbye(g, g.bytes().length, "<?xml version='1.0'?><stream:stream from='example.test'>"
                + "<stream:features/></stream:stream>", false);
        String read = new String(s.read(), UTF_8);
        assertEquals("<?xml version='1.0'?><stream:stream to='example.test' xmlns='jabber:client'"
                + " xmlns:stream='http://etherx.jabber.org/streams' version='1.0'></stream:stream>", read);
        assertEquals(1, s.answer().size());
    }

    @Test
    void ldapSendsAnUnbindRequestAndReadsUntilTheServerCloses() throws Exception {
        Said s = goodbye(StartTlsProtocol.LDAP.goodbye("x"), 7, "", true);
        assertArrayEquals(new byte[] {0x30, 0x05, 0x02, 0x01, 0x02, 0x42, 0x00}, s.read());
        assertEquals(List.of(), s.answer());
    }

    @Test
    void postgresSaysNothingBeforeTheStartupMessage() throws Exception {
        Said s = goodbye(StartTlsProtocol.POSTGRES.goodbye("x"), 1, "", true);
        assertEquals(0, s.read().length, "the server read only the close");
        assertEquals(List.of(), s.answer());
    }
}
