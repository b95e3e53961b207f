package dev.tlskit.engine.starttls;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.engine.Loopback;
import dev.tlskit.engine.TestPki;
import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each prelude against a scripted plaintext peer on loopback (the real servers are in the CLI's interop tests),
 * then a real TLS handshake on the same socket; and the typed failures.
 */
class StartTlsTest {
    private static final TlsContext SERVER = TlsContext.create(
            TestPki.server(TlsProvider.JDK, TlsVersion.TLS_1_3, ClientAuth.NONE).build());

    /** The server's side of a prelude, on an unbuffered stream so no TLS byte is taken by it. */
    interface Script {
        void run(Peer peer) throws IOException;
    }

    record Peer(Socket socket) {
        String line() throws IOException {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                b.write(c);
            }
            String s = b.toString(UTF_8);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        byte[] bytes(int n) throws IOException {
            return socket.getInputStream().readNBytes(n);
        }

        /** Reads until {@code marker} has arrived (XML). */
        String until(String marker) throws IOException {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            while (!b.toString(UTF_8).endsWith(marker)) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("closed before " + marker);
                }
                b.write(c);
            }
            return b.toString(UTF_8);
        }

        void say(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(UTF_8));
        }

        void say(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
        }
    }

    private static TlsContext client(Duration timeout) {
        TlsConfig.Builder b = TestPki.anonymousClient(TlsProvider.JDK, TlsVersion.TLS_1_3);
        return TlsContext.create(b.handshakeTimeout(timeout).build());
    }

    /** Runs the script, then the TLS server, which answers "pong" to what it reads; returns what it read. */
    private static StartTls.Upgraded upgrade(StartTlsProtocol protocol, String name, Script script, boolean tls)
            throws Exception {
        try (Loopback loop = new Loopback()) {
            CompletableFuture<String> served = loop.serveRaw(s -> {
                Peer peer = new Peer(s);
                script.run(peer);
                if (!tls) {
                    return "";
                }
                try (TlsConnection c = TlsConnection.accept(SERVER, s, null, new byte[0])) {
                    byte[] buf = new byte[64];
                    int n = c.read(buf, 0, buf.length);
                    c.write("pong".getBytes(UTF_8), 0, 4);
                    return new String(buf, 0, n, UTF_8);
                }
            });
            StartTls.Upgraded up = StartTls.connect(client(Duration.ofSeconds(5)), protocol, name, "localhost",
                    loop.port(), IpFamily.IPV4, null);
            try (TlsConnection c = up.connection()) {
                assertEquals("TLSv1.3", c.summary().protocol());
                c.write("ping".getBytes(UTF_8), 0, 4);
                byte[] buf = new byte[64];
                int n = c.read(buf, 0, buf.length);
                assertEquals("pong", new String(buf, 0, n, UTF_8));
            }
            assertEquals("ping", served.get());
            return up;
        }
    }

    private static PreludeException refused(StartTlsProtocol protocol, Script script) throws Exception {
        try (Loopback loop = new Loopback()) {
            CountDownLatch done = new CountDownLatch(1);
            loop.serveRaw(s -> {
                script.run(new Peer(s));
                done.await(); // keep the socket open until the client has judged
                return null;
            });
            TlsException e = assertThrows(TlsException.class, () -> StartTls.connect(client(Duration.ofSeconds(2)),
                    protocol, "localhost", "localhost", loop.port(), IpFamily.IPV4, null));
            done.countDown();
            return assertInstanceOf(PreludeException.class, e.getCause());
        }
    }

    @Test
    @Timeout(20)
    void smtpSendsEhloWithTheNameAndReadsMultiLineReplies() throws Exception {
        StartTls.Upgraded up = upgrade(StartTlsProtocol.SMTP, "client.test", p -> {
            p.say("220-mx.test ESMTP\r\n220 second line\r\n");
            assertEquals("EHLO client.test", p.line());
            p.say("250-mx.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n");
            assertEquals("STARTTLS", p.line());
            p.say("220 2.0.0 Ready to start TLS\r\n");
        }, true);
        assertEquals(java.util.List.of("220-mx.test ESMTP", "220 second line", "250-mx.test", "250-PIPELINING",
                "250-STARTTLS", "250 8BITMIME", "220 2.0.0 Ready to start TLS"), up.prelude().serverLines());
        assertEquals("C: EHLO client.test", up.prelude().transcript().get(2).toString());
    }

    @Test
    @Timeout(20)
    void lmtpSaysLhlo() throws Exception {
        upgrade(StartTlsProtocol.LMTP, "localhost", p -> {
            p.say("220 lmtp.test LMTP\r\n");
            assertEquals("LHLO localhost", p.line());
            p.say("250-lmtp.test\r\n250 STARTTLS\r\n");
            assertEquals("STARTTLS", p.line());
            p.say("220 go\r\n");
        }, true);
    }

    @Test
    @Timeout(20)
    void smtpWithoutStartTlsIsNotOfferedQuotingTheReply() throws Exception {
        PreludeException e = refused(StartTlsProtocol.SMTP, p -> {
            p.say("220 mx.test ESMTP\r\n");
            p.line();
            p.say("250-mx.test\r\n250 SIZE 1000\r\n");
        });
        assertEquals(PreludeException.Reason.NOT_OFFERED, e.reason());
        assertEquals("smtp: the server does not offer STARTTLS: its EHLO reply was \"250-mx.test | 250 SIZE 1000\"",
                e.getMessage());
    }

    @Test
    @Timeout(20)
    void aPostgresPreludeAgainstAnSmtpServerIsNotThisProtocol() throws Exception {
        PreludeException e = refused(StartTlsProtocol.POSTGRES, p -> p.say("220 mx.test ESMTP\r\n"));
        assertEquals(PreludeException.Reason.NOT_THIS_PROTOCOL, e.reason());
        assertEquals("postgres: expected 'S' or 'N' to SSLRequest, got 0x32 ('2')", e.getMessage());
    }

    @Test
    @Timeout(20)
    void anImapPreludeAgainstAnSmtpServerIsNotThisProtocol() throws Exception {
        PreludeException e = refused(StartTlsProtocol.IMAP, p -> p.say("220 mx.test ESMTP\r\n"));
        assertEquals(PreludeException.Reason.NOT_THIS_PROTOCOL, e.reason());
        assertTrue(e.getMessage().contains("\"220 mx.test ESMTP\""), e.getMessage());
    }

    @Test
    @Timeout(20)
    void aSilentServerTimesOutAtTheDeadline() throws Exception {
        long start = System.nanoTime();
        PreludeException e = refused(StartTlsProtocol.SMTP, p -> { });
        assertEquals(PreludeException.Reason.TIMED_OUT, e.reason());
        assertEquals("smtp: timed out waiting for its greeting", e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    @Timeout(20)
    void aServerClosingMidwayIsClosed() throws Exception {
        PreludeException e = refused(StartTlsProtocol.POP3, p -> p.socket().close());
        assertEquals(PreludeException.Reason.CLOSED, e.reason());
    }

    @Test
    @Timeout(20)
    void endlessTextWithoutALineEndIsNotThisProtocol() throws Exception {
        PreludeException e = refused(StartTlsProtocol.SMTP, p -> p.say("x".repeat(20_000)));
        assertEquals(PreludeException.Reason.NOT_THIS_PROTOCOL, e.reason());
        assertTrue(e.getMessage().startsWith("smtp: no line end in 16384 bytes while waiting for its greeting: \"xxx"),
                e.getMessage());
    }

    @Test
    @Timeout(20)
    void aServerClosingMidLineIsQuotedInTheMessage() throws Exception {
        PreludeException e = refused(StartTlsProtocol.SMTP, p -> {
            p.say("220 half a gree");
            p.socket().shutdownOutput();
        });
        assertEquals(PreludeException.Reason.CLOSED, e.reason());
        assertEquals("smtp: the server closed the connection while we waited for its greeting (it had sent"
                + " \"220 half a gree\")", e.getMessage());
    }

    @Test
    @Timeout(20)
    void anSmtpErrorGreetingIsAnErrorReply() throws Exception {
        PreludeException e = refused(StartTlsProtocol.SMTP, p -> p.say("554 no service for you\r\n"));
        assertEquals(PreludeException.Reason.ERROR_REPLY, e.reason());
        assertTrue(e.getMessage().endsWith("\"554 no service for you\""), e.getMessage());
    }

    @Test
    @Timeout(20)
    void imapAsksCapabilityThenStartTls() throws Exception {
        upgrade(StartTlsProtocol.IMAP, null, p -> {
            p.say("* OK IMAP ready\r\n");
            assertEquals("a CAPABILITY", p.line());
            p.say("* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\na OK done\r\n");
            assertEquals("b STARTTLS", p.line());
            p.say("b OK Begin TLS negotiation now\r\n");
        }, true);
    }

    @Test
    @Timeout(20)
    void pop3AsksCapaThenStls() throws Exception {
        upgrade(StartTlsProtocol.POP3, null, p -> {
            p.say("+OK ready\r\n");
            assertEquals("CAPA", p.line());
            p.say("+OK\r\nUSER\r\nSTLS\r\n.\r\n");
            assertEquals("STLS", p.line());
            p.say("+OK Begin TLS\r\n");
        }, true);
    }

    @Test
    @Timeout(20)
    void ftpSendsAuthTlsAndA530IsNotOffered() throws Exception {
        upgrade(StartTlsProtocol.FTP, null, p -> {
            p.say("220-Welcome\r\n220 ready\r\n");
            assertEquals("AUTH TLS", p.line());
            p.say("234 Proceed\r\n");
        }, true);
        PreludeException e = refused(StartTlsProtocol.FTP, p -> {
            p.say("220 (vsFTPd 3.0.3)\r\n");
            p.line();
            p.say("530 Please login with USER and PASS.\r\n");
        });
        assertEquals(PreludeException.Reason.NOT_OFFERED, e.reason());
    }

    @Test
    @Timeout(20)
    void nntpAsksCapabilitiesThenStartTls() throws Exception {
        upgrade(StartTlsProtocol.NNTP, null, p -> {
            p.say("200 news.test ready\r\n");
            assertEquals("CAPABILITIES", p.line());
            p.say("101 Capability list:\r\nVERSION 2\r\nSTARTTLS\r\n.\r\n");
            assertEquals("STARTTLS", p.line());
            p.say("382 Continue with TLS negotiation\r\n");
        }, true);
    }

    @Test
    @Timeout(20)
    void sieveReadsCapabilitiesThenStartTls() throws Exception {
        upgrade(StartTlsProtocol.SIEVE, null, p -> {
            p.say("\"IMPLEMENTATION\" \"test\"\r\n\"SASL\" \"\"\r\n\"STARTTLS\"\r\nOK \"ready\"\r\n");
            assertEquals("STARTTLS", p.line());
            p.say("OK \"Begin TLS negotiation now\"\r\n");
        }, true);
    }

    @Test
    @Timeout(20)
    void postgresSendsSslRequestAndTakesS() throws Exception {
        upgrade(StartTlsProtocol.POSTGRES, null, p -> {
            assertArrayEquals(new byte[] {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f}, p.bytes(8));
            p.say("S");
        }, true);
        PreludeException e = refused(StartTlsProtocol.POSTGRES, p -> {
            p.bytes(8);
            p.say("N");
        });
        assertEquals(PreludeException.Reason.NOT_OFFERED, e.reason());
    }

    @Test
    @Timeout(20)
    void ldapSendsTheStartTlsExtendedRequestAndChecksTheResultCode() throws Exception {
        byte[] request = LdapPrelude.request();
        byte[] success = {0x30, 0x0c, 0x02, 0x01, 0x01, 0x78, 0x07, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00};
        upgrade(StartTlsProtocol.LDAP, null, p -> {
            byte[] got = p.bytes(request.length);
            assertEquals("30 1d 02 01 01 77 18 80 16", hex(got, 9));
            assertEquals(LdapPrelude.START_TLS_OID, new String(got, 9, got.length - 9, UTF_8));
            p.say(success);
        }, true);
        byte[] unavailable = {0x30, 0x11, 0x02, 0x01, 0x01, 0x78, 0x0c, 0x0a, 0x01, 0x34, 0x04, 0x00, 0x04, 0x05,
            'n', 'o', 'T', 'L', 'S'};
        PreludeException e = refused(StartTlsProtocol.LDAP, p -> {
            p.bytes(request.length);
            p.say(unavailable);
        });
        assertEquals(PreludeException.Reason.NOT_OFFERED, e.reason());
        assertEquals("ldap: the server does not offer StartTLS: ExtendedResponse messageID 1, resultCode 52"
                + " (unavailable), \"noTLS\"", e.getMessage());
    }

    @Test
    @Timeout(20)
    void xmppSendsAStreamHeaderToTheDomainAndTakesProceed() throws Exception {
        upgrade(StartTlsProtocol.XMPP, "chat.test", p -> {
            String header = p.until("version='1.0'>");
            assertTrue(header.contains("to='chat.test'") && header.contains("xmlns='jabber:client'"), header);
            p.say("<?xml version='1.0'?><stream:stream from='chat.test' id='1' version='1.0' xmlns='jabber:client'"
                    + " xmlns:stream='http://etherx.jabber.org/streams'><stream:features><starttls"
                    + " xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>");
            p.until("xmpp-tls'/>");
            p.say("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        }, true);
    }

    @Test
    @Timeout(20)
    void mysqlChecksClientSslAndSendsTheSslRequest() throws Exception {
        byte[] greeting = mysqlGreeting(0xffff);
        upgrade(StartTlsProtocol.MYSQL, null, p -> {
            p.say(greeting);
            byte[] request = p.bytes(36);
            assertEquals(32, request[0]);
            assertEquals(1, request[3]);
            assertTrue((request[5] & 0x08) != 0, "CLIENT_SSL");
        }, true);
        PreludeException e = refused(StartTlsProtocol.MYSQL, p -> p.say(mysqlGreeting(0xffff & ~0x800)));
        assertEquals(PreludeException.Reason.NOT_OFFERED, e.reason());
    }

    private static byte[] mysqlGreeting(int capabilities) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(10);
        p.writeBytes("8.0.36-test".getBytes(UTF_8));
        p.write(0);
        p.writeBytes(new byte[] {1, 0, 0, 0});
        p.writeBytes("abcdefgh".getBytes(UTF_8));
        p.write(0);
        p.write(capabilities & 0xff);
        p.write(capabilities >> 8 & 0xff);
        p.write(33);
        p.writeBytes(new byte[] {2, 0, 0, 0});
        byte[] body = p.toByteArray();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.writeBytes(new byte[] {(byte) body.length, 0, 0, 0});
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i > 0 ? " " : "").append(String.format("%02x", b[i]));
        }
        return s.toString();
    }
}
