package dev.tlskit.engine.scan;

import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.ClientHelloBuilder;
import dev.tlskit.engine.wire.ExtensionType;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.Record;
import dev.tlskit.engine.wire.SignatureScheme;
import dev.tlskit.engine.wire.Ssl2CipherKind;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The hellos the probes send, made from the wire registries (no code point is written here). */
final class Hellos {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Hellos() {}

    /** Every registry suite a server may choose at {@code version} (1.2 and older; no SCSV, no 1.3 suite). */
    static List<CipherSuite> suitesFor(ProtocolVersion version) {
        return CipherSuite.all().stream()
                .filter(s -> !s.isSignalling() && !s.isTls13() && s.minVersion().code() <= version.code())
                .toList();
    }

    /** The TLS 1.3 suites of the registry. */
    static List<CipherSuite> tls13Suites() {
        return CipherSuite.all().stream().filter(CipherSuite::isTls13).toList();
    }

    /** Groups a TLS 1.2 hello offers: the elliptic curves (FFDHE left out: a DHE probe should see the server's own). */
    static int[] ellipticGroups() {
        return Arrays.stream(NamedGroup.values())
                .filter(g -> g.kind() == NamedGroup.Kind.EC || g.kind() == NamedGroup.Kind.XDH)
                .mapToInt(NamedGroup::code).toArray();
    }

    /** Groups a TLS 1.3 hello may name: everything but TLS 1.2's explicit curves. */
    static List<NamedGroup> tls13Groups() {
        return Arrays.stream(NamedGroup.values()).filter(g -> g.kind() != NamedGroup.Kind.EXPLICIT).toList();
    }

    static int[] allSignatureSchemes() {
        return Arrays.stream(SignatureScheme.values()).mapToInt(SignatureScheme::code).toArray();
    }

    static int[] codes(List<CipherSuite> suites) {
        return suites.stream().mapToInt(CipherSuite::code).toArray();
    }

    /**
     * A TLS 1.2-or-older hello at {@code version} (legacy_version, no supported_versions) offering {@code suites}
     * and the elliptic curves, with the extensions whose echo the report wants: extended_master_secret,
     * renegotiation_info, encrypt_then_mac, status_request, session_ticket, heartbeat.
     */
    static ClientHelloBuilder legacy(ProtocolVersion version, int[] suites, String serverName) {
        ClientHelloBuilder b = ClientHelloBuilder.empty()
                .recordVersion(version == ProtocolVersion.SSL3 ? ProtocolVersion.SSL3.code() : ProtocolVersion.TLS10.code())
                .legacyVersion(version.code())
                .cipherSuites(suites);
        if (serverName != null) {
            b.serverName(serverName);
        }
        b.supportedGroups(ellipticGroups());
        b.extension(ExtensionType.EC_POINT_FORMATS.code(), new byte[] {1, 0});
        if (version.code() >= ProtocolVersion.TLS12.code()) {
            b.signatureAlgorithms(allSignatureSchemes());
        }
        b.extension(ExtensionType.EXTENDED_MASTER_SECRET.code(), new byte[0]);
        b.extension(ExtensionType.RENEGOTIATION_INFO.code(), new byte[] {0});
        b.extension(ExtensionType.ENCRYPT_THEN_MAC.code(), new byte[0]);
        b.extension(ExtensionType.SESSION_TICKET.code(), new byte[0]);
        // status_type ocsp(1), no responder ids, no request extensions (RFC 6066 section 8)
        b.extension(ExtensionType.STATUS_REQUEST.code(), new byte[] {1, 0, 0, 0, 0});
        b.extension(ExtensionType.HEARTBEAT.code(), new byte[] {1}); // peer_allowed_to_send (RFC 6520)
        b.extension(ExtensionType.SIGNED_CERTIFICATE_TIMESTAMP.code(), new byte[0]); // RFC 6962 section 3.3.1
        b.extension(ExtensionType.RECORD_SIZE_LIMIT.code(), u16(Record.MAX_PLAINTEXT)); // RFC 8449: 2^14 below 1.3
        return b;
    }

