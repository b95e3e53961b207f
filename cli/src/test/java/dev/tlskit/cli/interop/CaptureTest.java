package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.Tlskit;
import dev.tlskit.cli.interop.Interop.Background;
import dev.tlskit.cli.interop.Interop.Run;
import dev.tlskit.cli.interop.Wireshark.Dumpcap;
import dev.tlskit.cli.interop.Wireshark.Plaintext;
import dev.tlskit.cli.interop.Wireshark.Record;
import dev.tlskit.cli.interop.Wireshark.Side;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tlskit against Wireshark. dumpcap records a tlskit client talking to a tlskit server on loopback (the seed's
 * exchange: "hello wolfssl!", answered "I hear you fa shizzle!"); tshark then decrypts the capture with either
 * side's key log, and dissects the records that both sides' {@code --trace} must list: same order, content types,
 * record versions, lengths and message names. Each (version, provider) exchange is captured once and read by
 * several tests. The server runs in-process with {@code --keylog}; the client is its own JVM, given
 * {@code SSLKEYLOGFILE}, so both ways of asking for a key log are exercised.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CaptureTest {
    private static final String REQUEST = "hello wolfssl!";
    private static final String REPLY = "I hear you fa shizzle!";
    private static final String CLOSE_NOTIFY = "Alert (Level: Warning, Description: Close Notify)";
    /** What the traces call the record-layer fields tshark gives as numbers (RFC 5246 6.2.1, 8446 5.1). */
    private static final Map<Integer, String> CONTENT_TYPES =
            Map.of(20, "Change Cipher Spec", 21, "Alert", 22, "Handshake", 23, "Application Data");
    private static final Map<Integer, String> VERSIONS =
            Map.of(0x0301, "TLS 1.0", 0x0302, "TLS 1.1", 0x0303, "TLS 1.2");
    private static final List<String> TLS13_LABELS = List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "CLIENT_TRAFFIC_SECRET_0", "EXPORTER_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET", "SERVER_TRAFFIC_SECRET_0");

    @TempDir
    static Path dir;

    private static final Map<String, Exchange> exchanges = new HashMap<>();

    /**
     * One captured seed exchange.
     *
     * @param serverKeys the server's {@code --keylog} file (bc and boringssl only, else null)
     * @param clientKeys the client's {@code SSLKEYLOGFILE} (bc and boringssl only, else null)
     * @param server the server's {@code --json --trace} document
     * @param client the client's
     */
    record Exchange(Path pcap, int port, Path serverKeys, Path clientKeys, Object server, Object client) {}

    @BeforeEach
    void wireshark() {
        Interop.requireBinary("dumpcap");
        Interop.requireBinary("tshark");
    }

    // ---------------------------------------------------------------- decryption

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    void tsharkDecryptsTheExchangeWithTheServersKeyLog(String version) throws Exception {
        Exchange e = seedExchange(version, "bc");
        assertEquals(new Plaintext(REQUEST, REPLY), Wireshark.plaintext(e.pcap(), e.port(), e.serverKeys()));
    }

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    void tsharkDecryptsTheExchangeWithTheClientsSslKeyLogFile(String version) throws Exception {
        Exchange e = seedExchange(version, "bc");
        assertEquals("bc", Interop.at(e.client(), "handshake", "provider"), "the variable alone picks bc");
        assertEquals(new Plaintext(REQUEST, REPLY), Wireshark.plaintext(e.pcap(), e.port(), e.clientKeys()));
    }

    @Test
    void tsharkDecryptsAHybridX25519MLKEM768HandshakeWithEitherKeyLog() throws Exception {
        // bc on both sides, TLS 1.3: the hybrid default, its 1216-byte share beside X25519's, a 1120-byte answer
        Exchange e = seedExchange("1.3", "bc");
        assertEquals("X25519MLKEM768", Interop.at(e.server(), "handshake", "group"));
        assertEquals("X25519MLKEM768", Interop.at(e.client(), "handshake", "group"));
        assertEquals(List.of("1: 4588/1216,29/32", "2: 4588/1120"), Wireshark.keyShares(e.pcap(), e.port()),
                "the hellos' key shares as tshark dissects them");
        assertEquals(new Plaintext(REQUEST, REPLY), Wireshark.plaintext(e.pcap(), e.port(), e.serverKeys()));
        assertEquals(new Plaintext(REQUEST, REPLY), Wireshark.plaintext(e.pcap(), e.port(), e.clientKeys()));
    }

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    void tsharkDecryptsABoringSslExchangeWithEitherKeyLog(String version) throws Exception {
        // boringssl on both sides; its key log comes from tcnative's callback, the client's from SSLKEYLOGFILE
        Exchange e = seedExchange(version, "boringssl");
        assertEquals("boringssl", Interop.at(e.client(), "handshake", "provider"));
        if (version.equals("1.3")) {
            assertEquals("X25519MLKEM768", Interop.at(e.client(), "handshake", "group"));
        }
        assertEquals(new Plaintext(REQUEST, REPLY), Wireshark.plaintext(e.pcap(), e.port(), e.serverKeys()));
        assertEquals(new Plaintext(REQUEST, REPLY), Wireshark.plaintext(e.pcap(), e.port(), e.clientKeys()));
        assertEquals(sorted(Files.readAllLines(e.serverKeys())), sorted(Files.readAllLines(e.clientKeys())));
    }

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    void withoutAKeyLogTsharkFindsNoPlaintext(String version) throws Exception {
        Exchange e = seedExchange(version, "bc");
        assertEquals(new Plaintext("", ""), Wireshark.plaintext(e.pcap(), e.port(), null));
        // not for want of traffic: both sides' application data records are there, encrypted
        List<Record> wire = Wireshark.records(e.pcap(), e.port(), null);
        for (Side side : Side.values()) {
            assertTrue(wire.stream().anyMatch(r -> r.from() == side && r.type() == 23), side + ": " + wire);
        }
        String raw = new String(Files.readAllBytes(e.pcap()), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(REQUEST), "the request crossed the wire in clear");
        assertFalse(raw.contains(REPLY), "the reply crossed the wire in clear");
    }

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    void bothKeyLogsHoldTheSameSecretsUnderTheCapturedClientRandom(String version) throws Exception {
        Exchange e = seedExchange(version, "bc");
        List<String> server = sorted(Files.readAllLines(e.serverKeys()));
        assertEquals(server, sorted(Files.readAllLines(e.clientKeys())), "both ends derive the same secrets");
        List<String> randoms = Wireshark.clientRandoms(e.pcap(), e.port());
        assertEquals(1, randoms.size(), "one Client Hello: " + randoms);
        List<String> labels = new ArrayList<>();
        for (String line : server) {
            String[] f = line.split(" ");
            assertEquals(3, f.length, line);
            labels.add(f[0]);
            assertEquals(randoms.get(0), f[1], "the Client Hello's random: " + line);
            assertTrue(f[2].matches("[0-9a-f]{64}|[0-9a-f]{96}"), "a 32- or 48-byte secret: " + line);
        }
        assertEquals(version.equals("1.2") ? List.of("CLIENT_RANDOM") : TLS13_LABELS, sorted(labels));
    }

    // ---------------------------------------------------------------- the trace against tshark's dissection

    @ParameterizedTest(name = "TLS {0}, provider {1}")
    @CsvSource({"1.2, bc", "1.2, jdk", "1.3, bc", "1.3, jdk", "1.2, boringssl", "1.3, boringssl"})
    void bothTracesListTheRecordsTsharkDissects(String version, String provider) throws Exception {
        Exchange e = seedExchange(version, provider);
        List<Record> wire = Wireshark.records(e.pcap(), e.port(), null);
        List<String> fromClient = described(wire, Side.CLIENT);
        List<String> fromServer = described(wire, Side.SERVER);
        assertFalse(fromClient.isEmpty() || fromServer.isEmpty(), "records both ways: " + wire);
        assertEquals(fromClient, traced(e.client(), "sent"), "what the client sent");
        assertEquals(fromServer, traced(e.client(), "received"), "what the client received");
        assertEquals(fromServer, traced(e.server(), "sent"), "what the server sent");
        assertEquals(fromClient, traced(e.server(), "received"), "what the server received");
    }

    /** The seed's Figure 3.3: a mutually authenticated TLS 1.2 handshake, then one message each way. */
    @ParameterizedTest(name = "provider {0}")
    @ValueSource(strings = {"bc", "jdk"})
    void tls12MutualAuthenticationFlowsAsTheSeedsFigure(String provider) throws Exception {
        Exchange e = seedExchange("1.2", provider);
        List<Record> wire = Wireshark.records(e.pcap(), e.port(), null);
        List<List<Record>> flights = flights(wire);
        assertTrue(flights.size() > 4, "flights: " + describeFlights(flights));
        List<String> handshake = describeFlights(flights.subList(0, 4));
        // a server that issues a ticket (jdk does, bc does not) sends it before its Change Cipher Spec
        String ticket = handshake.get(3).startsWith("server: New Session Ticket, ") ? "New Session Ticket, " : "";
        assertEquals(List.of(
                "client: Client Hello",
                "server: Server Hello, Certificate, Server Key Exchange, Certificate Request, Server Hello Done",
                "client: Certificate, Client Key Exchange, Certificate Verify, Change Cipher Spec,"
                        + " Encrypted Handshake Message",
                "server: " + ticket + "Change Cipher Spec, Encrypted Handshake Message"),
                handshake, "all flights: " + describeFlights(flights));

        // then the request, the answer, and each side's close_notify (which alert goes first is a race)
        List<String> rest = new ArrayList<>();
        flights.subList(4, flights.size()).forEach(f -> f.forEach(r -> rest.add(side(r) + ": " + messages(r))));
        assertEquals(4, rest.size(), "after the handshake: " + rest);
        assertEquals(List.of("client: Application Data", "server: Application Data"), rest.subList(0, 2));
        assertEquals(Set.of("client: Encrypted Alert", "server: Encrypted Alert"), Set.copyOf(rest.subList(2, 4)));
    }

    /** TLS 1.3: the hellos and the middlebox-compatibility Change Cipher Specs in clear, every other record sealed. */
    @ParameterizedTest(name = "provider {0}")
    @ValueSource(strings = {"bc", "jdk"})
    void tls13SendsHellosAndCompatibilityChangeCipherSpecsThenOnlyEncryptedRecords(String provider)
            throws Exception {
        Exchange e = seedExchange("1.3", provider);
        List<Record> wire = Wireshark.records(e.pcap(), e.port(), null);
        List<String> flights = describeFlights(flights(wire));
        assertEquals("client: Client Hello", flights.get(0), "flights: " + flights);
        assertTrue(flights.get(1).startsWith("server: Server Hello, Change Cipher Spec, Application Data"),
                "flights: " + flights);
        // each side: its hello, its Change Cipher Spec, then at least its encrypted handshake flight, the request
        // or the answer, and its close_notify
        for (Side side : Side.values()) {
            List<String> names = new ArrayList<>();
            wire.stream().filter(r -> r.from() == side).forEach(r -> names.add(messages(r)));
            String hello = side == Side.CLIENT ? "Client Hello" : "Server Hello";
            assertEquals(List.of(hello, "Change Cipher Spec"), names.subList(0, 2), side + ": " + names);
            List<String> sealed = names.subList(2, names.size());
            assertTrue(sealed.size() >= 3 && sealed.stream().allMatch("Application Data"::equals), side + ": " + names);
        }
        // the record version is frozen at TLS 1.2 after the Client Hello (RFC 8446 5.1)
        wire.subList(1, wire.size()).forEach(r -> assertEquals(0x0303, r.version(), r.toString()));
    }

    /** With the key log tshark sees inside the encrypted records: the Finished messages, TLS 1.3's whole handshake. */
    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    void withTheKeyLogTsharkNamesTheEncryptedHandshakeAndTheCloseNotifies(String version) throws Exception {
        Exchange e = seedExchange(version, "bc");
        List<Record> wire = Wireshark.records(e.pcap(), e.port(), e.serverKeys());
        List<String> client;
        List<String> server;
        if (version.equals("1.2")) {
            client = List.of("Client Hello", "Certificate", "Client Key Exchange", "Certificate Verify",
                    "Change Cipher Spec", "Finished", "Application Data", CLOSE_NOTIFY);
            server = List.of("Server Hello", "Certificate", "Server Key Exchange", "Certificate Request",
                    "Server Hello Done", "Change Cipher Spec", "Finished", "Application Data", CLOSE_NOTIFY);
        } else {
            client = List.of("Client Hello", "Change Cipher Spec", "Certificate", "Certificate Verify", "Finished",
                    "Application Data", CLOSE_NOTIFY);
            server = List.of("Server Hello", "Change Cipher Spec", "Encrypted Extensions", "Certificate Request",
                    "Certificate", "Certificate Verify", "Finished", "Application Data", CLOSE_NOTIFY);
        }
        assertEquals(client, messageNames(wire, Side.CLIENT), "decrypted, from the client");
        assertEquals(server, messageNames(wire, Side.SERVER), "decrypted, from the server");
    }

    // ---------------------------------------------------------------- the other commands' key logs

    @Test
    void echoserverAndEchoclientKeyLogsBothDecryptTheEchoedLines() throws Exception {
        Path d = Files.createDirectories(dir.resolve("echo"));
        Path serverKeys = d.resolve("server.keys");
        Path clientKeys = d.resolve("client.keys");
        Path lines = Files.writeString(d.resolve("lines.txt"), "hello capture\nquit\n");
        try (Background server = Interop.tlskitInBackground("echoserver", "-p", "0", "--keylog",
                serverKeys.toString())) {
            int port = server.port();
            try (Dumpcap capture = Dumpcap.start(d.resolve("echo.pcapng"), port)) {
                Run client = Interop.tlskit("echoclient", "-h", "127.0.0.1", "-p", String.valueOf(port), "--keylog",
                        clientKeys.toString(), "--file", lines.toString());
                Run s = server.await(Interop.RUN_LIMIT);
                assertEquals(0, client.exitCode(), client::describe);
                assertEquals(0, s.exitCode(), "quit ends the server: " + s.describe());
                Path pcap = capture.finish();

                // quit stops the server, which still reads the client's close_notify before closing: no reset
                assertEquals(0, Wireshark.resets(pcap), "the connection ends with FIN both ways");
                Plaintext echoed = new Plaintext("hello capture\nquit\n", "hello capture\n");
                assertEquals(echoed, Wireshark.plaintext(pcap, port, serverKeys));
                assertEquals(echoed, Wireshark.plaintext(pcap, port, clientKeys));
                assertEquals(sorted(Files.readAllLines(serverKeys)), sorted(Files.readAllLines(clientKeys)));
            }
        }
    }

    @Test
    void chatKeyLogsOnBothSidesDecryptTheChat() throws Exception {
        Path d = Files.createDirectories(dir.resolve("chat"));
        Path listenerKeys = d.resolve("bob.keys");
        Path peerKeys = d.resolve("alice.keys");
        CountDownLatch hangUp = new CountDownLatch(1);
        Tlskit.Background bob = Tlskit.start(inputUntil(hangUp), "chat", "--listen", "-p", "0", "--name", "bob",
                "--keylog", listenerKeys.toString());
        try {
            int port = bob.port();
            try (Dumpcap capture = Dumpcap.start(d.resolve("chat.pcapng"), port)) {
                Tlskit.Result alice = Tlskit.run(new ByteArrayInputStream("hi bob\nquit\n".getBytes(
                        StandardCharsets.UTF_8)), "chat", "-h", "127.0.0.1", "-p", String.valueOf(port), "--name",
                        "alice", "--keylog", peerKeys.toString());
                assertEquals(0, alice.exitCode(), alice::err);
                assertNotNull(bob.awaitErr(Pattern.compile("alice left the chat")), bob::err);
                Path pcap = capture.finish();

                Plaintext chat = Wireshark.plaintext(pcap, port, listenerKeys);
                assertTrue(chat.fromClient().contains("hi bob\n"), chat.toString());
                assertEquals(chat, Wireshark.plaintext(pcap, port, peerKeys));
                assertEquals(sorted(Files.readAllLines(listenerKeys)), sorted(Files.readAllLines(peerKeys)));
                assertEquals(TLS13_LABELS, sorted(Files.readAllLines(peerKeys).stream()
                        .map(l -> l.split(" ")[0]).toList()), "chat is TLS 1.3");
            }
        } finally {
            hangUp.countDown(); // end of input: the listener stops waiting for the next peer
        }
        assertEquals(0, bob.await(Interop.RUN_LIMIT).exitCode(), bob::err);
    }

    // ---------------------------------------------------------------- plumbing

    /**
     * The seed exchange on TLS {@code version}, both sides on {@code provider}, captured on first use. With bc the
     * server writes {@code --keylog} and the client {@code SSLKEYLOGFILE}, which alone makes it pick bc.
     */
    private static synchronized Exchange seedExchange(String version, String provider) throws Exception {
        Exchange e = exchanges.get(version + "-" + provider);
        if (e == null) {
            e = capture(version, provider);
            exchanges.put(version + "-" + provider, e);
        }
        return e;
    }

    private static Exchange capture(String version, String provider) throws Exception {
        boolean bc = provider.equals("bc");
        boolean logs = bc || provider.equals("boringssl");
        Path d = Files.createTempDirectory(dir, "tls" + version + "-" + provider + "-"); // a retry starts afresh
        Path serverKeys = logs ? d.resolve("server.keys") : null;
        Path clientKeys = logs ? d.resolve("client.keys") : null;
        List<String> serverArgs = new ArrayList<>(List.of("server", "-p", "0", "-v", version, "--provider", provider,
                "--trace", "--json"));
        if (logs) {
            serverArgs.addAll(List.of("--keylog", serverKeys.toString()));
        }
        try (Background server = Interop.tlskitInBackground(serverArgs.toArray(String[]::new))) {
            int port = server.port();
            List<String> clientArgs = new ArrayList<>(List.of("client", "-h", "127.0.0.1", "-p", String.valueOf(port),
                    "-v", version, "--trace", "--json"));
            if (!bc) {
                clientArgs.addAll(List.of("--provider", provider));
            }
            try (Dumpcap capture = Dumpcap.start(d.resolve("seed.pcapng"), port)) {
                Run client = Interop.tlskitProcess(Interop.RUN_LIMIT, env -> {
                    env.remove("SSLKEYLOGFILE");
                    if (logs) {
                        env.put("SSLKEYLOGFILE", clientKeys.toString());
                    }
                }, clientArgs.toArray(String[]::new));
                // The client first: when it fails, the server is still waiting for it, and would only time out
                assertEquals(0, client.exitCode(), client::describe);
                Run s = server.await(Interop.RUN_LIMIT);
                assertEquals(0, s.exitCode(), s::describe);
                Path pcap = capture.finish();
                return new Exchange(pcap, port, serverKeys, clientKeys, Interop.lastJsonLine(s.out()),
                        Interop.parseJson(client.out()));
            }
        }
    }

    /** {@code side}'s records as a trace line reads: "Handshake TLS 1.2 91 [Server Hello]". */
    private static List<String> described(List<Record> wire, Side side) {
        return wire.stream().filter(r -> r.from() == side).map(r -> describe(
                CONTENT_TYPES.getOrDefault(r.type(), "type " + r.type()),
                VERSIONS.getOrDefault(r.version(), String.format("0x%04x", r.version())), r.length(), r.messages()))
                .toList();
    }

    /** The records a --json document's trace lists as {@code direction} ("sent" or "received"), described alike. */
    private static List<String> traced(Object json, String direction) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) Interop.at(json, "trace")) {
            if (direction.equals(Interop.at(o, "direction"))) {
                out.add(describe((String) Interop.at(o, "contentType"), (String) Interop.at(o, "version"),
                        ((Number) Interop.at(o, "length")).intValue(), (List<?>) Interop.at(o, "messages")));
            }
        }
        return out;
    }

    private static String describe(String type, String version, int length, List<?> messages) {
        return type + " " + version + " " + length + " " + messages;
    }

    /** Consecutive records from one side: a flight (as far as the capture can tell). */
    private static List<List<Record>> flights(List<Record> wire) {
        List<List<Record>> flights = new ArrayList<>();
        for (Record r : wire) {
            if (flights.isEmpty() || flights.get(flights.size() - 1).get(0).from() != r.from()) {
                flights.add(new ArrayList<>());
            }
            flights.get(flights.size() - 1).add(r);
        }
        return flights;
    }

    /** "client: Client Hello" per flight. */
    private static List<String> describeFlights(List<List<Record>> flights) {
        List<String> out = new ArrayList<>();
        for (List<Record> f : flights) {
            List<String> names = new ArrayList<>();
            f.forEach(r -> names.addAll(r.messages()));
            out.add(side(f.get(0)) + ": " + String.join(", ", names));
        }
        return out;
    }

    private static List<String> messageNames(List<Record> wire, Side side) {
        List<String> out = new ArrayList<>();
        wire.stream().filter(r -> r.from() == side).forEach(r -> out.addAll(r.messages()));
        return out;
    }

    private static String messages(Record r) {
        return String.join(", ", r.messages());
    }

    private static String side(Record r) {
        return r.from() == Side.CLIENT ? "client" : "server";
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    /** An input that gives nothing, then ends once {@code end} opens. */
    private static InputStream inputUntil(CountDownLatch end) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    end.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
                return -1;
            }
        };
    }
}
