package dev.tlskit.engine;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.KeyLog;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.wire.ContentType;
import dev.tlskit.engine.wire.HandshakeType;
import dev.tlskit.engine.wire.Record;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The key log holds the secrets the connection really used: a relay records what a bc client and a bc server sent
 * each other, and the logged secrets decrypt those records, with keys derived here from the RFCs using nothing but
 * the JDK's HMAC and AES-GCM (what Wireshark does, without Wireshark).
 */
class KeyLogTest {
    private static final String CLIENT_MESSAGE = "hello wolfssl!";
    private static final String SERVER_MESSAGE = "I hear you fa shizzle!";
    private static final long EXCHANGE_TIMEOUT_SECONDS = 10;

    // Record content types and handshake message types, from the registry (RFC 8446 §5.1, §4).
    private static final int CHANGE_CIPHER_SPEC = ContentType.CHANGE_CIPHER_SPEC.code();
    private static final int HANDSHAKE = ContentType.HANDSHAKE.code();
    private static final int APPLICATION_DATA = ContentType.APPLICATION_DATA.code();
    private static final int CLIENT_HELLO = HandshakeType.CLIENT_HELLO.code();
    private static final int SERVER_HELLO = HandshakeType.SERVER_HELLO.code();
    private static final int ENCRYPTED_EXTENSIONS = HandshakeType.ENCRYPTED_EXTENSIONS.code();
    private static final int CERTIFICATE = HandshakeType.CERTIFICATE.code();
    private static final int CERTIFICATE_REQUEST = HandshakeType.CERTIFICATE_REQUEST.code();
    private static final int CERTIFICATE_VERIFY = HandshakeType.CERTIFICATE_VERIFY.code();
    private static final int FINISHED = HandshakeType.FINISHED.code();

    private static final int HANDSHAKE_HEADER_LENGTH = 4;
    /** Where a hello's random starts in its handshake message: after the header and the 2-byte legacy version. */
    private static final int HELLO_RANDOM_OFFSET = HANDSHAKE_HEADER_LENGTH + 2;
    private static final int RANDOM_LENGTH = 32;
    private static final int GCM_TAG_BITS = 128;
    private static final int GCM_TAG_LENGTH = GCM_TAG_BITS / 8;
    private static final int TLS13_IV_LENGTH = 12;
    /** RFC 5288 §3: the GCM nonce is an implicit salt from the key block and an explicit part before each record. */
    private static final int TLS12_SALT_LENGTH = 4;
    private static final int TLS12_EXPLICIT_NONCE_LENGTH = 8;
    private static final int TLS12_VERIFY_DATA_LENGTH = 12;

    private static final List<String> TLS13_LABELS = List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET");
    private static final String TLS12_LABEL = "CLIENT_RANDOM";

    private static final HexFormat HEX = HexFormat.of();

    /** The suites pinned on both sides, so the test knows the AES key length and the hash of the key derivation. */
    enum Suite {
        TLS13_AES_128_GCM("TLS_AES_128_GCM_SHA256", TlsVersion.TLS_1_3, 16, "HmacSHA256"),
        TLS13_AES_256_GCM("TLS_AES_256_GCM_SHA384", TlsVersion.TLS_1_3, 32, "HmacSHA384"),
        // The demo server certificate is EC P-256: ECDHE_ECDSA suites.
        TLS12_AES_128_GCM("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", TlsVersion.TLS_1_2, 16, "HmacSHA256"),
        TLS12_AES_256_GCM("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", TlsVersion.TLS_1_2, 32, "HmacSHA384");

        final String iana;
        final TlsVersion version;
        final int keyLength;
        final String hmac;

        Suite(String iana, TlsVersion version, int keyLength, String hmac) {
            this.iana = iana;
            this.version = version;
            this.keyLength = keyLength;
            this.hmac = hmac;
        }
    }

    @TempDir
    Path dir;

