package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** tlskit client against tlskit server, in-process, on loopback. */
@Timeout(60)
class ClientServerTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void seedExchangeWithMutualAuthOnDemoCertificates() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()));
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(0, client.exitCode(), client.err());
        assertEquals(List.of("SSL version is TLSv1.3", "SSL cipher suite is TLS_AES_256_GCM_SHA384",
                "SSL curve name is X25519", "I hear you fa shizzle!"), client.out().lines().toList());
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(List.of("SSL version is TLSv1.3", "SSL cipher suite is TLS_AES_256_GCM_SHA384",
                "SSL curve name is X25519", "Client message: hello wolfssl!"), s.out().lines().toList());
        assertTrue(s.err().contains("TEST-ONLY"), s.err());
    }

    @ParameterizedTest(name = "client {0} -> server {1}, -v {2}")
    @CsvSource({
        "jdk, jdk, 1.2", "jdk, jdk, 1.3", "bc, bc, 1.2", "bc, bc, 1.3",
        "jdk, bc, 1.2", "jdk, bc, 1.3", "bc, jdk, 1.2", "bc, jdk, 3", "bc, jdk, 4",
    })
    void providersInteroperateInBothDirections(String clientProvider, String serverProvider, String version)
            throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "--provider", serverProvider);
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-v", version,
                "--provider", clientProvider);
        Tlskit.Result s = server.await(LIMIT);

        String expected = version.equals("1.2") || version.equals("3") ? "TLSv1.2" : "TLSv1.3";
        assertEquals(0, client.exitCode(), client.err());
        assertEquals(0, s.exitCode(), s.err());
        List<String> lines = client.out().lines().toList();
        assertEquals("SSL version is " + expected, lines.get(0));
        if (expected.equals("TLSv1.2")) {
            assertTrue(lines.get(1).matches("SSL cipher suite is TLS_ECDHE_ECDSA_WITH_\\w+"), lines.get(1));
        }
        // bc on both sides, TLS 1.3: the hybrid defaults meet (TLS 1.2 has no ML-KEM key exchange)
        String curve = clientProvider.equals("bc") && serverProvider.equals("bc") && expected.equals("TLSv1.3")
                ? "X25519MLKEM768" : "(X25519|SECP256R1)";
        assertTrue(lines.get(2).matches("SSL curve name is " + curve), lines.get(2));
        assertEquals("I hear you fa shizzle!", lines.get(3));
        assertTrue(s.out().contains("Client message: hello wolfssl!"), s.out());
    }

    @ParameterizedTest(name = "-v {0}")
    @CsvSource({"1.2", "1.3"})
    void resumeReportsARealResumption(String version) throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-C", "2");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-v", version, "-r");
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.out().contains("reused session id"), client.out());
        assertTrue(s.out().contains("Client message: resuming wolfssl!"), s.out());
    }

    @Test
    void jsonIsOneDocumentWithTheHandshakeSummary() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "--json");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "--json");
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(0, client.exitCode(), client.err());
        List<String> lines = client.out().lines().toList();
        assertEquals(1, lines.size(), client.out());
        String doc = lines.get(0);
        assertTrue(doc.startsWith("{\"tlskit\":1,\"command\":\"client\""), doc);
        for (String field : List.of("\"protocol\":\"TLSv1.3\"", "\"group\":\"X25519\"", "\"resumed\":false",
                "\"verification\":\"verified\"", "\"hostnameVerified\":true", "\"subject\":\"CN=localhost\"",
                "\"san\":[\"DNS:localhost\",\"IP:127.0.0.1\",\"IP:::1\"]", "\"sha256\":\"",
                "\"reply\":\"I hear you fa shizzle!\"", "\"messages\":[{\"direction\":\"sent\"")) {
            assertTrue(doc.contains(field), field + " missing in " + doc);
        }
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(2, s.out().lines().count(), "the listening event, then the connection: " + s.out());
        assertTrue(s.out().startsWith("{\"tlskit\":1,\"command\":\"server\",\"event\":\"listening\""), s.out());
        assertTrue(s.out().contains("\"clientMessage\":\"hello wolfssl!\""), s.out());
        assertTrue(s.out().contains("\"subject\":\"CN=tlskit demo client\""), s.out());
    }

    @Test
    void echoModeSendsEveryByteBack() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-e", "-d");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-x", "-m", "ping 123");
        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.out().endsWith("ping 123\n"), client.out());
        assertEquals(0, server.await(LIMIT).exitCode());
    }

    @Test
    void httpModeServesAPageToGet() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-g");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-g");
        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.out().contains("HTTP/1.0 200 OK"), client.out());
        assertTrue(client.out().contains("<h1>tlskit server</h1>"), client.out());
        assertEquals(0, server.await(LIMIT).exitCode());
    }

    @Test
    void traceListsTheHandshakeRecordsOnStderr() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-v", "1.2", "--trace");
        assertEquals(0, client.exitCode(), client.err());
        List<String> trace = client.err().lines().filter(l -> l.startsWith("->") || l.startsWith("<-")).toList();
        assertTrue(trace.get(0).matches("-> +0\\.000 ms +TLS 1\\.\\d +Handshake +\\d+ +Client Hello"), trace.get(0));
        assertTrue(client.err().contains("\n                  versions TLS 1.2\n"), "offered versions: " + client.err());
        assertTrue(client.err().contains("\n                  chose TLS 1.2, TLS_ECDHE_ECDSA_WITH_"), client.err());
        assertTrue(client.err().contains("\n                  group X25519\n"), "ServerKeyExchange group: " + client.err());
        assertTrue(client.err().contains("Server Hello, Certificate, Server Key Exchange, Certificate Request,"
                + " Server Hello Done"), client.err());
        assertTrue(client.err().contains("Change Cipher Spec"), client.err());
        assertTrue(client.err().contains("Encrypted Handshake Message"), client.err());
        assertEquals(0, server.await(LIMIT).exitCode());
    }

    @Test
    void traceOfTls13ShowsKeySharesAndEncryptedRecordsAndJsonHasTimes() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "--trace");
        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.err().contains("                  key_share X25519"), client.err());
        assertTrue(client.err().contains("chose TLS 1.3, TLS_AES_256_GCM_SHA384, key_share X25519"), client.err());
        assertTrue(client.err().matches("(?s).*<- +[\\d.]+ ms +TLS 1\\.2 +Application Data.*"), client.err());
        assertEquals(0, server.await(LIMIT).exitCode());

        Tlskit.Background second = Tlskit.start("server", "-p", "0");
        Tlskit.Result json = Tlskit.run("client", "-p", String.valueOf(second.port()), "--trace", "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(json.out().contains("\"trace\":[{\"ms\":0.0,\"direction\":\"sent\",\"contentType\":\"Handshake\""),
                json.out());
        assertTrue(json.out().contains("\"details\":[\"offered "), json.out());
        assertEquals(0, second.await(LIMIT).exitCode());
    }

    @Test
    void serverGoesOnServingAfterAClientFailsWithForever() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-C", "2");
        int port = server.port();
        Tlskit.Result bad = Tlskit.run("client", "-p", String.valueOf(port), "-x");
        Tlskit.Result good = Tlskit.run("client", "-p", String.valueOf(port));
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(4, bad.exitCode(), bad.err());
        assertEquals(0, good.exitCode(), good.err());
        assertTrue(s.out().contains("Client message: hello wolfssl!"), s.out());
        assertEquals(4, s.exitCode(), "the server reports the failed connection: " + s.err());
    }
}
