package dev.tlskit.cli.hostile;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.engine.wire.Alert;
import dev.tlskit.engine.wire.AlertDescription;
import dev.tlskit.engine.wire.ClientHelloBuilder;
import dev.tlskit.engine.wire.ClientHelloBuilder.Field;
import dev.tlskit.engine.wire.ClientHelloBuilder.Length;
import dev.tlskit.engine.wire.ContentType;
import dev.tlskit.engine.wire.HandshakeType;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.Record;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hostile-peer cases: every one a few bytes a client should not send, built from a valid ClientHello with
 * {@link ClientHelloBuilder} (lengths that lie, cuts at field boundaries, odd values) or written record by record.
 */
final class HostileCases {
    // Code points the cases need; they move to the wire registries (ExtensionType, NamedGroup) once those exist.
    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_SUPPORTED_GROUPS = 10;
    private static final int EXT_SIGNATURE_ALGORITHMS = 13;
    private static final int EXT_ALPN = 16;
    private static final int EXT_PADDING = 21;
    private static final int EXT_PRE_SHARED_KEY = 41;
    private static final int EXT_SUPPORTED_VERSIONS = 43;
    private static final int EXT_KEY_SHARE = 51;
    private static final int SECP256R1 = 23;
    private static final int SECP384R1 = 24;
    private static final int X25519 = 29;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Map<Integer, String> EXTENSION_NAMES = Map.of(EXT_SERVER_NAME, "server_name",
            EXT_SUPPORTED_GROUPS, "supported_groups", EXT_KEY_SHARE, "key_share", EXT_SIGNATURE_ALGORITHMS,
            "signature_algorithms", EXT_SUPPORTED_VERSIONS, "supported_versions", EXT_ALPN, "alpn",
            EXT_PRE_SHARED_KEY, "pre_shared_key");

    private HostileCases() {}

    /** A valid TLS 1.3 ClientHello with SNI and ALPN: the base every malformed hello is made from. */
    static ClientHelloBuilder hello13() {
        return ClientHelloBuilder.tls13().serverName("localhost").alpn("http/1.1");
    }

    /** The same with a PSK offer for a ticket nobody issued (a server ignores it and does a full handshake). */
    static ClientHelloBuilder hello13Psk() {
        return hello13().pskKeyExchangeModes(1).preSharedKey(random(16), 0, new byte[32]);
    }

    /** A TLS 1.2-only ClientHello; x25519 first, so the ClientKeyExchange has a known curve (P-256 for the certificate). */
    static ClientHelloBuilder hello12() {
        return ClientHelloBuilder.tls12().serverName("localhost").supportedGroups(X25519, SECP256R1);
    }