    /** One client-server exchange on {@code suite} through a recording relay, each side with its key log. */
    private static Transcript recordExchange(Suite suite, KeyLog clientLog, KeyLog serverLog) throws Exception {
        TlsContext server = TlsContext.create(server(suite, serverLog));
        TlsContext client = TlsContext.create(client(suite, clientLog));
        try (Loopback loop = new Loopback(); RecordingRelay relay = new RecordingRelay(loop.port())) {
            CompletableFuture<Transcript> relayed = relay.relayOne();
            assertEquals(suite.iana, exchange(loop, server, client, relay.port()).cipherSuite());
            return relayed.get(EXCHANGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS13_AES_128_GCM", "TLS13_AES_256_GCM"})
    @Timeout(30)
    void tls13SecretsDecryptTheRecordedConnection(Suite suite) throws Exception {
        KeyLog clientLog = KeyLog.open(dir.resolve("client.keys"));
        KeyLog serverLog = KeyLog.open(dir.resolve("server.keys"));
        Transcript wire = recordExchange(suite, clientLog, serverLog);

        List<LogLine> lines = LogLine.read(clientLog.path());
        assertEquals(TLS13_LABELS.stream().sorted().toList(), lines.stream().map(LogLine::label).sorted().toList());
        String clientRandom = HEX.formatHex(wire.clientRandom());
        lines.forEach(l -> assertEquals(clientRandom, l.clientRandom(), l.label()));
        assertEquals(TLS13_LABELS.size(), clientLog.lines());
        assertSameLines(clientLog, serverLog);

        Map<String, byte[]> secrets = lines.stream().collect(Collectors.toMap(LogLine::label, LogLine::secret));
        Tls13Direction fromClient = Tls13Direction.decrypt(wire.fromClient(), suite,
                secrets.get("CLIENT_HANDSHAKE_TRAFFIC_SECRET"), secrets.get("CLIENT_TRAFFIC_SECRET_0"));
        Tls13Direction fromServer = Tls13Direction.decrypt(wire.fromServer(), suite,
                secrets.get("SERVER_HANDSHAKE_TRAFFIC_SECRET"), secrets.get("SERVER_TRAFFIC_SECRET_0"));

        // A full handshake with client authentication (§2): each side's encrypted flight, message by message.
        assertEquals(List.of(ENCRYPTED_EXTENSIONS, CERTIFICATE_REQUEST, CERTIFICATE, CERTIFICATE_VERIFY, FINISHED),
                fromServer.handshakeTypes());
        assertEquals(List.of(CERTIFICATE, CERTIFICATE_VERIFY, FINISHED), fromClient.handshakeTypes());
        assertEquals(CLIENT_MESSAGE, fromClient.applicationData());
        assertEquals(SERVER_MESSAGE, fromServer.applicationData());
        // The exporter secret protects no record, and BCJSSE exports keying material only inside its own
        // handshake-complete callback: its size, at least, is that of the suite's hash.
        assertEquals(Mac.getInstance(suite.hmac).getMacLength(), secrets.get("EXPORTER_SECRET").length);
    }

    @ParameterizedTest
    @EnumSource(names = {"TLS12_AES_128_GCM", "TLS12_AES_256_GCM"})
    @Timeout(30)
    void tls12MasterSecretDecryptsTheRecordedConnection(Suite suite) throws Exception {
        KeyLog clientLog = KeyLog.open(dir.resolve("client.keys"));
        KeyLog serverLog = KeyLog.open(dir.resolve("server.keys"));
        Transcript wire = recordExchange(suite, clientLog, serverLog);

        List<LogLine> lines = LogLine.read(clientLog.path());
        assertEquals(1, lines.size(), "one line per TLS 1.2 connection: " + lines);
        assertEquals(TLS12_LABEL, lines.get(0).label());
        assertEquals(HEX.formatHex(wire.clientRandom()), lines.get(0).clientRandom());
        assertSameLines(clientLog, serverLog);

        assertTls12Decrypts(suite, wire, lines.get(0).secret());
    }

    @Test
    @Timeout(30)
    void resumedTls12ConnectionLogsItsNewClientRandomWithTheSameMasterSecret() throws Exception {
        Suite suite = Suite.TLS12_AES_128_GCM;
        KeyLog clientLog = KeyLog.open(dir.resolve("client.keys"));
        KeyLog serverLog = KeyLog.open(dir.resolve("server.keys"));
        TlsContext server = TlsContext.create(server(suite, serverLog));
        // One client context for both connections: its session cache is what resumes (bc resumes TLS 1.2 only).
        TlsContext client = TlsContext.create(client(suite, clientLog));

        List<Transcript> wires = new ArrayList<>();
        List<HandshakeSummary> summaries = new ArrayList<>();
        try (Loopback loop = new Loopback(); RecordingRelay relay = new RecordingRelay(loop.port())) {
            for (int i = 0; i < 2; i++) {
                CompletableFuture<Transcript> relayed = relay.relayOne();
                summaries.add(exchange(loop, server, client, relay.port()));
                wires.add(relayed.get(EXCHANGE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
        }
        assertFalse(summaries.get(0).resumed(), "first connection");
        assertTrue(summaries.get(1).resumed(), "second connection");

        List<LogLine> lines = LogLine.read(clientLog.path());
        assertEquals(2, lines.size(), "one line per connection: " + lines);
        for (int i = 0; i < 2; i++) {
            assertEquals(TLS12_LABEL, lines.get(i).label());
            assertEquals(HEX.formatHex(wires.get(i).clientRandom()), lines.get(i).clientRandom(), "connection " + i);
        }
        assertFalse(Arrays.equals(wires.get(0).clientRandom(), wires.get(1).clientRandom()));
        assertArrayEquals(lines.get(0).secret(), lines.get(1).secret(), "a resumed session keeps its master secret");
        assertSameLines(clientLog, serverLog);

        // The abbreviated handshake derives new keys from the same master secret and the new randoms.
        assertTls12Decrypts(suite, wires.get(1), lines.get(1).secret());
    }

    @Test
    void jdkProviderWithKeyLogIsRejectedNamingTheProvider() throws IOException {
        KeyLog log = KeyLog.open(dir.resolve("keys"));
        TlsConfig.Builder jdkClient = TestPki.client(TlsProvider.JDK, TlsVersion.TLS_1_3).keyLog(log);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, jdkClient::build);
        assertTrue(e.getMessage().contains("jdk"), e.getMessage());
        assertTrue(e.getMessage().contains("key log"), e.getMessage());
    }

    @Test
    void dtlsWithKeyLogIsRejectedNamingTheProvider() throws IOException {
        KeyLog log = KeyLog.open(dir.resolve("keys"));
        TlsConfig.Builder dtlsClient = TestPki.client(TlsProvider.JDK, TlsVersion.TLS_1_2).dtls().keyLog(log);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, dtlsClient::build);
        assertTrue(e.getMessage().contains("DTLS"), e.getMessage());
        assertTrue(e.getMessage().contains("jdk"), e.getMessage());
    }

    @Test
    void createsTheKeyLogFileReadableByItsOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path path = dir.resolve("keys");

        KeyLog log = KeyLog.open(path);

        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(path));
        assertEquals(0, Files.size(path));
        assertEquals(0, log.lines());
    }

    @Test
    void keyLogThatCannotBeOpenedFailsAtOnce() {
        // A directory cannot be appended to: the failure comes from open, before any handshake.
        assertThrows(IOException.class, () -> KeyLog.open(dir));
    }

    @Test
    @Timeout(30)
    void unwritableKeyLogDoesNotFailTheHandshakeAndReportsTheFirstErrorOnce() throws Exception {
        Path path = dir.resolve("keys");
        List<IOException> reported = new CopyOnWriteArrayList<>();
        KeyLog log = KeyLog.open(path, reported::add);
        // A directory where the file was: appending fails even for root, whom permission bits do not stop.
        Files.delete(path);
        Files.createDirectory(path);
        // Both sides on one log: ten failed writes in all, one report.
        Suite suite = Suite.TLS13_AES_128_GCM;
        TlsContext server = TlsContext.create(server(suite, log));
        TlsContext client = TlsContext.create(client(suite, log));

        try (Loopback loop = new Loopback()) {
            exchange(loop, server, client, loop.port());
        }

        assertEquals(1, reported.size(), "reports: " + reported);
        assertNotNull(log.error());
        assertSame(reported.get(0), log.error());
        assertTrue(log.error().getMessage().contains(path.toString()), log.error().getMessage());
        assertEquals(0, log.lines());
    }

    // ---- the connection ----

    private static TlsConfig server(Suite suite, KeyLog log) {
        return TestPki.server(TlsProvider.BC, suite.version, ClientAuth.NEED)
                .cipherSuites(List.of(suite.iana)).keyLog(log).build();
    }

    private static TlsConfig client(Suite suite, KeyLog log) {
        return TestPki.client(TlsProvider.BC, suite.version).cipherSuites(List.of(suite.iana)).keyLog(log).build();
    }

    /** The two messages, client first, each side checking what it read; the client's summary. */
    private static HandshakeSummary exchange(Loopback loop, TlsContext server, TlsContext client, int port)
            throws Exception {
        CompletableFuture<String> served = loop.serve(server, c -> {
            String heard = Reads.text(c::read, CLIENT_MESSAGE.length());
            c.write(SERVER_MESSAGE.getBytes(UTF_8));
            return heard;
        });
        HandshakeSummary summary;
        try (TlsConnection c = TlsConnection.connect(client, "localhost", port, IpFamily.IPV4)) {
            summary = c.summary();
            c.write(CLIENT_MESSAGE.getBytes(UTF_8));
            assertEquals(SERVER_MESSAGE, Reads.text(c::read, SERVER_MESSAGE.length()));
        }
        assertEquals(CLIENT_MESSAGE, served.get(EXCHANGE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        return summary;
    }

    /** Both ends derive the same secrets in the same order: their logs are the same, line for line. */
    private static void assertSameLines(KeyLog clientLog, KeyLog serverLog) throws IOException {
        assertEquals(Files.readAllLines(clientLog.path(), US_ASCII), Files.readAllLines(serverLog.path(), US_ASCII));
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    // ---- the key log ----

    /** One line of an NSS key log: {@code LABEL <client random hex> <secret hex>}. */
    record LogLine(String label, String clientRandom, byte[] secret) {
        static List<LogLine> read(Path path) throws IOException {
            List<LogLine> lines = new ArrayList<>();
            for (String line : Files.readAllLines(path, US_ASCII)) {
                String[] fields = line.split(" ");
                assertEquals(3, fields.length, line);
                lines.add(new LogLine(fields[0], fields[1], HEX.parseHex(fields[2])));
            }
            return lines;
        }

        @Override
        public String toString() {
            return label + ' ' + clientRandom;
        }
    }

    // ---- the wire ----

    /** The records of one direction's byte stream, which must end on a record boundary. */
    static List<Record> records(byte[] stream) throws IOException {
        List<Record> records = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(stream);
        while (in.hasRemaining()) {
            Record r = Record.read(in);
            assertNotNull(r, "truncated record");
            records.add(r);
        }
        return records;
    }

    /** A record's 5-byte header (type, legacy version, length): the AAD of its protection. */
    static byte[] header(Record r) {
        return Arrays.copyOf(r.encode(), Record.HEADER_LENGTH);
    }

    /** What each side sent on one connection, as records. */
    record Transcript(List<Record> fromClient, List<Record> fromServer) {
        byte[] clientRandom() {
            return helloRandom(fromClient.get(0), CLIENT_HELLO);
        }

        byte[] serverRandom() {
            return helloRandom(fromServer.get(0), SERVER_HELLO);
        }

        /** The random of the hello that opens {@code first}, a plaintext handshake record. */
        private static byte[] helloRandom(Record first, int helloType) {
            assertEquals(HANDSHAKE, first.contentType());
            assertEquals(helloType, first.body()[0]);
            return Arrays.copyOfRange(first.body(), HELLO_RANDOM_OFFSET, HELLO_RANDOM_OFFSET + RANDOM_LENGTH);
        }
    }

    /**
     * A TCP relay on 127.0.0.1 in front of a server: each connection it accepts is copied both ways, one thread per
     * direction, and every byte is kept. An end of stream is passed on as a half-close, so both TLS endpoints
     * close as they would directly connected.
     */
    static final class RecordingRelay implements AutoCloseable {
        private final int serverPort;
        private final ServerSocket listener;
        private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "keylog-relay");
            t.setDaemon(true);
            return t;
        });

        RecordingRelay(int serverPort) throws IOException {
            this.serverPort = serverPort;
            this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        }

        int port() {
            return listener.getLocalPort();
        }

        /** Relays the next connection; completes once both directions have ended. */
        CompletableFuture<Transcript> relayOne() {
            return CompletableFuture.supplyAsync(() -> {
                try (Socket client = listener.accept();
                        Socket server = new Socket(InetAddress.getByName("127.0.0.1"), serverPort)) {
                    CompletableFuture<byte[]> up = CompletableFuture.supplyAsync(() -> copy(client, server), pool);
                    CompletableFuture<byte[]> down = CompletableFuture.supplyAsync(() -> copy(server, client), pool);
                    return new Transcript(records(up.join()), records(down.join()));
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, pool);
        }

        /** Copies until {@code from} ends; returns every byte read from it. */
        private static byte[] copy(Socket from, Socket to) {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    seen.write(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // A side that closed without waiting resets the other direction: what was read up to here is what
                // crossed, and the record parser rejects a transcript cut mid-record.
            }
            return seen.toByteArray();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            pool.shutdownNow();
        }
    }

    // ---- TLS 1.3 (RFC 8446) ----

    /** One direction of a TLS 1.3 connection, decrypted: its encrypted handshake messages and its application data. */
    record Tls13Direction(List<Integer> handshakeTypes, String applicationData) {
        /**
         * Opens the encrypted records in order: with the handshake traffic keys up to and including the Finished
         * message, then with the application traffic keys, each key starting at sequence number 0.
         */
        static Tls13Direction decrypt(List<Record> records, Suite suite, byte[] handshakeSecret,
                byte[] applicationSecret) throws GeneralSecurityException {
            Tls13Keys keys = new Tls13Keys(suite, handshakeSecret);
            ByteArrayOutputStream handshake = new ByteArrayOutputStream();
            List<Integer> handshakeTypes = List.of();
            ByteArrayOutputStream application = new ByteArrayOutputStream();
            boolean handshakeDone = false;
            for (Record r : records) {
                if (r.contentType() != APPLICATION_DATA) {
                    continue; // the plaintext hello, and the compatibility change_cipher_spec (RFC 8446 D.4)
                }
                byte[] inner = keys.open(r);
                // TLSInnerPlaintext (§5.2): content, its real type, zero padding.
                int end = inner.length;
                while (inner[end - 1] == 0) {
                    end--;
                }
                int type = inner[end - 1];
                if (!handshakeDone) {
                    assertEquals(HANDSHAKE, type, "inner type of a record under the handshake keys");
                    handshake.write(inner, 0, end - 1);
                    handshakeTypes = handshakeTypes(handshake.toByteArray());
                    if (!handshakeTypes.isEmpty() && last(handshakeTypes) == FINISHED) {
                        keys = new Tls13Keys(suite, applicationSecret);
                        handshakeDone = true;
                    }
                } else if (type == APPLICATION_DATA) {
                    application.write(inner, 0, end - 1);
                }
                // Otherwise an alert (close_notify) or a post-handshake message: not the test's business.
            }
            assertTrue(handshakeDone, "no Finished among " + handshakeTypes);
            return new Tls13Direction(handshakeTypes, application.toString(UTF_8));
        }

        /** The types of the complete handshake messages in {@code bytes}. */
        private static List<Integer> handshakeTypes(byte[] bytes) {
            List<Integer> types = new ArrayList<>();
            ByteBuffer in = ByteBuffer.wrap(bytes);
            while (in.remaining() >= HANDSHAKE_HEADER_LENGTH) {
                int type = in.get() & 0xff;
                int length = (in.get() & 0xff) << 16 | (in.getShort() & 0xffff);
                if (in.remaining() < length) {
                    break;
                }
                in.position(in.position() + length);
                types.add(type);
            }
            return types;
        }
    }

    /** Record protection keys from one traffic secret (§7.3), and the sequence number of the next record. */
    static final class Tls13Keys {
        private final SecretKeySpec key;
        private final byte[] iv;
        private long sequence;

        Tls13Keys(Suite suite, byte[] trafficSecret) throws GeneralSecurityException {
            this.key = new SecretKeySpec(hkdfExpandLabel(suite.hmac, trafficSecret, "key", suite.keyLength), "AES");
            this.iv = hkdfExpandLabel(suite.hmac, trafficSecret, "iv", TLS13_IV_LENGTH);
        }

        /** The TLSInnerPlaintext of the next record; nonce: the IV xor the sequence number (§5.3); AAD: the header. */
        byte[] open(Record r) throws GeneralSecurityException {
            byte[] nonce = iv.clone();
            long seq = sequence++;
            for (int i = 0; i < Long.BYTES; i++) {
                nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
            }
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(GCM_TAG_BITS, nonce));
            gcm.updateAAD(header(r));
            return gcm.doFinal(r.body());
        }

        /** HKDF-Expand-Label(secret, label, "", length), §7.1. */
        static byte[] hkdfExpandLabel(String hmac, byte[] secret, String label, int length)
                throws GeneralSecurityException {
            byte[] fullLabel = ("tls13 " + label).getBytes(US_ASCII);
            ByteBuffer info = ByteBuffer.allocate(2 + 1 + fullLabel.length + 1);
            info.putShort((short) length).put((byte) fullLabel.length).put(fullLabel).put((byte) 0); // empty context
            return hkdfExpand(hmac, secret, info.array(), length);
        }

        /** RFC 5869 §2.3: T(i) = HMAC(PRK, T(i-1) | info | i). */
        private static byte[] hkdfExpand(String hmac, byte[] prk, byte[] info, int length)
                throws GeneralSecurityException {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(prk, hmac));
            ByteArrayOutputStream okm = new ByteArrayOutputStream();
            byte[] t = new byte[0];
            for (int i = 1; okm.size() < length; i++) {
                mac.update(t);
                mac.update(info);
                mac.update((byte) i);
                t = mac.doFinal();
                okm.writeBytes(t);
            }
            return Arrays.copyOf(okm.toByteArray(), length);
        }
    }

    // ---- TLS 1.2 (RFC 5246, RFC 5288) ----

    /**
     * Derives both directions' AES-GCM keys from {@code masterSecret} and the randoms on the wire, and checks that
     * each side's encrypted records are its Finished and then its message.
     */
    private static void assertTls12Decrypts(Suite suite, Transcript wire, byte[] masterSecret) throws Exception {
        // §6.3: key_block = PRF(master_secret, "key expansion", server_random + client_random).
        byte[] seed = concat(wire.serverRandom(), wire.clientRandom());
        byte[] keyBlock = prf(suite.hmac, masterSecret, "key expansion", seed,
                2 * suite.keyLength + 2 * TLS12_SALT_LENGTH);
        ByteBuffer kb = ByteBuffer.wrap(keyBlock);
        byte[] clientKey = take(kb, suite.keyLength);
        byte[] serverKey = take(kb, suite.keyLength);
        byte[] clientSalt = take(kb, TLS12_SALT_LENGTH);
        byte[] serverSalt = take(kb, TLS12_SALT_LENGTH);

        assertEquals(CLIENT_MESSAGE, tls12Direction(wire.fromClient(), clientKey, clientSalt));
        assertEquals(SERVER_MESSAGE, tls12Direction(wire.fromServer(), serverKey, serverSalt));
    }

    /**
     * Decrypts the records after the change_cipher_spec (sequence numbers restart there): the first must be
     * Finished; returns the application data that follows.
     */
    private static String tls12Direction(List<Record> records, byte[] key, byte[] salt) throws Exception {
        int ccs = records.stream().map(Record::contentType).toList().indexOf(CHANGE_CIPHER_SPEC);
        assertTrue(ccs >= 0, "no change_cipher_spec");
        List<Record> encrypted = records.subList(ccs + 1, records.size());
        ByteArrayOutputStream application = new ByteArrayOutputStream();
        for (int seq = 0; seq < encrypted.size(); seq++) {
            Record r = encrypted.get(seq);
            byte[] plain = tls12Open(r, seq, key, salt);
            if (seq == 0) {
                assertEquals(HANDSHAKE, r.contentType());
                assertEquals(FINISHED, plain[0]);
                assertEquals(HANDSHAKE_HEADER_LENGTH + TLS12_VERIFY_DATA_LENGTH, plain.length);
            } else if (r.contentType() == APPLICATION_DATA) {
                application.writeBytes(plain);
            }
        }
        return application.toString(UTF_8);
    }

    /** GenericAEADCipher (§6.2.3.3, RFC 5288 §3): explicit nonce, then ciphertext and tag. */
    private static byte[] tls12Open(Record r, long seq, byte[] key, byte[] salt) throws GeneralSecurityException {
        byte[] fragment = r.body();
        byte[] explicit = Arrays.copyOf(fragment, TLS12_EXPLICIT_NONCE_LENGTH);
        int plainLength = fragment.length - TLS12_EXPLICIT_NONCE_LENGTH - GCM_TAG_LENGTH;
        // additional_data = seq_num + type + version + length (of the plaintext).
        ByteBuffer aad = ByteBuffer.allocate(Long.BYTES + 1 + 2 + 2)
                .putLong(seq).put(header(r), 0, 3).putShort((short) plainLength);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(GCM_TAG_BITS, concat(salt, explicit)));
        gcm.updateAAD(aad.array());
        return gcm.doFinal(fragment, TLS12_EXPLICIT_NONCE_LENGTH, fragment.length - TLS12_EXPLICIT_NONCE_LENGTH);
    }

    /** The TLS 1.2 PRF, §5: P_hash(secret, label + seed), with the suite's hash. */
    private static byte[] prf(String hmac, byte[] secret, String label, byte[] seed, int length)
            throws GeneralSecurityException {
        byte[] labelSeed = concat(label.getBytes(US_ASCII), seed);
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(secret, hmac));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] a = labelSeed; // A(0)
        while (out.size() < length) {
            a = mac.doFinal(a);
            mac.update(a);
            mac.update(labelSeed);
            out.writeBytes(mac.doFinal());
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    private static byte[] take(ByteBuffer b, int n) {
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