    /**
     * A TLS 1.3 hello (supported_versions 1.3 only) offering {@code suites} and {@code groups}, with an x25519
     * key share when x25519 is among the groups, else an empty key_share list (the server names its group in a
     * HelloRetryRequest).
     */
    static ClientHelloBuilder tls13(int[] suites, int[] groups, String serverName) {
        byte[] sid = new byte[32];
        RANDOM.nextBytes(sid);
        ClientHelloBuilder b = ClientHelloBuilder.empty().sessionId(sid).cipherSuites(suites);
        if (serverName != null) {
            b.serverName(serverName);
        }
        b.supportedGroups(groups);
        b.signatureAlgorithms(allSignatureSchemes());
        b.supportedVersions(ProtocolVersion.TLS13.code());
        b.pskKeyExchangeModes(1);
        if (Arrays.stream(groups).anyMatch(g -> g == NamedGroup.X25519.code())) {
            b.keyShareEntries(Map.of(NamedGroup.X25519.code(), X25519Share.PUBLIC));
        } else {
            b.keyShareEntries(Map.of());
        }
        return b;
    }

    /**
     * A TLS 1.3 hello for {@link Tls13Peek}: x25519 and secp256r1, each with a real key share (no
     * HelloRetryRequest for a server with either), and the extensions whose answers TLS 1.3 encrypts:
     * status_request, signed_certificate_timestamp, record_size_limit (2^14 + 1, RFC 8449).
     */
    static ClientHelloBuilder peek(int[] suites, String serverName) {
        int[] groups = Tls13Peek.GROUPS.stream().mapToInt(NamedGroup::code).toArray();
        ClientHelloBuilder b = tls13(suites, groups, serverName).keyShare(groups);
        b.extension(ExtensionType.STATUS_REQUEST.code(), new byte[] {1, 0, 0, 0, 0});
        b.extension(ExtensionType.SIGNED_CERTIFICATE_TIMESTAMP.code(), new byte[0]);
        b.extension(ExtensionType.RECORD_SIZE_LIMIT.code(), u16(Record.MAX_PLAINTEXT + 1));
        return b;
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    /**
     * One x25519 public key for every probe: no probe gets past the ServerHello, so a fresh key each time would
     * only cost CPU (the raw u-coordinate is the SubjectPublicKeyInfo's last 32 bytes, RFC 8410).
     */
    private static final class X25519Share {
        static final byte[] PUBLIC;

        static {
            byte[] spki = ClientHelloBuilder.empty().keyShare(NamedGroup.X25519.code())
                    .keyPair(NamedGroup.X25519.code()).getPublic().getEncoded();
            PUBLIC = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        }
    }

    /**
     * An SSL 2.0 CLIENT-HELLO (the SSL 2.0 draft, appendix B) offering the seven SSL 2.0 cipher kinds: a
     * two-byte header with the high bit set, MSG-CLIENT-HELLO, version 0x0002, the lengths, the specs and a
     * 16-byte challenge.
     */
    static byte[] ssl2() {
        ByteArrayOutputStream specs = new ByteArrayOutputStream();
        for (Ssl2CipherKind k : Ssl2CipherKind.values()) {
            specs.write(k.code() >> 16);
            specs.write(k.code() >> 8);
            specs.write(k.code());
        }
        byte[] challenge = new byte[16];
        RANDOM.nextBytes(challenge);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1); // MSG-CLIENT-HELLO
        body.write(0);
        body.write(ProtocolVersion.SSL2.code());
        body.write(0);
        body.write(specs.size());
        body.write(0);
        body.write(0); // no session id
        body.write(0);
        body.write(challenge.length);
        body.writeBytes(specs.toByteArray());
        body.writeBytes(challenge);
        byte[] b = body.toByteArray();
        byte[] out = new byte[2 + b.length];
        out[0] = (byte) (0x80 | (b.length >> 8));
        out[1] = (byte) b.length;
        System.arraycopy(b, 0, out, 2, b.length);
        return out;
    }
}