    static List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        valid(cases);
        lengths(cases);
        extensionLengths(cases);
        truncations(cases);
        records(cases);
        beforeTheHello(cases);
        midHandshake(cases);
        versions(cases);
        helloContents(cases);
        keyShares(cases);
        afterTheHandshake(cases);
        ownRecords(cases);
        clientAuth(cases);
        return cases;
    }

    private static void valid(List<HostileCase> c) {
        c.add(HostileCase.of("valid-tls13", hello13().record()));
        c.add(HostileCase.of("valid-tls12", hello12().record()));
        c.add(HostileCase.of("valid-tls13-unknown-psk", hello13Psk().record()));
        c.add(HostileCase.of("valid-tls13-in-1-byte-records", hello13().records(1)));
        c.add(HostileCase.of("valid-tls13-in-2-records", hello13().records(100)));
    }

    /** Every length field of the message: one more, one less, zero. */
    private static void lengths(List<HostileCase> c) {
        for (Length l : Length.values()) {
            String name = l.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-length";
            int real = hello13().lengthOf(l);
            c.add(HostileCase.of(name + "-long", hello13().length(l, real + 1).record()));
            c.add(HostileCase.of(name + "-short", hello13().length(l, real - 1).record()));
            c.add(HostileCase.of(name + "-zero", hello13().length(l, 0).record()));
        }
    }

    /** The extensions' own lengths and the lengths inside them. */
    private static void extensionLengths(List<HostileCase> c) {
        for (int type : new int[] {EXT_SERVER_NAME, EXT_SUPPORTED_GROUPS, EXT_KEY_SHARE, EXT_SIGNATURE_ALGORITHMS,
                EXT_SUPPORTED_VERSIONS, EXT_ALPN, EXT_PRE_SHARED_KEY}) {
            String ext = EXTENSION_NAMES.get(type);
            int real = hello13Psk().extensionLengthOf(type);
            c.add(HostileCase.of(ext + "-ext-length-long", hello13Psk().extensionLength(type, real + 1).record()));
            c.add(HostileCase.of(ext + "-ext-length-short", hello13Psk().extensionLength(type, real - 1).record()));
            c.add(HostileCase.of(ext + "-ext-length-zero", hello13Psk().extensionLength(type, 0).record()));
            int list = hello13Psk().innerLengthOf(type, 0);
            c.add(HostileCase.of(ext + "-list-length-long", hello13Psk().innerLength(type, 0, list + 1).record()));
            c.add(HostileCase.of(ext + "-list-length-short", hello13Psk().innerLength(type, 0, list - 1).record()));
            c.add(HostileCase.of(ext + "-list-length-zero", hello13Psk().innerLength(type, 0, 0).record()));
        }
        inner(c, "server_name-host-length-long", EXT_SERVER_NAME, 1, +1);
        inner(c, "server_name-host-length-zero", EXT_SERVER_NAME, 1, null);
        inner(c, "key_share-key-length-long", EXT_KEY_SHARE, 1, +1);
        inner(c, "key_share-key-length-short", EXT_KEY_SHARE, 1, -1);
        inner(c, "key_share-key-length-zero", EXT_KEY_SHARE, 1, null);
        inner(c, "alpn-name-length-zero", EXT_ALPN, 1, null);
        inner(c, "pre_shared_key-identity-length-long", EXT_PRE_SHARED_KEY, 1, +1);
        inner(c, "pre_shared_key-binders-length-zero", EXT_PRE_SHARED_KEY, 2, null);
        inner(c, "pre_shared_key-binder-length-short", EXT_PRE_SHARED_KEY, 3, -1);
    }

    /** Inner length {@code index} of {@code type} moved by {@code delta}, or zero when {@code delta} is null. */
    private static void inner(List<HostileCase> c, String name, int type, int index, Integer delta) {
        int value = delta == null ? 0 : hello13Psk().innerLengthOf(type, index) + delta;
        c.add(HostileCase.of(name, hello13Psk().innerLength(type, index, value).record()));
    }

    /** The message ends at a field boundary; the handshake and record lengths say so. */
    private static void truncations(List<HostileCase> c) {
        for (Field f : Field.values()) {
            if (f != Field.EXTENSIONS) {
                c.add(HostileCase.of("truncated-after-" + f.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        hello13().truncateAfter(f).record()));
            }
        }
        int extensionsStart = hello13().truncateAfter(Field.EXTENSIONS_LENGTH).lengthOf(Length.HANDSHAKE);
        c.add(HostileCase.of("truncated-inside-extension-header", hello13().truncateAt(extensionsStart + 2).record()));
        int keyShareEnd = hello13().lengthOf(Length.HANDSHAKE) - 10;
        c.add(HostileCase.of("truncated-inside-key-share", hello13().truncateAt(keyShareEnd).record()));
    }

    private static void records(List<HostileCase> c) {
        c.add(HostileCase.of("record-2^14+1", padded(Record.MAX_PLAINTEXT + 1).record()));
        c.add(HostileCase.of("record-2^14+257", padded(Record.MAX_TLS13_CIPHERTEXT + 1).record()));
        c.add(HostileCase.of("record-2^14+2049", padded(Record.MAX_CIPHERTEXT + 1).record()));
        c.add(HostileCase.of("hello-of-2^14+1-in-2-records", padded(Record.MAX_PLAINTEXT + 1).records(10_000)));
        for (int type : new int[] {0, 24, 99, 255}) {
            c.add(HostileCase.of("content-type-" + type, record(type, hello13().handshakeMessage())));
        }
        c.add(HostileCase.of("zero-length-handshake-record", record(ContentType.HANDSHAKE.code(), new byte[0])));
        c.add(HostileCase.of("zero-length-handshake-record-then-hello",
                concat(record(ContentType.HANDSHAKE.code(), new byte[0]), hello13().record())));
        c.add(HostileCase.of("zero-length-alert-record", record(ContentType.ALERT.code(), new byte[0])));
        c.add(HostileCase.of("one-byte-alert-record", record(ContentType.ALERT.code(), new byte[] {2})));
        c.add(HostileCase.of("zero-length-ccs-record", record(ContentType.CHANGE_CIPHER_SPEC.code(), new byte[0])));
        c.add(HostileCase.of("zero-length-application-data-record",
                record(ContentType.APPLICATION_DATA.code(), new byte[0])));
    }

    /** A hello whose message, with its 4-byte header, is {@code messageLength} bytes, by a padding extension. */
    private static ClientHelloBuilder padded(int messageLength) {
        int base = hello13().lengthOf(Length.RECORD);
        return hello13().extension(EXT_PADDING, new byte[messageLength - base - 4]);
    }

    private static void beforeTheHello(List<HostileCase> c) {
        byte[] hello = hello13().record();
        c.add(HostileCase.of("ccs-then-hello", concat(record(ContentType.CHANGE_CIPHER_SPEC.code(), new byte[] {1}),
                hello)));
        c.add(HostileCase.of("ccs-value-2-then-hello",
                concat(record(ContentType.CHANGE_CIPHER_SPEC.code(), new byte[] {2}), hello)));
        c.add(HostileCase.of("warning-alert-then-hello",
                concat(alert(Alert.warning(AlertDescription.USER_CANCELED)), hello)));
        c.add(HostileCase.of("fatal-alert-before-hello", alert(Alert.fatal(AlertDescription.HANDSHAKE_FAILURE))));
        c.add(HostileCase.of("close_notify-before-hello", alert(Alert.warning(AlertDescription.CLOSE_NOTIFY))));
        c.add(HostileCase.of("application-data-before-hello",
                record(ContentType.APPLICATION_DATA.code(), "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        c.add(HostileCase.of("sslv2-compatible-hello", sslv2Hello()));
        c.add(HostileCase.of("http-request", "GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        c.add(HostileCase.of("server-hello-to-server", serverHello()));
    }

    /** After the server's TLS 1.2 flight (up to ServerHelloDone). */
    private static void midHandshake(List<HostileCase> c) {
        c.add(mid("tls12-warning-alert-mid-handshake", alert(Alert.warning(AlertDescription.USER_CANCELED))));
        c.add(mid("tls12-close_notify-mid-handshake", alert(Alert.warning(AlertDescription.CLOSE_NOTIFY))));
        c.add(mid("tls12-fatal-alert-mid-handshake", alert(Alert.fatal(AlertDescription.HANDSHAKE_FAILURE))));
        c.add(mid("tls12-application-data-mid-handshake", record(ContentType.APPLICATION_DATA.code(), random(20))));
        c.add(mid("tls12-second-client-hello", hello12().record()));
        c.add(mid("tls12-unsolicited-empty-certificate", handshake(HandshakeType.CERTIFICATE, new byte[3])));
        c.add(mid("tls12-garbage-certificate", handshake(HandshakeType.CERTIFICATE, concat(new byte[] {0, 0, 8, 0, 0, 5},
                random(5)))));
        c.add(mid("tls12-finished-before-key-exchange", handshake(HandshakeType.FINISHED, random(12))));
        c.add(mid("tls12-ccs-before-key-exchange", record(ContentType.CHANGE_CIPHER_SPEC.code(), new byte[] {1})));
        c.add(mid("tls12-empty-client-key-exchange", handshake(HandshakeType.CLIENT_KEY_EXCHANGE, new byte[0])));
        c.add(mid("tls12-client-key-exchange-point-too-short",
                handshake(HandshakeType.CLIENT_KEY_EXCHANGE, concat(new byte[] {32}, random(5)))));
        c.add(mid("tls12-client-key-exchange-zero-x25519",
                handshake(HandshakeType.CLIENT_KEY_EXCHANGE, concat(new byte[] {32}, new byte[32]))));
        byte[] keyExchange = handshake(HandshakeType.CLIENT_KEY_EXCHANGE, concat(new byte[] {32}, x25519Public()));
        byte[] ccs = record(ContentType.CHANGE_CIPHER_SPEC.code(), new byte[] {1});
        c.add(mid("tls12-garbage-encrypted-finished",
                concat(keyExchange, ccs, record(ContentType.HANDSHAKE.code(), random(40)))));
        c.add(mid("tls12-plaintext-finished-after-ccs",
                concat(keyExchange, ccs, handshake(HandshakeType.FINISHED, random(12)))));
        c.add(mid("tls12-key-exchange-then-application-data",
                concat(keyExchange, record(ContentType.APPLICATION_DATA.code(), random(40)))));
    }

    private static HostileCase mid(String name, byte[] attack) {
        return HostileCase.afterFlight(name, hello12().record(), attack);
    }

    private static void versions(List<HostileCase> c) {
        c.add(HostileCase.of("legacy_version-0x0300-with-supported_versions", hello13().legacyVersion(0x0300).record()));
        c.add(HostileCase.of("legacy_version-0x0304-with-supported_versions", hello13().legacyVersion(0x0304).record()));
        c.add(HostileCase.of("legacy_version-0x0302-tls12-hello", hello12().legacyVersion(0x0302).record()));
        c.add(HostileCase.of("legacy_version-0x0305-tls12-hello", hello12().legacyVersion(0x0305).record()));
        c.add(HostileCase.of("legacy_version-0x0400-tls12-hello", hello12().legacyVersion(0x0400).record()));
        c.add(HostileCase.of("legacy_version-0x0200-tls12-hello", hello12().legacyVersion(0x0200).record()));
        c.add(HostileCase.of("record_version-0x0000", hello13().recordVersion(0x0000).record()));
        c.add(HostileCase.of("record_version-0x0304", hello13().recordVersion(0x0304).record()));
        c.add(HostileCase.of("record_version-0x0400", hello13().recordVersion(0x0400).record()));
        c.add(HostileCase.of("supported_versions-tls11-only", hello13().supportedVersions(0x0302).record()));
        c.add(HostileCase.of("supported_versions-grease-only", hello13().supportedVersions(0x0A0A).record()));
        c.add(HostileCase.of("supported_versions-grease-and-tls13",
                hello13().supportedVersions(0x0A0A, ProtocolVersion.TLS13.code()).record()));
        c.add(HostileCase.of("supported_versions-empty", hello13().supportedVersions().record()));
    }

    private static void helloContents(List<HostileCase> c) {
        c.add(HostileCase.of("duplicate-supported_groups",
                hello13().extension(EXT_SUPPORTED_GROUPS, new byte[] {0, 2, 0, X25519}).record()));
        c.add(HostileCase.of("duplicate-server_name", hello13().extension(EXT_SERVER_NAME,
                new byte[] {0, 4, 0, 0, 1, 'x'}).record()));
        c.add(HostileCase.of("duplicate-unknown-extension",
                hello13().extension(0x1234, new byte[0]).extension(0x1234, new byte[0]).record()));
        c.add(HostileCase.of("pre_shared_key-not-last",
                hello13Psk().extension(0x1234, new byte[0]).record()));
        c.add(HostileCase.of("no-null-compression", hello13().compressionMethods(1).record()));
        c.add(HostileCase.of("no-null-compression-tls12", hello12().compressionMethods(1).record()));
        c.add(HostileCase.of("null-and-deflate-compression-tls13", hello13().compressionMethods(0, 1).record()));
        c.add(HostileCase.of("no-compression-methods", hello13().compressionMethods().record()));
        c.add(HostileCase.of("no-cipher-suites", hello13().cipherSuites().record()));
        c.add(HostileCase.of("no-common-cipher-suite", hello13().cipherSuites(0x0001).record()));
        c.add(HostileCase.of("odd-cipher-suites-length",
                hello13().cipherSuites(0x1301, 0x1302).length(Length.CIPHER_SUITES, 3).record()));
        c.add(HostileCase.of("session_id-33-bytes", hello13().sessionId(random(33)).record()));
        c.add(HostileCase.of("sni-not-a-host-name", hello13().serverName("bad host\u0000").record()));
        c.add(HostileCase.of("no-signature_algorithms", hello13().withoutExtension(EXT_SIGNATURE_ALGORITHMS).record()));
        c.add(HostileCase.of("no-supported_groups", hello13().withoutExtension(EXT_SUPPORTED_GROUPS).record()));
    }

    private static void keyShares(List<HostileCase> c) {
        c.add(HostileCase.of("key_share-for-group-not-offered",
                hello13().supportedGroups(X25519).keyShare(SECP384R1).record()));
        byte[] twice = concat(new byte[] {0, 72}, entry(X25519, random(32)), entry(X25519, random(32)));
        c.add(HostileCase.of("key_share-same-group-twice",
                hello13().withoutExtension(EXT_KEY_SHARE).extension(EXT_KEY_SHARE, twice).record()));
        c.add(HostileCase.of("key_share-none-hrr-expected", hello13().keyShareEntries(Map.of()).record()));
        c.add(HostileCase.of("key_share-extension-missing", hello13().withoutExtension(EXT_KEY_SHARE).record()));
        c.add(share("key_share-x25519-all-zero", X25519, new byte[32]));
        c.add(share("key_share-x25519-31-bytes", X25519, random(31)));
        c.add(share("key_share-x25519-33-bytes", X25519, random(33)));
        byte[] notOnCurve = new byte[65];
        Arrays.fill(notOnCurve, (byte) 1);
        notOnCurve[0] = 4;
        c.add(share("key_share-p256-not-on-curve", SECP256R1, notOnCurve));
        c.add(share("key_share-p256-compressed", SECP256R1, compressedP256()));
        c.add(share("key_share-p256-infinity", SECP256R1, new byte[] {0}));
        c.add(share("key_share-p256-64-bytes", SECP256R1, concat(new byte[] {4}, random(63))));
    }

    /** Once keys are in use: the first protected record, tampered with. */
    private static void afterTheHandshake(List<HostileCase> c) {
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            String v = protocol.equals("TLSv1.3") ? "tls13-" : "tls12-";
            c.add(HostileCase.afterHandshake(v + "valid-application-data", protocol, p -> p.message()));
            c.add(HostileCase.afterHandshake(v + "flipped-ciphertext-bit", protocol, p -> {
                byte[] r = p.message();
                r[Record.HEADER_LENGTH + (r.length - Record.HEADER_LENGTH) / 2] ^= 0x01;
                return r;
            }));
            c.add(HostileCase.afterHandshake(v + "flipped-tag-bit", protocol, p -> {
                byte[] r = p.message();
                r[r.length - 1] ^= (byte) 0x80;
                return r;
            }));
            c.add(HostileCase.afterHandshake(v + "record-cut-by-one-byte", protocol, p -> {
                byte[] r = p.message();
                byte[] cut = Arrays.copyOf(r, r.length - 1);
                int length = cut.length - Record.HEADER_LENGTH;
                cut[3] = (byte) (length >> 8);
                cut[4] = (byte) length;
                return cut;
            }));
            c.add(HostileCase.afterHandshake(v + "random-ciphertext", protocol,
                    p -> record(ContentType.APPLICATION_DATA.code(), random(p.message().length - Record.HEADER_LENGTH))));
            c.add(HostileCase.afterHandshake(v + "protected-record-over-2^14+2048", protocol,
                    p -> record(ContentType.APPLICATION_DATA.code(), random(Record.MAX_CIPHERTEXT + 1))));
            c.add(HostileCase.afterHandshake(v + "plaintext-alert-after-handshake", protocol,
                    p -> alert(Alert.fatal(AlertDescription.HANDSHAKE_FAILURE))));
            c.add(HostileCase.afterHandshake(v + "plaintext-client-hello-after-handshake", protocol,
                    p -> hello13().record()));
            c.add(HostileCase.afterHandshake(v + "ccs-after-handshake", protocol,
                    p -> record(ContentType.CHANGE_CIPHER_SPEC.code(), new byte[] {1})));
            c.add(HostileCase.afterHandshake(v + "unknown-content-type-after-handshake", protocol, p -> {
                byte[] r = p.message();
                return record(99, Arrays.copyOfRange(r, Record.HEADER_LENGTH, r.length));
            }));
        }
        c.add(HostileCase.afterHandshake("tls13-key-update", "TLSv1.3", p -> concat(p.keyUpdate(), p.message())));
        c.add(HostileCase.afterHandshake("tls13-key-update-flood-200", "TLSv1.3", p -> {
            ByteArrayOutputStream flood = new ByteArrayOutputStream();
            for (int i = 0; i < 200; i++) {
                flood.writeBytes(p.keyUpdate());
            }
            flood.writeBytes(p.message());
            return flood.toByteArray();
        }));
    }

    /** Once keys are in use: records of our own, which no JSSE engine writes. */
    private static void ownRecords(List<HostileCase> c) {
        int appData = ContentType.APPLICATION_DATA.code();
        byte[] line = "hello\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            String v = protocol.equals("TLSv1.3") ? "tls13-" : "tls12-";
            // guards the probe: its keys and sequence numbers are right when this carries on
            c.add(HostileCase.ownRecords(v + "own-record-application-data", protocol, r -> r.message()));
            // RFC 8446 5.4 / RFC 5246 6.2.1: legal, and the message after it is answered
            c.add(HostileCase.ownRecords(v + "zero-length-application-data", protocol,
                    r -> concat(r.record(appData, new byte[0]), r.message())));
            c.add(HostileCase.ownRecords(v + "decrypted-record-of-2^14", protocol,
                    r -> r.record(appData, new byte[Record.MAX_PLAINTEXT])));
            // RFC 8446 5.4: TLSInnerPlaintext over 2^14 + 1; RFC 5246 6.2.1: TLSPlaintext over 2^14
            c.add(HostileCase.ownRecords(v + "decrypted-record-over-2^14", protocol,
                    r -> r.record(appData, new byte[Record.MAX_PLAINTEXT + 1])));
            // RFC 5246 6.2.1 and RFC 8446 5.1: no zero-length fragments of handshake or alert messages
            c.add(HostileCase.ownRecords(v + "protected-zero-length-handshake", protocol,
                    r -> r.record(ContentType.HANDSHAKE.code(), new byte[0])));
            c.add(HostileCase.ownRecords(v + "protected-zero-length-alert", protocol,
                    r -> r.record(ContentType.ALERT.code(), new byte[0])));
        }
        // RFC 8446 5.4: no non-zero octet in the cleartext: unexpected_message
        c.add(HostileCase.ownRecords("tls13-inner-content-type-0", "TLSv1.3", r -> r.record(0, new byte[0])));
        // RFC 8446 5.1: alerts are never fragmented
        c.add(HostileCase.ownRecords("tls13-protected-one-byte-alert", "TLSv1.3",
                r -> r.record(ContentType.ALERT.code(), new byte[] {2})));
        // RFC 8446 5: a protected change_cipher_spec is unexpected_message; so is an unknown inner type
        c.add(HostileCase.ownRecords("tls13-protected-change-cipher-spec", "TLSv1.3",
                r -> r.record(ContentType.CHANGE_CIPHER_SPEC.code(), new byte[] {1})));
        c.add(HostileCase.ownRecords("tls13-protected-inner-content-type-99", "TLSv1.3", r -> r.record(99, line)));
        // RFC 8446 5.4: padding is legal, and counts towards the 2^14 + 1 of the TLSInnerPlaintext
        c.add(HostileCase.ownRecords("tls13-padded-application-data", "TLSv1.3",
                r -> r.inner(concat(line, new byte[] {(byte) appData}, new byte[512]))));
        c.add(HostileCase.ownRecords("tls13-padding-past-2^14+1", "TLSv1.3",
                r -> r.inner(concat(new byte[Record.MAX_PLAINTEXT], new byte[] {(byte) appData}, new byte[1]))));
    }

    /**
     * A TLS 1.2 server that asks for a client certificate, after its first flight: garbage in the Certificate and
     * CertificateVerify messages (plaintext in 1.2).
     */
    private static void clientAuth(List<HostileCase> c) {
        byte[] hello = hello12().record();
        c.add(HostileCase.afterFlightWithClientAuth("tls12-client-auth-empty-certificate", hello,
                handshake(HandshakeType.CERTIFICATE, new byte[3])));
        c.add(HostileCase.afterFlightWithClientAuth("tls12-client-auth-garbage-certificate", hello,
                handshake(HandshakeType.CERTIFICATE, concat(new byte[] {0, 0, 8, 0, 0, 5}, random(5)))));
        byte[] leaf = leafCertificate();
        byte[] list = concat(u24(leaf.length), leaf);
        c.add(HostileCase.afterFlightWithClientAuth("tls12-client-auth-certificate-list-length-long", hello,
                handshake(HandshakeType.CERTIFICATE, concat(u24(list.length + 1), list))));
        byte[] certificate = handshake(HandshakeType.CERTIFICATE, concat(u24(list.length), list));
        byte[] keyExchange = handshake(HandshakeType.CLIENT_KEY_EXCHANGE, concat(new byte[] {32}, x25519Public()));
        // ecdsa_secp256r1_sha256, then a signature of random bytes (not even DER)
        c.add(HostileCase.afterFlightWithClientAuth("tls12-client-auth-garbage-certificate-verify", hello,
                concat(certificate, keyExchange, handshake(HandshakeType.CERTIFICATE_VERIFY,
                        concat(new byte[] {4, 3, 0, 64}, random(64))))));
        c.add(HostileCase.afterFlightWithClientAuth("tls12-client-auth-certificate-verify-length-long", hello,
                concat(certificate, keyExchange, handshake(HandshakeType.CERTIFICATE_VERIFY,
                        concat(new byte[] {4, 3, 0, 72}, random(10))))));
        c.add(HostileCase.afterFlightWithClientAuth("tls12-client-auth-no-certificate-verify", hello,
                concat(certificate, keyExchange, record(ContentType.CHANGE_CIPHER_SPEC.code(), new byte[] {1}))));
    }

    /** The demo client certificate, DER. */
    private static byte[] leafCertificate() {
        try {
            return DemoMaterial.client().leaf().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] u24(int n) {
        return new byte[] {(byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }

    /** A hello whose only group and key share are {@code group} with {@code key}. */
    private static HostileCase share(String name, int group, byte[] key) {
        Map<Integer, byte[]> shares = new LinkedHashMap<>();
        shares.put(group, key);
        return HostileCase.of(name, hello13().supportedGroups(group).keyShareEntries(shares).record());
    }

    // ------------------------------------------------------------------ raw pieces

    private static byte[] entry(int group, byte[] key) {
        return concat(new byte[] {(byte) (group >> 8), (byte) group, (byte) (key.length >> 8), (byte) key.length}, key);
    }

    static byte[] record(int type, byte[] body) {
        return new Record(type, ProtocolVersion.TLS12.code(), body).encode();
    }

    private static byte[] alert(Alert a) {
        return record(ContentType.ALERT.code(), a.body());
    }

    private static byte[] handshake(HandshakeType type, byte[] body) {
        return record(ContentType.HANDSHAKE.code(), type.message(body));
    }

    /** An SSL 2.0-format ClientHello asking for TLS 1.2 (RFC 5246 appendix E.2), ECDHE suites. */
    private static byte[] sslv2Hello() {
        byte[] specs = {0x00, (byte) 0xC0, 0x2B, 0x00, (byte) 0xC0, 0x2F, 0x00, 0x00, (byte) 0xFF};
        byte[] challenge = random(32);
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(1); // msg_type client_hello
        m.write(3);
        m.write(3); // version TLS 1.2
        m.write(0);
        m.write(specs.length);
        m.write(0);
        m.write(0); // no session id
        m.write(0);
        m.write(challenge.length);
        m.writeBytes(specs);
        m.writeBytes(challenge);
        byte[] body = m.toByteArray();
        return concat(new byte[] {(byte) (0x80 | (body.length >> 8)), (byte) body.length}, body);
    }

    /** A ServerHello, sent to a server. */
    private static byte[] serverHello() {
        byte[] body = concat(new byte[] {3, 3}, random(32), new byte[] {0, 0x13, 0x01, 0, 0, 0});
        return handshake(HandshakeType.SERVER_HELLO, body);
    }

    /** A real P-256 public key in compressed form, which RFC 8446 section 4.2.8.2 does not allow. */
    private static byte[] compressedP256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            java.security.spec.ECPoint w = ((java.security.interfaces.ECPublicKey) g.generateKeyPair().getPublic()).getW();
            byte[] x = w.getAffineX().toByteArray();
            byte[] out = new byte[33];
            out[0] = (byte) (w.getAffineY().testBit(0) ? 3 : 2);
            int n = Math.min(32, x.length);
            System.arraycopy(x, x.length - n, out, 33 - n, n);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] x25519Public() {
        try {
            byte[] spki = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded();
            return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
