package dev.tlskit.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.Tlskit;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.Alert;
import dev.tlskit.engine.wire.AlertDescription;
import dev.tlskit.engine.wire.ContentType;
import dev.tlskit.engine.wire.HandshakeType;
import dev.tlskit.engine.wire.ServerHelloBuilder;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tlskit client against a server made of raw bytes that answers the ClientHello wrongly: every case ends at once
 * (or after {@code --timeout} for silence) with the documented exit code, one error line naming what the server
 * did, no stack trace, and, where RFC 8446 / RFC 5246 prescribe one, the right alert sent back.
 */
@Timeout(30)
class HostileServerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: offered by both providers for TLS 1.2, and the demo key is ECDSA. */
    private static final int ECDHE_ECDSA_AES128_GCM = 0xC02B;
    /** TLS_RSA_WITH_RC4_128_MD5: offered by neither. */
    private static final int RC4_MD5 = 0x0004;
    /** TLS_AES_128_CCM_8_SHA256: not enabled by default in either provider. */
    private static final int AES_128_CCM_8 = 0x1305;

    /** What the client printed and returned, and what the server saw it send back. */
    private record Outcome(Tlskit.Result client, HostileServer.Aftermath sent) {
        String errorLine() {
            List<String> lines = client.err().lines().toList();
            assertEquals(1, lines.size(), "stderr should be one line: " + client.err());
            assertTrue(lines.get(0).startsWith("tlskit: error: "), lines.get(0));
            return lines.get(0);
        }
    }

    private static Outcome run(String provider, String version, HostileServer.Answer answer) throws Exception {
        try (HostileServer server = new HostileServer(answer)) {
            Tlskit.Result client = Tlskit.run("client", "-h", "127.0.0.1", "-p", String.valueOf(server.port()),
                    "-v", version, "--provider", provider, "--timeout", "2");
            HostileServer.Aftermath sent = server.aftermath();
            System.out.println("[hostile server] --provider " + provider + " -v " + version + ": exit "
                    + client.exitCode() + ", " + client.err().lines().filter(l -> l.startsWith("tlskit: error"))
                            .findFirst().orElse("(no error line)")
                    + "; client sent back " + sent.records() + ", then " + sent.end());
            assertFalse(client.err().contains("\tat "), "no stack trace: " + client.err());
            return new Outcome(client, sent);
        }
    }

    private static void assertHandshakeFailure(Outcome o, Pattern names) {
        assertEquals(3, o.client().exitCode(), o.client().err());
        String line = o.errorLine();
        assertTrue(names.matcher(line).find(), "the error line should match /" + names + "/: " + line);
    }

    /** The client's answer, when RFC 8446 / RFC 5246 prescribe one: exactly that fatal alert, in plaintext. */
    private static void assertAlertSent(Outcome o, Set<AlertDescription> prescribed) {
        List<Alert> alerts = o.sent().alerts();
        assertEquals(1, alerts.size(), "one alert sent back: " + o.sent());
        Alert a = alerts.get(0);
        assertTrue(a.isFatal() && prescribed.contains(a.known()),
                "expected fatal " + prescribed + ", the client sent " + a + " (" + o.sent() + ")");
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A TLS 1.2 ServerHello echoing the session id, with the two extensions clients expect of a 2020s server. */
    private static byte[] tls12Hello(HostileServer.ClientHello hello, int suite) {
        return ServerHelloBuilder.tls12(suite)
                .sessionId(hello.sessionId())
                .extension(0xFF01, new byte[] {0}) // renegotiation_info, empty (RFC 5746)
                .extension(0x0017, new byte[0]) // extended_master_secret (RFC 7627)
                .record();
    }

    /** A ServerHello record cut short: the header announces the whole hello, 15 bytes of it follow, then FIN. */
    private static void truncatedHello(HostileServer.ClientHello hello, java.io.OutputStream out,
            java.net.Socket socket) throws java.io.IOException {
        out.write(tls12Hello(hello, ECDHE_ECDSA_AES128_GCM), 0, 20);
        out.flush();
        socket.shutdownOutput();
    }

    // ------------------------------------------------------------------------------------------- the cases

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void tls12ServerHelloWithASuiteNotOfferedFailsWithIllegalParameter(String provider) throws Exception {
        Outcome o = run(provider, "1.2", (hello, out, s) -> {
            assertFalse(hello.cipherSuites().contains(RC4_MD5), "the client offers RC4-MD5?");
            out.write(tls12Hello(hello, RC4_MD5));
        });
        assertHandshakeFailure(o, Pattern.compile("(?i)illegal_parameter|cipher ?suite"));
        // RFC 5246 7.4.1.3: the suite is one "selected by the server from the list in ClientHello.cipher_suites";
        // 7.2.2: illegal_parameter, "a field in the handshake was out of range or inconsistent with other fields".
        assertAlertSent(o, Set.of(AlertDescription.ILLEGAL_PARAMETER));
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void tls13ServerHelloWithASuiteNotOfferedFailsWithIllegalParameter(String provider) throws Exception {
        Outcome o = run(provider, "1.3", (hello, out, s) -> {
            assertFalse(hello.cipherSuites().contains(AES_128_CCM_8), "the client offers CCM_8?");
            out.write(ServerHelloBuilder.tls13(AES_128_CCM_8)
                    .sessionId(hello.sessionId())
                    .keyShare(NamedGroup.X25519.code(), random(32))
                    .record());
        });
        assertHandshakeFailure(o, Pattern.compile("(?i)illegal_parameter|cipher ?suite"));
        // RFC 8446 4.1.3: "A client which receives a cipher suite that was not offered MUST abort the handshake
        // with an illegal_parameter alert." No keys yet: the alert is plaintext.
        assertAlertSent(o, Set.of(AlertDescription.ILLEGAL_PARAMETER));
    }

    /**
     * RFC 5246 7.2.2 / RFC 8446 6.2 prescribe decode_error ("the length of the message was incorrect"); the
     * providers' own parsers choose otherwise, and the engine cannot correct an alert the provider has already
     * decided on (it would have to parse every server message itself). Pinned, so a change shows: SunJSSE sends
     * illegal_parameter ("Error parsing certificate message:no sufficient data"), Bouncy Castle internal_error
     * (its parser's EOFException is not a TlsFatalAlert, and BC answers any other exception with internal_error).
     */
    private static final java.util.Map<String, AlertDescription> CERTIFICATE_LENGTH_ALERT = java.util.Map.of(
            "jdk", AlertDescription.ILLEGAL_PARAMETER,
            "bc", AlertDescription.INTERNAL_ERROR);

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void certificateMessageWhoseListLengthRunsPastItFailsNamingTheProblem(String provider) throws Exception {
        Outcome o = run(provider, "1.2", (hello, out, s) -> {
            out.write(tls12Hello(hello, ECDHE_ECDSA_AES128_GCM));
            // certificate_list claims 0xFFFFF0 bytes; the message holds 8.
            byte[] body = {(byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 1, 2, 3, 4, 5};
            out.write(HostileServer.record(ContentType.HANDSHAKE,
                    HostileServer.handshake(HandshakeType.CERTIFICATE, body)));
        });
        assertHandshakeFailure(o, Pattern.compile("(?i)certificate|decode_error|illegal_parameter|internal_error"));
        assertAlertSent(o, Set.of(CERTIFICATE_LENGTH_ALERT.get(provider)));
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void certificateThatIsNotDerFailsWithBadCertificateOrDecodeError(String provider) throws Exception {
        Outcome o = run(provider, "1.2", (hello, out, s) -> {
            out.write(tls12Hello(hello, ECDHE_ECDSA_AES128_GCM));
            // An OCTET STRING of four bytes, then more of them: DER, but certainly no certificate.
            byte[] garbage = new byte[200];
            java.util.Arrays.fill(garbage, (byte) 0x04);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int list = garbage.length + 3;
            body.writeBytes(new byte[] {(byte) (list >> 16), (byte) (list >> 8), (byte) list});
            body.writeBytes(new byte[] {0, (byte) (garbage.length >> 8), (byte) garbage.length});
            body.writeBytes(garbage);
            out.write(HostileServer.record(ContentType.HANDSHAKE,
                    HostileServer.handshake(HandshakeType.CERTIFICATE, body.toByteArray())));
        });
        assertHandshakeFailure(o, Pattern.compile("(?i)bad_certificate|decode_error|certificate.*pars|pars.*certificate"));
        // RFC 5246 7.2.2: bad_certificate, "a certificate was corrupt"; decode_error ("could not be decoded") fits
        // too, and is what OpenSSL sends.
        assertAlertSent(o, Set.of(AlertDescription.BAD_CERTIFICATE, AlertDescription.DECODE_ERROR));
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void recordTruncatedByTheServerClosingFailsAtOnce(String provider) throws Exception {
        Outcome o = run(provider, "1.2", HostileServerTest::truncatedHello);
        assertEquals(3, o.client().exitCode(), o.client().err());
        o.errorLine();
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void recordTruncatedByTheServerClosingFailsAtOnceSayingSo(String provider) throws Exception {
        Outcome o = run(provider, "1.2", HostileServerTest::truncatedHello);
        assertHandshakeFailure(o, Pattern.compile("(?i)closed|end of stream|truncat|EOF"));
        // No alert is prescribed for a peer that has closed; a misleading one is ruled out (issue 13 point 1).
        for (Alert a : o.sent().alerts()) {
            assertFalse(a.known() == AlertDescription.USER_CANCELED || a.isCloseNotify(), "sent " + a);
        }
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void helloRetryRequestForTheGroupAlreadySharedFailsWithIllegalParameter(String provider) throws Exception {
        Outcome o = run(provider, "1.3", (hello, out, s) -> out.write(ServerHelloBuilder.tls13(0x1301)
                .helloRetryRequest()
                .sessionId(hello.sessionId())
                .keyShareRequest(NamedGroup.X25519.code())
                .record()));
        assertHandshakeFailure(o, Pattern.compile("(?i)illegal_parameter|retry|key.?share|group"));
        // RFC 8446 4.1.4: "Clients MUST abort the handshake with an illegal_parameter alert if the
        // HelloRetryRequest would not result in any change in the ClientHello" (both send an X25519 share).
        assertAlertSent(o, Set.of(AlertDescription.ILLEGAL_PARAMETER));
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void helloRetryRequestForAGroupNotOfferedFailsWithIllegalParameter(String provider) throws Exception {
        int brainpoolP512r1tls13 = 0x0021;
        Outcome o = run(provider, "1.3", (hello, out, s) -> {
            assertFalse(hello.supportedGroups().contains(brainpoolP512r1tls13), "" + hello.supportedGroups());
            out.write(ServerHelloBuilder.tls13(0x1301)
                    .helloRetryRequest()
                    .sessionId(hello.sessionId())
                    .keyShareRequest(brainpoolP512r1tls13)
                    .record());
        });
        assertHandshakeFailure(o, Pattern.compile("(?i)illegal_parameter|retry|key.?share|group"));
        // RFC 8446 4.2.8: the selected_group must be in supported_groups, "otherwise the client MUST abort the
        // handshake with an illegal_parameter alert".
        assertAlertSent(o, Set.of(AlertDescription.ILLEGAL_PARAMETER));
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void fatalHandshakeFailureAlertIsNamedAndNotAnswered(String provider) throws Exception {
        Outcome o = run(provider, "1.3", (hello, out, s) ->
                out.write(HostileServer.record(ContentType.ALERT,
                        Alert.fatal(AlertDescription.HANDSHAKE_FAILURE).body())));
        assertHandshakeFailure(o, Pattern.compile("handshake_failure"));
        // RFC 8446 6.2: "Upon transmission or receipt of a fatal alert message, both parties MUST immediately
        // close the connection": no alert back.
        assertEquals(List.of(), o.sent().alerts(), "" + o.sent());
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void fatalAlertWithAnUnassignedCodeIsNamedByItsNumber(String provider) throws Exception {
        Outcome o = run(provider, "1.3", (hello, out, s) ->
                out.write(HostileServer.record(ContentType.ALERT, new Alert(Alert.FATAL, 238).body())));
        assertHandshakeFailure(o, Pattern.compile("\\b238\\b"));
        assertEquals(List.of(), o.sent().alerts(), "" + o.sent());
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"jdk", "bc"})
    void silentServerEndsInATimeoutAfterTimeout(String provider) throws Exception {
        Outcome o = run(provider, "1.3", (hello, out, s) -> {
            // say nothing; the aftermath read waits for the client to give up
        });
        assertEquals(1, o.client().exitCode(), o.client().err());
        assertTrue(o.errorLine().contains("timed out"), o.errorLine());
        assertTrue(o.sent().end().equals("FIN") || o.sent().end().startsWith("reset"),
                "the client closed: " + o.sent());
    }
}
