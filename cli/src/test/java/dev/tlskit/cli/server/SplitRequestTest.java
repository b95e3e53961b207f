package dev.tlskit.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.Tlskit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code server -g} and {@code -e} with a client that splits what it sends over several records, zero-length ones
 * among them: one request is one request, however it travels.
 */
@Timeout(60)
class SplitRequestTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final byte[] NOTHING = new byte[0];

    @ParameterizedTest(name = "--provider {0} -v {1}")
    @CsvSource({"jdk, 1.2", "bc, 1.2", "bc, 1.3"})
    void httpModeAnswersOnceAfterTheBlankLineHoweverTheRequestIsSplit(String provider, String version)
            throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "-g", "--json", "--provider", provider);
        RecordClient.Rest response;
        try (RecordClient client = new RecordClient(server.port(), version)) {
            client.record(NOTHING);
            client.record(ascii("GET / HTTP/1.0\r\n"));
            client.record(NOTHING);
            client.record(ascii("Host: tlskit\r"));
            client.record(ascii("\n"));
            client.record(NOTHING);
            client.record(NOTHING);
            client.record(ascii("\r\n"));
            response = client.readToEnd();
        }
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(0, s.exitCode(), s.err());
        assertTrue(response.text().startsWith("HTTP/1.0 200 OK\r\n"), response.text());
        assertEquals(1, response.text().split("HTTP/1.0 200 OK", -1).length - 1, "one answer: " + response.text());
        assertTrue(response.text().endsWith("</html>\n"), response.text());
        assertTrue(response.closeNotify(), "the server ends with close_notify, as openssl s_server -www does");
        // The whole head reached the server before it answered: an answer after the first record would have
        // closed the connection with most of the request still unread.
        assertTrue(s.out().contains("\"request\":\"GET / HTTP/1.0\\r\\nHost: tlskit\\r\\n\\r\\n\""), s.out());
    }

    @Test
    void httpModeAnswersNothingWhenTheClientLeavesBeforeTheBlankLine() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "-g", "--json");
        try (RecordClient client = new RecordClient(server.port(), "1.3")) {
            client.record(ascii("GET / HTTP/1.0\r\n"));
        }
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("\"request\":\"GET / HTTP/1.0\\r\\n\""), s.out());
        assertTrue(s.err().lines().noneMatch(l -> l.startsWith("tlskit: error:")), s.err());
    }

    @ParameterizedTest(name = "--provider {0} -v {1}")
    @CsvSource({"jdk, 1.2", "bc, 1.2", "bc, 1.3"})
    void echoModeEchoesNothingForAZeroLengthRecordAndCarriesOn(String provider, String version) throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "-e", "--json", "--provider", provider);
        try (RecordClient client = new RecordClient(server.port(), version)) {
            client.record(NOTHING);
            client.record(ascii("abc"));
            assertEquals("abc", new String(client.read(3), StandardCharsets.US_ASCII));
            client.record(NOTHING);
            client.record(NOTHING);
            client.record(ascii("defg"));
            assertEquals("defg", new String(client.read(4), StandardCharsets.US_ASCII));
            client.record(NOTHING);
        }
        Tlskit.Result s = server.await(LIMIT);

        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("\"echoedBytes\":7"), s.out());
    }

    /**
     * SunJSSE (17, and 25 alike) fails a TLS 1.3 application-data record whose content is empty: its TLS 1.3
     * decryption has an off-by-one in the search for the inner content type ("Incorrect inner plaintext: no content
     * type") and answers bad_record_mac, though RFC 8446 5.4 allows the record (OpenJDK bug JDK-8366454, fix
     * proposed in openjdk/jdk#27438). The engine cannot step around it: the record must be decrypted to be told
     * apart, and skipping it would desynchronise the record sequence numbers. This test pins the provider's
     * behaviour, so it fails (and the known limit can go) once the JDK is fixed.
     */
    @Test
    void jdkProviderOnTls13RejectsAZeroLengthRecordWithBadRecordMacAsJdk8366454() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "-e", "--provider", "jdk");
        String clientSaw;
        try (RecordClient client = new RecordClient(server.port(), "1.3")) {
            client.record(ascii("abc"));
            assertEquals("abc", new String(client.read(3), StandardCharsets.US_ASCII));
            client.record(NOTHING);
            clientSaw = String.valueOf(readFailure(client));
        }
        Tlskit.Result s = server.await(LIMIT);

        assertTrue(clientSaw.contains("bad_record_mac"), clientSaw);
        assertTrue(s.exitCode() != 0, s.err());
        assertEquals(1, s.err().lines().filter(l -> l.startsWith("tlskit: error:")).count(), s.err());
        assertTrue(s.err().contains("Incorrect inner plaintext"), s.err());
        assertTrue(!s.err().contains("\tat "), "no stack trace: " + s.err());
    }

    private static Exception readFailure(RecordClient client) {
        try {
            return new IllegalStateException("the server went on: " + client.readToEnd());
        } catch (Exception e) {
            return e;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
