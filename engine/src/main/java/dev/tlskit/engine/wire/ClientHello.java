package dev.tlskit.engine.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A ClientHello as sent (RFC 8446 section 4.1.2, RFC 5246 section 7.4.1.2, RFC 6347 section 4.2.1 for DTLS's
 * cookie), read from a handshake message body (what follows the 4-byte handshake header; DTLS: the 12-byte one).
 *
 * <p>Two ways in: {@link #parse} is strict (the structure and the rules RFC 8446/5246 make a server enforce; the
 * first breach is thrown as a {@link MalformedHelloException} naming the field and the alert to send) and
 * {@link #read} is lenient (for the observer: whatever could be read, never an exception). The accessors for
 * extension contents are lenient: absent or malformed reads as null/empty.
 *
 * @param legacyVersion legacy_version ({@code 0x0303} from TLS 1.3 clients; {@code 0xFEFD} for DTLS 1.2)
 * @param random the 32-byte random (shorter only from {@link #read} on a truncated message)
 * @param sessionId legacy_session_id, 0-32 bytes
 * @param cookie DTLS: the HelloVerifyRequest cookie (often empty); null for TLS
 * @param cipherSuites the offered code points in order, GREASE and SCSVs included
 * @param compressionMethods legacy_compression_methods
 * @param extensions in the order sent, duplicates kept
 */
public record ClientHello(
        int legacyVersion, byte[] random, byte[] sessionId, byte[] cookie, List<Integer> cipherSuites,
        byte[] compressionMethods, List<Extension> extensions) implements HandshakeMessage {

    public ClientHello {
        cipherSuites = List.copyOf(cipherSuites);
        extensions = List.copyOf(extensions);
    }

    /**
     * Reads a ClientHello body and checks it: the syntax (lengths, vectors, nothing left over) and the rules a
     * server must enforce (null compression offered, no duplicate extension, key shares only for offered groups,
     * pre_shared_key last, supported_groups with key_share).
     *
     * @param datagram DTLS (a cookie follows the session id)
     * @throws MalformedHelloException at the first breach
     */
    public static ClientHello parse(ByteBuffer body, boolean datagram) {
        ClientHello hello = decode(new Cursor(body), datagram, false);
        hello.check();
        return hello;
    }

    /** Reads what can be read, never throwing; fields past a malformed one are empty. */
    public static ClientHello read(ByteBuffer body, boolean datagram) {
        return decode(new Cursor(body), datagram, true);
    }

    private static ClientHello decode(Cursor c, boolean datagram, boolean lenient) {
        int version = -1;
        byte[] random = new byte[0];
        byte[] sid = new byte[0];
        byte[] cookie = datagram ? new byte[0] : null;
        List<Integer> suites = new ArrayList<>();
        byte[] compression = new byte[0];
        List<Extension> extensions = List.of();
        try {
            version = c.u16("legacy_version");
            random = c.bytes(32, "random");
            sid = c.vector8("legacy_session_id");
            if (sid.length > 32 && !lenient) {
                throw MalformedHelloException.decode("legacy_session_id", "length " + sid.length + " exceeds 32");
            }
            if (datagram) {
                cookie = c.vector8("cookie");
            }
            int suitesLength = c.u16("cipher_suites");
            if (suitesLength % 2 != 0) {
                throw MalformedHelloException.decode("cipher_suites", "length " + suitesLength + " is odd");
            }
            // An empty list is left to the provider: SunJSSE and OpenSSL answer it with illegal_parameter.
            Cursor list = new Cursor(c.bytes(suitesLength, "cipher_suites"));
            while (list.hasRemaining()) {
                suites.add(list.u16("cipher_suites"));
            }
            compression = c.vector8("legacy_compression_methods");
            if (compression.length == 0 && !lenient) {
                throw MalformedHelloException.decode("legacy_compression_methods", "empty");
            }
            extensions = ExtensionDecoders.block(c, lenient);
        } catch (MalformedHelloException e) {
            if (!lenient) {
                throw e;
            }
        }
        return new ClientHello(version, random, sid, cookie, suites, compression, extensions);
    }

    private void check() {
        boolean nullCompression = false;
        for (byte m : compressionMethods) {
            nullCompression |= m == 0;
        }
        if (!nullCompression) {
            throw MalformedHelloException.decode("legacy_compression_methods", "no null compression method");
        }
        ExtensionDecoders.checkNoDuplicates(extensions);
        for (int i = 0; i < extensions.size() - 1; i++) {
            if (extensions.get(i).type() == ExtensionType.PRE_SHARED_KEY.code()) {
                throw MalformedHelloException.illegal("pre_shared_key", "not the last extension");
            }
        }
        checkServerExtensions();
        Extension versions = extension(ExtensionType.SUPPORTED_VERSIONS);
        List<Integer> offered = versions == null ? List.of()
                : ExtensionDecoders.codes(versions.data(), 1, "supported_versions");
        if (offered.contains(ProtocolVersion.TLS13.code()) && compressionMethods.length != 1) {
            throw MalformedHelloException.illegal("legacy_compression_methods", "TLS 1.3 allows only the null method");
        }
        Extension shares = extension(ExtensionType.KEY_SHARE);
        if (shares == null) {
            return;
        }
        Extension groupsExt = extension(ExtensionType.SUPPORTED_GROUPS);
        if (groupsExt == null) {
            throw new MalformedHelloException("supported_groups", "absent while key_share is sent",
                    AlertDescription.MISSING_EXTENSION);
        }
        List<Integer> groups = ExtensionDecoders.codes(groupsExt.data(), 2, "supported_groups");
        // Two shares for one group: RFC 8446 section 4.2.8 lets a server check it (MAY); OpenSSL does not, nor here.
        for (KeyShareEntry e : ExtensionDecoders.clientKeyShares(shares.data())) {
            if (!groups.contains(e.group())) {
                throw MalformedHelloException.illegal("key_share",
                        "share for " + NamedGroup.nameOf(e.group()) + ", a group not in supported_groups");
            }
            ExtensionDecoders.checkShare(e);
        }
    }

    /**
     * The extensions a server reads must parse (RFC 8446 section 6: decode_error), whether or not its provider
     * would read them: server_name (RFC 6066), signature_algorithms, ALPN (RFC 7301), pre_shared_key.
     */
    private void checkServerExtensions() {
        Extension sni = extension(ExtensionType.SERVER_NAME);
        if (sni != null) {
            ExtensionDecoders.serverName(sni.data());
        }
        Extension schemes = extension(ExtensionType.SIGNATURE_ALGORITHMS);
        if (schemes != null) {
            ExtensionDecoders.codes(schemes.data(), 2, "signature_algorithms");
        }
        Extension alpn = extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        if (alpn != null) {
            ExtensionDecoders.alpn(alpn.data());
        }
        Extension psk = extension(ExtensionType.PRE_SHARED_KEY);
        if (psk != null) {
            ExtensionDecoders.checkPreSharedKey(psk.data());
        }
    }

    /** The first extension of this type, or null. */
    public Extension extension(ExtensionType type) {
        return ExtensionDecoders.find(extensions, type.code());
    }

    /** The SNI host name, or null. */
    public String serverName() {
        return lenient(ExtensionType.SERVER_NAME, d -> ExtensionDecoders.serverName(d), () -> null);
    }

    /** supported_groups in the client's order (GREASE included), empty when absent. */
    public List<Integer> supportedGroups() {
        return lenient(ExtensionType.SUPPORTED_GROUPS, d -> ExtensionDecoders.codes(d, 2, "supported_groups"),
                List::of);
    }

    /** signature_algorithms in the client's order, empty when absent. */
    public List<Integer> signatureSchemes() {
        return lenient(ExtensionType.SIGNATURE_ALGORITHMS,
                d -> ExtensionDecoders.codes(d, 2, "signature_algorithms"), List::of);
    }

    /** supported_versions in the client's order, empty when absent (a TLS 1.2-only client). */
    public List<Integer> supportedVersions() {
        return lenient(ExtensionType.SUPPORTED_VERSIONS, d -> ExtensionDecoders.codes(d, 1, "supported_versions"),
                List::of);
    }

    /** The key_share entries, empty when absent or when the client asks the server to choose. */
    public List<KeyShareEntry> keyShares() {
        return lenient(ExtensionType.KEY_SHARE, ExtensionDecoders::clientKeyShares, List::of);
    }

    /** The ALPN protocol names offered, empty when absent. */
    public List<String> applicationProtocols() {
        return lenient(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, ExtensionDecoders::alpn, List::of);
    }

    /** Whether the client offers a pre-shared key (TLS 1.3 resumption or external PSK). */
    public boolean offersPsk() {
        return extension(ExtensionType.PRE_SHARED_KEY) != null;
    }

    /** Whether supported_versions lists TLS 1.3. */
    public boolean offersTls13() {
        return supportedVersions().contains(ProtocolVersion.TLS13.code());
    }

    private <T> T lenient(ExtensionType type, java.util.function.Function<byte[], T> decode, Supplier<T> absent) {
        Extension e = extension(type);
        if (e == null) {
            return absent.get();
        }
        try {
            T value = decode.apply(e.data());
            return value != null ? value : absent.get();
        } catch (MalformedHelloException malformed) {
            return absent.get();
        }
    }
}
