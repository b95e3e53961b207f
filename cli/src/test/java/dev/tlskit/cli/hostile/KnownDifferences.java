package dev.tlskit.cli.hostile;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where tlskit answers a {@link HostileCases hostile case} differently from OpenSSL, one line per case: the expected
 * answer per tlskit target, or {@code =} for OpenSSL's own. A tag says whose decision the difference is:
 * <ul>
 *   <li>{@code [provider]}: the provider's parser or policy decides differently; tlskit passes it on;</li>
 *   <li>{@code [openssl]}: tlskit's own hello check (or its provider) follows the RFC where OpenSSL answers
 *       otherwise (a field that does not parse is decode_error, RFC 8446 section 6; a fatal alert is not
 *       answered, section 6.2; padding counts towards the record limit, section 5.4).</li>
 * </ul>
 * There is no {@code [tlskit]} tag: a difference that is tlskit's own fault (no alert written, {@code user_canceled},
 * a bare {@code close_notify}) is fixed in the engine, not tabled. A cell that goes stale (tlskit now answers as OpenSSL does) fails the test: the table only ever shrinks by
 * someone editing it. {@link #ON_JAVA_25} holds what SunJSSE 25 answers unlike SunJSSE 17; on Java 25 and later its
 * cells replace the {@code jdk} and {@code echo} cells of {@link #TABLE}. README.md mirrors both tables.
 */
final class KnownDifferences {
    /** The tlskit servers attacked, in the tables' column order. */
    static final List<String> TARGETS = List.of("jdk", "bc", "echo", "boringssl");
    /** The targets on SunJSSE, whose answers {@link #ON_JAVA_25} may replace. */
    static final List<String> SUNJSSE_TARGETS = List.of("jdk", "echo");

    static final String TABLE = """
            case                                           | jdk                                  | bc                                   | echo                                 | boringssl                            | why
            record-length-zero                             | fatal internal_error [provider]      | fatal illegal_parameter [provider]   | fatal internal_error [provider]      | fatal unexpected_message [provider]  | jdk: SunJSSE: Unrecognized record version (D)TLS-0.0 , plaintext connectio; boringssl: Netty refuses the record (not an SSL/TLS record: a length of 0, a version not 3.x or an unknown type) before BoringSSL reads it, and tlskit answers unexpected_message (RFC 8446 5)
            supported_versions-list-length-long            | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | jdk: failed task queued no alert, close says user_canceled; echo: event loop stalls after the failed task, writes nothing; tlskit follows RFC 8446 (decode_error for a field that does not parse, illegal_parameter for a duplicated extension); OpenSSL answers otherwise
            supported_versions-list-length-short           | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | jdk: SunJSSE: Invalid supported_versions extension: unknown extra data; tlskit follows RFC 8446 (decode_error for a field that does not parse, illegal_parameter for a duplicated extension); OpenSSL answers otherwise
            supported_versions-list-length-zero            | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | jdk: SunJSSE: Invalid supported_versions extension: unknown extra data; tlskit follows RFC 8446 (decode_error for a field that does not parse, illegal_parameter for a duplicated extension); OpenSSL answers otherwise
            pre_shared_key-ext-length-short                | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | jdk: failed task queued no alert, close says user_canceled; echo: event loop stalls after the failed task, writes nothing; tlskit follows RFC 8446 (decode_error for a field that does not parse, illegal_parameter for a duplicated extension); OpenSSL answers otherwise
            pre_shared_key-ext-length-zero                 | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | jdk: SunJSSE: Error parsing extension (33): no sufficient data; tlskit follows RFC 8446 (decode_error for a field that does not parse, illegal_parameter for a duplicated extension); OpenSSL answers otherwise
            pre_shared_key-list-length-zero                | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | tlskit checks pre_shared_key (RFC 8446 4.2.11: identities<7..2^16-1>, binders<33..2^16-1>, each binder 32 bytes or more); OpenSSL answers otherwise
            key_share-key-length-short                     | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | jdk: failed task queued no alert, close says user_canceled; bc: BC: java.io.EOFException; echo: event loop stalls after the failed task, writes nothing; tlskit follows RFC 8446 (decode_error for a field that does not parse, illegal_parameter for a duplicated extension); OpenSSL answers otherwise
            pre_shared_key-binders-length-zero             | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | tlskit checks pre_shared_key (RFC 8446 4.2.11: identities<7..2^16-1>, binders<33..2^16-1>, each binder 32 bytes or more); OpenSSL answers otherwise
            pre_shared_key-binder-length-short             | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | tlskit checks pre_shared_key (RFC 8446 4.2.11: identities<7..2^16-1>, binders<33..2^16-1>, each binder 32 bytes or more); OpenSSL answers otherwise
            truncated-after-compression-methods            | ServerHello TLS 1.2 [provider]       | =                                    | ServerHello TLS 1.2 [provider]       | =                                    | jdk: SunJSSE accepts it
            record-2^14+1                                  | ServerHello TLS 1.3 [provider]       | =                                    | ServerHello TLS 1.3 [provider]       | =                                    | jdk: SunJSSE accepts it
            record-2^14+257                                | ServerHello TLS 1.3 [provider]       | =                                    | ServerHello TLS 1.3 [provider]       | =                                    | jdk: SunJSSE accepts it
            record-2^14+2049                               | ServerHello TLS 1.3 [provider]       | =                                    | ServerHello TLS 1.3 [provider]       | =                                    | jdk: SunJSSE accepts it
            content-type-0                                 | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | =                                    | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            content-type-24                                | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | =                                    | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            content-type-99                                | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | =                                    | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            content-type-255                               | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | =                                    | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            zero-length-handshake-record                   | =                                    | fatal illegal_parameter [provider]   | =                                    | fatal unexpected_message [provider]  | bc: handshake failed: illegal_parameter(47) (sent alert illegal_parameter); boringssl: Netty refuses the record (not an SSL/TLS record: a length of 0, a version not 3.x or an unknown type) before BoringSSL reads it, and tlskit answers unexpected_message (RFC 8446 5)
            zero-length-handshake-record-then-hello        | =                                    | fatal illegal_parameter [provider]   | =                                    | fatal unexpected_message [provider]  | bc: handshake failed: illegal_parameter(47) (sent alert illegal_parameter); boringssl: Netty refuses the record (not an SSL/TLS record: a length of 0, a version not 3.x or an unknown type) before BoringSSL reads it, and tlskit answers unexpected_message (RFC 8446 5)
            zero-length-alert-record                       | fatal illegal_parameter [provider]   | fatal illegal_parameter [provider]   | fatal illegal_parameter [provider]   | =                                    | jdk: SunJSSE: Invalid Alert message: no sufficient data
            one-byte-alert-record                          | fatal illegal_parameter [provider]   | silence [provider]                   | fatal illegal_parameter [provider]   | fatal decode_error [provider]        | jdk: SunJSSE: Invalid Alert message: no sufficient data; bc: BC waits for the alert's second byte; boringssl: BoringSSL: BAD_ALERT, decode_error
            zero-length-ccs-record                         | fatal internal_error [provider]      | fatal illegal_parameter [provider]   | fatal internal_error [provider]      | fatal unexpected_message [provider]  | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext; boringssl: Netty refuses the record (not an SSL/TLS record: a length of 0, a version not 3.x or an unknown type) before BoringSSL reads it, and tlskit answers unexpected_message (RFC 8446 5)
            zero-length-application-data-record            | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | =                                    | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            ccs-then-hello                                 | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | =                                    | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            ccs-value-2-then-hello                         | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | =                                    | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            warning-alert-then-hello                       | ServerHello TLS 1.3 [provider]       | ServerHello TLS 1.3 [provider]       | ServerHello TLS 1.3 [provider]       | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it; bc: BC accepts it; boringssl: BoringSSL ignores a warning alert before the hello
            fatal-alert-before-hello                       | closed [openssl]                     | closed [openssl]                     | closed [openssl]                     | closed [openssl]                     | RFC 8446 6.2: a fatal alert is not answered; OpenSSL answers unexpected_message
            close_notify-before-hello                      | warning close_notify [provider]      | fatal handshake_failure [provider]   | warning close_notify [provider]      | fatal handshake_failure [provider]   | jdk: SunJSSE: Received close_notify during handshake (alert warning close_; jdk: SunJSSE answers close_notify with close_notify (RFC 8446 6.1); OpenSSL calls it unexpected_message; boringssl: BoringSSL: SSL_HANDSHAKE_FAILURE
            application-data-before-hello                  | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | =                                    | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            sslv2-compatible-hello                         | =                                    | fatal unexpected_message [provider]  | =                                    | =                                    | bc: handshake failed: peer does not speak TLS (unexpected_message(10); Uns
            http-request                                   | fatal internal_error [provider]      | fatal unexpected_message [provider]  | fatal internal_error [provider]      | fatal unexpected_message [provider]  | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext; boringssl: Netty refuses the record (not an SSL/TLS record: a length of 0, a version not 3.x or an unknown type) before BoringSSL reads it, and tlskit answers unexpected_message (RFC 8446 5)
            tls12-close_notify-mid-handshake               | warning close_notify [provider]      | fatal handshake_failure [provider]   | warning close_notify [provider]      | fatal handshake_failure [provider]   | jdk: SunJSSE: Received close_notify during handshake (alert warning close_; bc: BC: handshake_failure(40); jdk: SunJSSE answers close_notify with close_notify (RFC 8446 6.1), OpenSSL just closes; boringssl: BoringSSL: SSL_HANDSHAKE_FAILURE
            tls12-second-client-hello                      | fatal unexpected_message [provider]  | fatal unexpected_message [provider]  | fatal unexpected_message [provider]  | fatal unexpected_message [provider]  | jdk: SunJSSE: Unexpected handshake message: client_hello; bc: BC: unexpected_message(10); boringssl: BoringSSL: UNEXPECTED_MESSAGE
            tls12-empty-client-key-exchange                | =                                    | fatal internal_error [provider]      | =                                    | fatal decode_error [provider]        | bc: BC: java.io.EOFException; boringssl: BoringSSL: DECODE_ERROR
            tls12-client-key-exchange-point-too-short      | =                                    | fatal internal_error [provider]      | =                                    | =                                    | bc: BC: java.io.EOFException
            tls12-client-key-exchange-zero-x25519          | fatal handshake_failure [provider]   | fatal internal_error [provider]      | fatal handshake_failure [provider]   | =                                    | jdk: failed task queued no alert, close says user_canceled; bc: BC: cannot calculate secret; echo: event loop stalls after the failed task, writes nothing
            tls12-plaintext-finished-after-ccs             | fatal handshake_failure [provider]   | fatal decode_error [provider]        | fatal handshake_failure [provider]   | =                                    | jdk: SunJSSE: Insufficient buffer remaining for AEAD cipher fragment (16).; bc: BC: decode_error(50)
            legacy_version-0x0300-with-supported_versions  | fatal protocol_version [provider]    | ServerHello TLS 1.3 [provider]       | fatal protocol_version [provider]    | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE: The ClientHello.legacy_version field is not TLS 1.2; bc: BC accepts it; boringssl: BoringSSL takes supported_versions whatever legacy_version says
            legacy_version-0x0304-with-supported_versions  | fatal protocol_version [provider]    | =                                    | fatal protocol_version [provider]    | =                                    | jdk: SunJSSE: The ClientHello.legacy_version field is not TLS 1.2
            legacy_version-0x0302-tls12-hello              | fatal protocol_version [provider]    | fatal protocol_version [provider]    | fatal protocol_version [provider]    | fatal protocol_version [provider]    | jdk: SunJSSE: Client requested protocol TLSv1.1 is not enabled or supporte; bc: BC: protocol_version(70); boringssl: BoringSSL: UNSUPPORTED_PROTOCOL
            legacy_version-0x0400-tls12-hello              | =                                    | fatal illegal_parameter [provider]   | =                                    | =                                    | bc: handshake failed: illegal_parameter(47) (sent alert illegal_parameter)
            legacy_version-0x0200-tls12-hello              | fatal protocol_version [provider]    | fatal illegal_parameter [provider]   | fatal protocol_version [provider]    | fatal protocol_version [provider]    | jdk: SunJSSE: Client requested protocol (D)TLS-2.0 is not enabled or suppo; boringssl: BoringSSL: UNSUPPORTED_PROTOCOL
            record_version-0x0000                          | fatal internal_error [provider]      | ServerHello TLS 1.3 [provider]       | fatal internal_error [provider]      | fatal unexpected_message [provider]  | jdk: SunJSSE: Unrecognized record version (D)TLS-0.0 , plaintext connectio; bc: BC accepts it; boringssl: Netty refuses the record (not an SSL/TLS record: a length of 0, a version not 3.x or an unknown type) before BoringSSL reads it, and tlskit answers unexpected_message (RFC 8446 5)
            record_version-0x0400                          | ServerHello TLS 1.3 [provider]       | ServerHello TLS 1.3 [provider]       | ServerHello TLS 1.3 [provider]       | fatal unexpected_message [provider]  | jdk: SunJSSE accepts it; bc: BC accepts it; boringssl: Netty refuses the record (not an SSL/TLS record: a length of 0, a version not 3.x or an unknown type) before BoringSSL reads it, and tlskit answers unexpected_message (RFC 8446 5)
            supported_versions-tls11-only                  | fatal protocol_version [provider]    | fatal protocol_version [provider]    | fatal protocol_version [provider]    | fatal protocol_version [provider]    | jdk: SunJSSE: The client supported protocol versions [TLSv1.1] are not acc; bc: BC: protocol_version(70); boringssl: BoringSSL: UNSUPPORTED_PROTOCOL
            supported_versions-empty                       | fatal decode_error [provider]        | fatal decode_error [provider]        | fatal decode_error [provider]        | fatal decode_error [provider]        | jdk: SunJSSE: Invalid supported_versions extension: insufficient data; boringssl: BoringSSL: DECODE_ERROR
            duplicate-unknown-extension                    | fatal illegal_parameter [openssl]    | fatal illegal_parameter [openssl]    | fatal illegal_parameter [openssl]    | fatal illegal_parameter [openssl]    | tlskit follows RFC 8446 (decode_error for a field that does not parse, illegal_parameter for a duplicated extension); OpenSSL answers otherwise
            no-cipher-suites                               | =                                    | fatal decode_error [provider]        | =                                    | fatal decode_error [provider]        | bc: handshake failed: decode_error(50) (sent alert decode_error); boringssl: BoringSSL: CLIENTHELLO_PARSE_FAILED, decode_error
            sni-not-a-host-name                            | fatal illegal_parameter [provider]   | fatal internal_error [provider]      | fatal illegal_parameter [provider]   | =                                    | jdk: SunJSSE: Illegal server name, type=host_name(0), name=bad host<NUL>; bc: BC: internal_error(80)
            no-signature_algorithms                        | =                                    | =                                    | =                                    | fatal handshake_failure [provider]   | boringssl: BoringSSL: NO_COMMON_SIGNATURE_ALGORITHMS
            key_share-same-group-twice                     | =                                    | =                                    | =                                    | fatal illegal_parameter [provider]   | boringssl: BoringSSL checks it (DUPLICATE_KEY_SHARE; RFC 8446 4.2.8 allows it)
            key_share-extension-missing                    | =                                    | HelloRetryRequest [provider]         | =                                    | =                                    | bc: BC accepts it
            key_share-x25519-all-zero                      | ServerHello TLS 1.3 [provider]       | fatal internal_error [provider]      | ServerHello TLS 1.3 [provider]       | =                                    | jdk: SunJSSE accepts it; bc: BC: cannot calculate secret; RFC 8446 7.4.2: an all-zero X25519 secret MUST abort
            key_share-p256-not-on-curve                    | ServerHello TLS 1.3 [provider]       | =                                    | ServerHello TLS 1.3 [provider]       | =                                    | jdk: SunJSSE accepts it; RFC 8446 4.2.8.2: the peer's point MUST be validated
            tls13-protected-record-over-2^14+2048          | fatal unexpected_message [provider]  | =                                    | fatal unexpected_message [provider]  | =                                    | jdk: SunJSSE: TLS connection failed: Input record too big: max = 16709 len
            tls13-plaintext-alert-after-handshake          | fatal bad_record_mac [provider]      | =                                    | fatal bad_record_mac [provider]      | fatal bad_record_mac [provider]      | jdk: SunJSSE: TLS connection failed: Insufficient buffer remaining for AEA; boringssl: BoringSSL: BAD_PACKET_LENGTH, bad_record_mac
            tls13-plaintext-client-hello-after-handshake   | fatal bad_record_mac [provider]      | =                                    | fatal bad_record_mac [provider]      | fatal protocol_version [provider]    | jdk: SunJSSE: TLS connection failed: Tag mismatch!; boringssl: BoringSSL: WRONG_VERSION_NUMBER
            tls13-ccs-after-handshake                      | =                                    | =                                    | =                                    | fatal bad_record_mac [provider]      | boringssl: BoringSSL: BAD_PACKET_LENGTH, bad_record_mac
            tls13-unknown-content-type-after-handshake     | fatal bad_record_mac [provider]      | =                                    | fatal bad_record_mac [provider]      | closed [provider]                    | jdk: SunJSSE: TLS connection failed: Tag mismatch!; boringssl: Netty refuses the record type before BoringSSL reads it: no alert can be encrypted, tlskit closes
            tls12-protected-record-over-2^14+2048          | fatal unexpected_message [provider]  | =                                    | fatal unexpected_message [provider]  | =                                    | jdk: SunJSSE: TLS connection failed: Input record too big: max = 16709 len
            tls12-plaintext-alert-after-handshake          | =                                    | fatal decode_error [provider]        | =                                    | =                                    | bc: BC: TLS connection failed: decode_error(50)
            tls12-plaintext-client-hello-after-handshake   | fatal bad_record_mac [provider]      | fatal bad_record_mac [provider]      | fatal bad_record_mac [provider]      | =                                    | jdk: SunJSSE: TLS connection failed: Tag mismatch!; bc: BC: TLS connection failed: bad_record_mac(20)
            tls12-ccs-after-handshake                      | =                                    | fatal decode_error [provider]        | =                                    | =                                    | bc: BC: TLS connection failed: decode_error(50)
            tls12-unknown-content-type-after-handshake     | =                                    | fatal unexpected_message [provider]  | =                                    | closed [provider]                    | bc: BC: TLS connection failed: unexpected_message(10); boringssl: Netty refuses the record type before BoringSSL reads it: no alert can be encrypted, tlskit closes
            tls13-key-update-flood-200                     | =                                    | =                                    | =                                    | fatal unexpected_message [provider]  | boringssl: BoringSSL: TOO_MANY_KEY_UPDATES
            tls13-zero-length-application-data             | fatal bad_record_mac [provider]      | =                                    | fatal bad_record_mac [provider]      | =                                    | jdk: SunJSSE: Incorrect inner plaintext: no content type; RFC 8446 5.4 allows zero-length application data (JDK-8366454)
            tls13-decrypted-record-over-2^14               | carries on [provider]                | =                                    | carries on [provider]                | =                                    | jdk: SunJSSE accepts a plaintext of 2^14+1 bytes; RFC 8446 5.4: record_overflow
            tls13-protected-zero-length-handshake          | fatal bad_record_mac [provider]      | fatal illegal_parameter [provider]   | fatal bad_record_mac [provider]      | carries on [provider]                | jdk: SunJSSE: Incorrect inner plaintext: no content type; bc: BC: illegal_parameter(47); boringssl: BoringSSL ignores an empty handshake record
            tls13-protected-zero-length-alert              | fatal bad_record_mac [provider]      | fatal illegal_parameter [provider]   | fatal bad_record_mac [provider]      | fatal decode_error [provider]        | jdk: SunJSSE: Incorrect inner plaintext: no content type; bc: BC: illegal_parameter(47); boringssl: BoringSSL: BAD_ALERT, decode_error
            tls12-decrypted-record-over-2^14               | carries on [provider]                | =                                    | carries on [provider]                | =                                    | jdk: SunJSSE accepts a plaintext of 2^14+1 bytes; RFC 5246 6.2.1: at most 2^14
            tls12-protected-zero-length-handshake          | =                                    | fatal illegal_parameter [provider]   | =                                    | fatal no_renegotiation [provider]    | bc: BC: illegal_parameter(47); OpenSSL and SunJSSE ignore it; boringssl: BoringSSL: NO_RENEGOTIATION (an empty handshake record read as a renegotiation)
            tls12-protected-zero-length-alert              | fatal illegal_parameter [provider]   | fatal illegal_parameter [provider]   | fatal illegal_parameter [provider]   | fatal decode_error [provider]        | jdk: SunJSSE: Invalid Alert message: no sufficient data; bc: BC: illegal_parameter(47); boringssl: BoringSSL: BAD_ALERT, decode_error
            tls13-inner-content-type-0                     | fatal bad_record_mac [provider]      | =                                    | fatal bad_record_mac [provider]      | fatal decrypt_error [provider]       | jdk: SunJSSE: Incorrect inner plaintext: no content type; RFC 8446 5.4: unexpected_message; boringssl: BoringSSL: DECRYPTION_FAILED_OR_BAD_RECORD_MAC, decrypt_error
            tls13-protected-one-byte-alert                 | fatal illegal_parameter [provider]   | carries on [provider]                | fatal illegal_parameter [provider]   | fatal decode_error [provider]        | jdk: SunJSSE: Invalid Alert message: no sufficient data; bc: BC waits for the alert's second byte (RFC 8446 5.1: alerts are never fragmented); boringssl: BoringSSL: BAD_ALERT, decode_error
            tls13-padding-past-2^14+1                      | =                                    | fatal record_overflow [openssl]      | =                                    | fatal record_overflow [openssl]      | bc and boringssl follow RFC 8446 5.4 (a TLSInnerPlaintext of 2^14+2 bytes, padding included: record_overflow); OpenSSL 3.0 and SunJSSE take it
            tls12-client-auth-empty-certificate            | fatal bad_certificate [provider]     | =                                    | fatal bad_certificate [provider]     | =                                    | jdk: SunJSSE: Empty client certificate chain
            tls12-client-auth-garbage-certificate          | fatal bad_certificate [provider]     | fatal internal_error [provider]      | fatal bad_certificate [provider]     | =                                    | jdk: SunJSSE: Failed to parse client certificates; bc: BC: EOF found reading length
            tls12-client-auth-certificate-list-length-long | fatal illegal_parameter [provider]   | fatal internal_error [provider]      | fatal illegal_parameter [provider]   | =                                    | jdk: SunJSSE: Error parsing certificate message:no sufficient data; bc: BC: java.io.EOFException
            tls12-client-auth-garbage-certificate-verify   | fatal handshake_failure [provider]   | =                                    | fatal handshake_failure [provider]   | =                                    | jdk: SunJSSE: Cannot verify CertificateVerify signature
            tls12-client-auth-certificate-verify-length-long| =                                    | fatal internal_error [provider]      | =                                    | =                                    | bc: BC: java.io.EOFException
            tls12-client-auth-no-certificate-verify        | silence [provider]                   | silence [provider]                   | silence [provider]                   | =                                    | SunJSSE and BC wait for the Finished after the change_cipher_spec; RFC 5246 7.4.8: a CertificateVerify comes first
            """;

    /**
     * SunJSSE 25's answers where they differ from 17's (the cells replace {@link #TABLE}'s {@code jdk} and
     * {@code echo} cells on Java 25+; {@code =}: OpenSSL's answer).
     */
    static final String ON_JAVA_25 = """
            case                                           | jdk                                  | echo                                 | why
            record-length-zero                             | fatal unexpected_message [provider]  | fatal unexpected_message [provider]  | SunJSSE 25: Handshake packets must not be zero-length
            zero-length-handshake-record                   | fatal unexpected_message [provider]  | fatal unexpected_message [provider]  | SunJSSE 25: Handshake packets must not be zero-length (RFC 8446 5.1)
            zero-length-handshake-record-then-hello        | fatal unexpected_message [provider]  | fatal unexpected_message [provider]  | SunJSSE 25: Handshake packets must not be zero-length (RFC 8446 5.1)
            tls12-client-key-exchange-point-too-short      | fatal internal_error [provider]      | fatal internal_error [provider]      | SunJSSE 25 answers a failed delegated task with internal_error (17 queues no alert, and tlskit sends the decode_error it calls for)
            tls12-client-key-exchange-zero-x25519          | fatal internal_error [provider]      | fatal internal_error [provider]      | SunJSSE 25: Could not generate secret, as internal_error (17: no alert, tlskit says handshake_failure)
            tls13-plaintext-alert-after-handshake          | =                                    | =                                    | SunJSSE 25 answers unexpected_message, as OpenSSL does
            tls12-client-auth-empty-certificate            | =                                    | =                                    | SunJSSE 25 answers handshake_failure, as OpenSSL does
            tls12-client-auth-certificate-verify-length-long| fatal internal_error [provider]      | fatal internal_error [provider]      | SunJSSE 25 answers a failed delegated task with internal_error (17 queues no alert, and tlskit sends the decode_error it calls for)
            """;

    private KnownDifferences() {}

    /** case → target → cell for the JDK this runs on. */
    static Map<String, Map<String, String>> forThisJdk() {
        Map<String, Map<String, String>> rows = parse(TABLE, TARGETS);
        if (Runtime.version().feature() >= 25) {
            parse(ON_JAVA_25, SUNJSSE_TARGETS).forEach((name, cells) -> {
                Map<String, String> row = rows.computeIfAbsent(name, k -> defaults());
                row.putAll(cells);
                if (row.values().stream().allMatch("="::equals)) {
                    rows.remove(name);
                }
            });
        }
        return rows;
    }

    /** case → target → cell, parsed from a table whose target columns are {@code targets}. */
    static Map<String, Map<String, String>> parse(String table, List<String> targets) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        List<String> lines = table.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\\|", -1);
            if (cells.length != targets.size() + 2) {
                fail("a known difference has case | " + String.join(" | ", targets) + " | why: " + line);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < targets.size(); i++) {
                row.put(targets.get(i), cells[i + 1].strip());
            }
            if (rows.put(cells[0].strip(), row) != null) {
                fail("two known differences for " + cells[0].strip());
            }
        }
        return rows;
    }

    /** case → the why column of {@code table}. */
    static Map<String, String> whys(String table) {
        Map<String, String> whys = new LinkedHashMap<>();
        table.lines().map(String::strip).filter(l -> !l.isEmpty()).skip(1).forEach(line -> whys.put(
                line.substring(0, line.indexOf('|')).strip(), line.substring(line.lastIndexOf('|') + 1).strip()));
        return whys;
    }

    private static Map<String, String> defaults() {
        Map<String, String> row = new LinkedHashMap<>();
        TARGETS.forEach(t -> row.put(t, "="));
        return row;
    }
}
