package dev.tlskit.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.cli.interop.Interop;
import dev.tlskit.cli.interop.Interop.Background;
import dev.tlskit.cli.interop.Interop.Peer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile clients, differential: the same raw bytes ({@link HostileCases}) go to {@code openssl s_server} and to
 * tlskit's servers, and tlskit's answer (the first alert, the ServerHello, closing, silence) must be OpenSSL's,
 * except where {@link #KNOWN_DIFFERENCES} says otherwise. Each run writes the whole table to
 * {@code target/hostile-table.md}.
 *
 * <p>Targets, each started once: {@value #OPENSSL_PROCESSES} {@code openssl s_server} processes (it serves one
 * connection at a time, and a silent case holds it for the whole read limit), {@code tlskit server -d} on the
 * {@code jdk} and on the {@code bc} provider (the blocking transport) and {@code tlskit echoserver} on {@code jdk}
 * (the event loop). The tlskit servers run in-process with {@code -C N}, N the connections this class makes, so
 * they end by themselves (with {@code -i} an in-process server could not be stopped; the serving loop is the same).
 * After every case, every target must still complete a real handshake.
 *
 * <p>Cases run before the handshake ends are raw bytes; the few after it ({@code tls13-*}/{@code tls12-*}
 * tampering, KeyUpdate) complete a real handshake with a SunJSSE client engine first ({@link EncryptedProbe}), and
 * those whose records JSSE does not write (zero-length application data, a plaintext over 2^14, an inner content
 * type 0, a one-byte alert) with Bouncy Castle's low-level client, whose keys protect records of our own
 * ({@link OwnRecordProbe}). The client-auth cases ({@code tls12-client-auth-*}) go to a second set of targets that
 * ask for a client certificate: {@code openssl s_server -Verify 1}, {@code tlskit server} without {@code -d} (jdk,
 * bc) and {@code echoserver --client-auth need}, one lane each.
 */
class HostilePeerTest {
    /**
     * Where tlskit answers differently from OpenSSL, one line per case: the expected answer per tlskit target, or
     * {@code =} for OpenSSL's own. A tag says whose decision the difference is:
     * <ul>
     *   <li>{@code [tlskit]}: tlskit's code (no alert written, {@code user_canceled}, a bare {@code close_notify}):
     *       issue 13 point 1 removes these; delete the row or cell when the test says it now matches;</li>
     *   <li>{@code [provider]}: the provider's parser or policy decides differently; tlskit passes it on;</li>
     *   <li>{@code [openssl]}: tlskit's own hello check (or its provider) follows the RFC where OpenSSL answers
     *       otherwise (a field that does not parse is decode_error, RFC 8446 section 6; a fatal alert is not
     *       answered, section 6.2; padding counts towards the record limit, section 5.4).</li>
     * </ul>
     * A cell that goes stale (tlskit now answers as OpenSSL does) fails the test: the table only ever shrinks by
     * someone editing it.
     */
    static final String KNOWN_DIFFERENCES = """
            case                                           | jdk                                  | bc                                   | echo                                 | why
            record-length-zero                             | fatal internal_error [provider]      | fatal illegal_parameter [provider]   | fatal internal_error [provider]      | jdk: SunJSSE: Unrecognized record version (D)TLS-0.0 , plaintext connectio
            server_name-list-length-long                   | =                                    | fatal internal_error [provider]      | =                                    | bc: BC: java.io.EOFException
            server_name-list-length-short                  | =                                    | fatal internal_error [provider]      | =                                    | bc: BC: java.io.EOFException
            supported_versions-list-length-long            | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | jdk: failed task queued no alert, close says user_canceled; echo: event loop stalls after the failed task, writes nothing; tlskit follows RFC 8446 (decode_error for a field that does not parse, illegal_parameter for a duplicated extension); OpenSSL answers otherwise
            supported_versions-list-length-short           | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | jdk: SunJSSE: Invalid supported_versions extension: unknown extra data; tlskit follows RFC 8446 (decode_error for a field that does not parse, illegal_parameter for a duplicated extension); OpenSSL answers otherwise
            supported_versions-list-length-zero            | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | jdk: SunJSSE: Invalid supported_versions extension: unknown extra data; tlskit follows RFC 8446 (decode_error for a field that does not parse, illegal_parameter for a duplicated extension); OpenSSL answers otherwise
            alpn-list-length-long                          | ServerHello TLS 1.3 [provider]       | =                                    | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it
            alpn-list-length-short                         | ServerHello TLS 1.3 [provider]       | =                                    | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it
            alpn-list-length-zero                          | ServerHello TLS 1.3 [provider]       | =                                    | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it
            pre_shared_key-ext-length-short                | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | jdk: failed task queued no alert, close says user_canceled; echo: event loop stalls after the failed task, writes nothing; tlskit follows RFC 8446 (decode_error for a field that does not parse, illegal_parameter for a duplicated extension); OpenSSL answers otherwise
            pre_shared_key-ext-length-zero                 | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | jdk: SunJSSE: Error parsing extension (33): no sufficient data; tlskit follows RFC 8446 (decode_error for a field that does not parse, illegal_parameter for a duplicated extension); OpenSSL answers otherwise
            pre_shared_key-list-length-long                | =                                    | fatal internal_error [provider]      | =                                    | jdk: failed task queued no alert, close says user_canceled; bc: BC: java.io.EOFException; echo: event loop stalls after the failed task, writes nothing
            pre_shared_key-list-length-short               | ServerHello TLS 1.3 [provider]       | fatal internal_error [provider]      | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it; bc: BC: java.io.EOFException
            pre_shared_key-list-length-zero                | fatal decode_error [provider]        | fatal decode_error [provider]        | fatal decode_error [provider]        | jdk: SunJSSE: Invalid pre_shared_key extension: insufficient identities (l; bc: BC: decode_error(50)
            server_name-host-length-long                   | =                                    | fatal internal_error [provider]      | =                                    | jdk: failed task queued no alert, close says user_canceled; bc: BC: java.io.EOFException; echo: event loop stalls after the failed task, writes nothing
            key_share-key-length-short                     | fatal decode_error [openssl]         | fatal decode_error [openssl]         | fatal decode_error [openssl]         | jdk: failed task queued no alert, close says user_canceled; bc: BC: java.io.EOFException; echo: event loop stalls after the failed task, writes nothing; tlskit follows RFC 8446 (decode_error for a field that does not parse, illegal_parameter for a duplicated extension); OpenSSL answers otherwise
            alpn-name-length-zero                          | ServerHello TLS 1.3 [provider]       | =                                    | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it
            pre_shared_key-identity-length-long            | =                                    | fatal internal_error [provider]      | =                                    | bc: BC: java.io.EOFException
            pre_shared_key-binders-length-zero             | fatal decode_error [provider]        | fatal decode_error [provider]        | fatal decode_error [provider]        | jdk: SunJSSE: Invalid pre_shared_key extension: insufficient binders (leng; bc: BC: decode_error(50)
            pre_shared_key-binder-length-short             | fatal decode_error [provider]        | fatal decode_error [provider]        | fatal decode_error [provider]        | jdk: SunJSSE: Invalid pre_shared_key extension: insufficient binder entry; bc: BC: decode_error(50)
            truncated-after-compression-methods            | ServerHello TLS 1.2 [provider]       | =                                    | ServerHello TLS 1.2 [provider]       | jdk: SunJSSE accepts it
            record-2^14+1                                  | ServerHello TLS 1.3 [provider]       | =                                    | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it
            record-2^14+257                                | ServerHello TLS 1.3 [provider]       | =                                    | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it
            record-2^14+2049                               | ServerHello TLS 1.3 [provider]       | =                                    | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it
            content-type-0                                 | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            content-type-24                                | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            content-type-99                                | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            content-type-255                               | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            zero-length-handshake-record                   | =                                    | fatal illegal_parameter [provider]   | =                                    | bc: handshake failed: illegal_parameter(47) (sent alert illegal_parameter)
            zero-length-handshake-record-then-hello        | =                                    | fatal illegal_parameter [provider]   | =                                    | bc: handshake failed: illegal_parameter(47) (sent alert illegal_parameter)
            zero-length-alert-record                       | fatal illegal_parameter [provider]   | fatal illegal_parameter [provider]   | fatal illegal_parameter [provider]   | jdk: SunJSSE: Invalid Alert message: no sufficient data
            one-byte-alert-record                          | fatal illegal_parameter [provider]   | silence [provider]                     | fatal illegal_parameter [provider]   | jdk: SunJSSE: Invalid Alert message: no sufficient data; bc: BC waits for the alert's second byte
            zero-length-ccs-record                         | fatal internal_error [provider]      | fatal illegal_parameter [provider]   | fatal internal_error [provider]      | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            zero-length-application-data-record            | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            ccs-then-hello                                 | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            ccs-value-2-then-hello                         | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            warning-alert-then-hello                       | ServerHello TLS 1.3 [provider]       | ServerHello TLS 1.3 [provider]       | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it; bc: BC accepts it
            fatal-alert-before-hello                       | closed [openssl]                     | closed [openssl]                     | closed [openssl]                     | RFC 8446 6.2: a fatal alert is not answered; OpenSSL answers unexpected_message
            close_notify-before-hello                      | warning close_notify [provider]      | fatal handshake_failure [provider]   | warning close_notify [provider]      | jdk: SunJSSE: Received close_notify during handshake (alert warning close_; jdk: SunJSSE answers close_notify with close_notify (RFC 8446 6.1); OpenSSL calls it unexpected_message
            application-data-before-hello                  | fatal internal_error [provider]      | =                                    | fatal internal_error [provider]      | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            sslv2-compatible-hello                         | =                                    | fatal unexpected_message [provider]  | =                                    | bc: handshake failed: peer does not speak TLS (unexpected_message(10); Uns
            http-request                                   | fatal internal_error [provider]      | fatal unexpected_message [provider]  | fatal internal_error [provider]      | jdk: SunJSSE: peer does not speak TLS (Unrecognized SSL message, plaintext
            tls12-close_notify-mid-handshake               | warning close_notify [provider]      | fatal handshake_failure [provider]   | warning close_notify [provider]      | jdk: SunJSSE: Received close_notify during handshake (alert warning close_; bc: BC: handshake_failure(40); jdk: SunJSSE answers close_notify with close_notify (RFC 8446 6.1), OpenSSL just closes
            tls12-second-client-hello                      | fatal unexpected_message [provider]  | fatal unexpected_message [provider]  | fatal unexpected_message [provider]  | jdk: SunJSSE: Unexpected handshake message: client_hello; bc: BC: unexpected_message(10)
            tls12-empty-client-key-exchange                | =                                    | fatal internal_error [provider]      | =                                    | bc: BC: java.io.EOFException
            tls12-client-key-exchange-point-too-short      | =                                    | fatal internal_error [provider]      | =                                    | jdk: failed task queued no alert, close says user_canceled; bc: BC: java.io.EOFException; echo: event loop stalls after the failed task, writes nothing
            tls12-client-key-exchange-zero-x25519          | fatal handshake_failure [provider]   | fatal internal_error [provider]      | fatal handshake_failure [provider]   | jdk: failed task queued no alert, close says user_canceled; bc: BC: cannot calculate secret; echo: event loop stalls after the failed task, writes nothing
            tls12-plaintext-finished-after-ccs             | fatal handshake_failure [provider]   | fatal decode_error [provider]        | fatal handshake_failure [provider]   | jdk: SunJSSE: Insufficient buffer remaining for AEAD cipher fragment (16).; bc: BC: decode_error(50)
            legacy_version-0x0300-with-supported_versions  | fatal protocol_version [provider]    | ServerHello TLS 1.3 [provider]       | fatal protocol_version [provider]    | jdk: SunJSSE: The ClientHello.legacy_version field is not TLS 1.2; bc: BC accepts it
            legacy_version-0x0304-with-supported_versions  | fatal protocol_version [provider]    | =                                    | fatal protocol_version [provider]    | jdk: SunJSSE: The ClientHello.legacy_version field is not TLS 1.2
            legacy_version-0x0302-tls12-hello              | fatal protocol_version [provider]    | fatal protocol_version [provider]    | fatal protocol_version [provider]    | jdk: SunJSSE: Client requested protocol TLSv1.1 is not enabled or supporte; bc: BC: protocol_version(70)
            legacy_version-0x0400-tls12-hello              | =                                    | fatal illegal_parameter [provider]   | =                                    | bc: handshake failed: illegal_parameter(47) (sent alert illegal_parameter)
            legacy_version-0x0200-tls12-hello              | fatal protocol_version [provider]    | fatal illegal_parameter [provider]   | fatal protocol_version [provider]    | jdk: SunJSSE: Client requested protocol (D)TLS-2.0 is not enabled or suppo
            record_version-0x0000                          | fatal internal_error [provider]      | ServerHello TLS 1.3 [provider]       | fatal internal_error [provider]      | jdk: SunJSSE: Unrecognized record version (D)TLS-0.0 , plaintext connectio; bc: BC accepts it
            record_version-0x0400                          | ServerHello TLS 1.3 [provider]       | ServerHello TLS 1.3 [provider]       | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it; bc: BC accepts it
            supported_versions-tls11-only                  | fatal protocol_version [provider]    | fatal protocol_version [provider]    | fatal protocol_version [provider]    | jdk: SunJSSE: The client supported protocol versions [TLSv1.1] are not acc; bc: BC: protocol_version(70)
            supported_versions-empty                       | fatal decode_error [provider]        | fatal decode_error [provider]        | fatal decode_error [provider]        | jdk: SunJSSE: Invalid supported_versions extension: insufficient data
            duplicate-unknown-extension                    | fatal illegal_parameter [openssl]    | fatal illegal_parameter [openssl]    | fatal illegal_parameter [openssl]    | tlskit follows RFC 8446 (decode_error for a field that does not parse, illegal_parameter for a duplicated extension); OpenSSL answers otherwise
            no-cipher-suites                               | =                                    | fatal decode_error [provider]        | =                                    | bc: handshake failed: decode_error(50) (sent alert decode_error)
            sni-not-a-host-name                            | fatal illegal_parameter [provider]   | fatal internal_error [provider]      | fatal illegal_parameter [provider]   | jdk: SunJSSE: Illegal server name, type=host_name(0), name=bad host<NUL>; bc: BC: internal_error(80)
            key_share-extension-missing                    | =                                    | HelloRetryRequest [provider]         | =                                    | bc: BC accepts it
            key_share-x25519-all-zero                      | ServerHello TLS 1.3 [provider]       | fatal internal_error [provider]      | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it; bc: BC: cannot calculate secret; RFC 8446 7.4.2: an all-zero X25519 secret MUST abort
            key_share-x25519-31-bytes                      | ServerHello TLS 1.3 [provider]       | =                                    | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it
            key_share-x25519-33-bytes                      | ServerHello TLS 1.3 [provider]       | =                                    | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it
            key_share-p256-not-on-curve                    | ServerHello TLS 1.3 [provider]       | =                                    | ServerHello TLS 1.3 [provider]       | jdk: SunJSSE accepts it; RFC 8446 4.2.8.2: the peer's point MUST be validated
            key_share-p256-compressed                      | fatal handshake_failure [provider]   | ServerHello TLS 1.3 [provider]       | fatal handshake_failure [provider]   | jdk: failed task queued no alert, close says user_canceled; bc: BC accepts it; echo: event loop stalls after the failed task, writes nothing; RFC 8446 4.2.8.2: uncompressed points only
            key_share-p256-infinity                        | fatal handshake_failure [provider]   | =                                    | fatal handshake_failure [provider]   | jdk: failed task queued no alert, close says user_canceled; echo: event loop stalls after the failed task, writes nothing
            key_share-p256-64-bytes                        | fatal handshake_failure [provider]   | =                                    | fatal handshake_failure [provider]   | jdk: failed task queued no alert, close says user_canceled; echo: event loop stalls after the failed task, writes nothing
            tls13-protected-record-over-2^14+2048          | fatal unexpected_message [provider]  | =                                    | fatal unexpected_message [provider]  | jdk: SunJSSE: TLS connection failed: Input record too big: max = 16709 len
            tls13-plaintext-alert-after-handshake          | fatal bad_record_mac [provider]      | =                                    | fatal bad_record_mac [provider]                   | jdk: SunJSSE: TLS connection failed: Insufficient buffer remaining for AEA
            tls13-plaintext-client-hello-after-handshake   | fatal bad_record_mac [provider]      | =                                    | fatal bad_record_mac [provider]      | jdk: SunJSSE: TLS connection failed: Tag mismatch!
            tls13-unknown-content-type-after-handshake     | fatal bad_record_mac [provider]      | =                                    | fatal bad_record_mac [provider]      | jdk: SunJSSE: TLS connection failed: Tag mismatch!
            tls12-protected-record-over-2^14+2048          | fatal unexpected_message [provider]  | =                                    | fatal unexpected_message [provider]  | jdk: SunJSSE: TLS connection failed: Input record too big: max = 16709 len
            tls12-plaintext-alert-after-handshake          | =                                    | fatal decode_error [provider]        | =                                    | bc: BC: TLS connection failed: decode_error(50)
            tls12-plaintext-client-hello-after-handshake   | fatal bad_record_mac [provider]      | fatal bad_record_mac [provider]      | fatal bad_record_mac [provider]      | jdk: SunJSSE: TLS connection failed: Tag mismatch!; bc: BC: TLS connection failed: bad_record_mac(20)
            tls12-ccs-after-handshake                      | =                                    | fatal decode_error [provider]        | =                                    | bc: BC: TLS connection failed: decode_error(50)
            tls12-unknown-content-type-after-handshake     | =                                    | fatal unexpected_message [provider]  | =                                    | bc: BC: TLS connection failed: unexpected_message(10)
            tls13-zero-length-application-data             | fatal bad_record_mac [provider]      | =                                    | fatal bad_record_mac [provider]      | jdk: SunJSSE: Incorrect inner plaintext: no content type; RFC 8446 5.4 allows zero-length application data (JDK-8366454)
            tls13-decrypted-record-over-2^14               | carries on [provider]                | =                                    | carries on [provider]                | jdk: SunJSSE accepts a plaintext of 2^14+1 bytes; RFC 8446 5.4: record_overflow
            tls12-decrypted-record-over-2^14               | carries on [provider]                | =                                    | carries on [provider]                | jdk: SunJSSE accepts a plaintext of 2^14+1 bytes; RFC 5246 6.2.1: at most 2^14
            tls13-protected-zero-length-handshake          | fatal bad_record_mac [provider]      | fatal illegal_parameter [provider]   | fatal bad_record_mac [provider]      | jdk: SunJSSE: Incorrect inner plaintext: no content type; bc: BC: illegal_parameter(47)
            tls13-protected-zero-length-alert              | fatal bad_record_mac [provider]      | fatal illegal_parameter [provider]   | fatal bad_record_mac [provider]      | jdk: SunJSSE: Incorrect inner plaintext: no content type; bc: BC: illegal_parameter(47)
            tls12-protected-zero-length-handshake          | =                                    | fatal illegal_parameter [provider]   | =                                    | bc: BC: illegal_parameter(47); OpenSSL and SunJSSE ignore it
            tls12-protected-zero-length-alert              | fatal illegal_parameter [provider]   | fatal illegal_parameter [provider]   | fatal illegal_parameter [provider]   | jdk: SunJSSE: Invalid Alert message: no sufficient data; bc: BC: illegal_parameter(47)
            tls13-inner-content-type-0                     | fatal bad_record_mac [provider]      | =                                    | fatal bad_record_mac [provider]      | jdk: SunJSSE: Incorrect inner plaintext: no content type; RFC 8446 5.4: unexpected_message
            tls13-protected-one-byte-alert                 | fatal illegal_parameter [provider]   | carries on [provider]                | fatal illegal_parameter [provider]   | jdk: SunJSSE: Invalid Alert message: no sufficient data; bc: BC waits for the alert's second byte (RFC 8446 5.1: alerts are never fragmented)
            tls13-padding-past-2^14+1                      | =                                    | fatal record_overflow [openssl]      | =                                    | bc follows RFC 8446 5.4 (a TLSInnerPlaintext of 2^14+2 bytes, padding included: record_overflow); OpenSSL 3.0 and SunJSSE take it
            tls12-client-auth-empty-certificate            | fatal bad_certificate [provider]     | =                                    | fatal bad_certificate [provider]     | jdk: SunJSSE: Empty client certificate chain
            tls12-client-auth-garbage-certificate          | fatal bad_certificate [provider]     | fatal internal_error [provider]      | fatal bad_certificate [provider]     | jdk: SunJSSE: Failed to parse client certificates; bc: BC: EOF found reading length
            tls12-client-auth-certificate-list-length-long | fatal illegal_parameter [provider]   | fatal internal_error [provider]      | fatal illegal_parameter [provider]   | jdk: SunJSSE: Error parsing certificate message:no sufficient data; bc: BC: java.io.EOFException
            tls12-client-auth-garbage-certificate-verify   | fatal handshake_failure [provider]   | =                                    | fatal handshake_failure [provider]   | jdk: SunJSSE: Cannot verify CertificateVerify signature
            tls12-client-auth-certificate-verify-length-long | =                                    | fatal internal_error [provider]      | =                                    | bc: BC: java.io.EOFException
            tls12-client-auth-no-certificate-verify        | silence [provider]                   | silence [provider]                   | silence [provider]                   | SunJSSE and BC wait for the Finished after the change_cipher_spec; RFC 5246 7.4.8: a CertificateVerify comes first
            """;

    static final int OPENSSL_PROCESSES = 4;
    private static final Duration LIMIT = Duration.ofSeconds(3);
    /** A tlskit server's line about one client: {@code tlskit: error: client 127.0.0.1:PORT: why}. */
    private static final Pattern LOGGED = Pattern.compile("client 127\\.0\\.0\\.1:(\\d+): (.*)");
    private static final List<String> TLSKIT_TARGETS = List.of("jdk", "bc", "echo");

    @TempDir
    static Path dir;

    private static final List<AutoCloseable> cleanup = new ArrayList<>();
    private static final List<Integer> opensslPorts = new ArrayList<>();
    private static final Map<String, Background> tlskit = new LinkedHashMap<>();
    /** The same targets asking for a client certificate ({@code server} without {@code -d}): the client-auth cases. */
    private static final Map<String, Background> clientAuthTlskit = new LinkedHashMap<>();
    /** case → target → answer. */
    private static final Map<String, Map<String, String>> answers = new ConcurrentHashMap<>();
    /** case → target → the local port of the probe, by which the tlskit servers name the client they log. */
    private static final Map<String, Map<String, Integer>> ports = new ConcurrentHashMap<>();
    /** target → survived (null) or why not. */
    private static final Map<String, String> survival = new ConcurrentHashMap<>();
    private static List<HostileCase> cases;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void attackEveryTarget() throws Exception {
        Interop.requireBinary("openssl");
        Interop.demo(dir);
        cases = HostileCases.all();
        List<HostileCase> plain = cases.stream().filter(c -> !c.clientAuth()).toList();
        List<HostileCase> withClientAuth = cases.stream().filter(HostileCase::clientAuth).toList();
        for (int i = 0; i < OPENSSL_PROCESSES; i++) {
            opensslPorts.add(startOpenSsl());
        }
        int opensslClientAuthPort = startOpenSsl("-Verify", "1", "-CAfile", "ca.pem");
        // warm-up handshake + every case + the survival handshake
        String connections = String.valueOf(plain.size() + 2);
        tlskit.put("jdk", Interop.tlskitInBackground("server", "-d", "-C", connections, "-p", "0",
                "--provider", "jdk"));
        tlskit.put("bc", Interop.tlskitInBackground("server", "-d", "-C", connections, "-p", "0",
                "--provider", "bc"));
        tlskit.put("echo", Interop.tlskitInBackground("echoserver", "-p", "0", "--provider", "jdk"));
        String authConnections = String.valueOf(withClientAuth.size() + 2);
        clientAuthTlskit.put("jdk", Interop.tlskitInBackground("server", "-C", authConnections, "-p", "0",
                "--provider", "jdk"));
        clientAuthTlskit.put("bc", Interop.tlskitInBackground("server", "-C", authConnections, "-p", "0",
                "--provider", "bc"));
        clientAuthTlskit.put("echo", Interop.tlskitInBackground("echoserver", "--client-auth", "need", "-p", "0",
                "--provider", "jdk"));
        cleanup.addAll(tlskit.values());
        cleanup.addAll(clientAuthTlskit.values());
        for (Background b : tlskit.values()) {
            handshake(b.port(), false, null, null); // warm-up: the first TLS use of a provider loads a lot
        }
        for (Background b : clientAuthTlskit.values()) {
            handshake(b.port(), true, null, null);
        }

        ExecutorService pool = Executors.newFixedThreadPool(OPENSSL_PROCESSES + 3 * 4 + 4);
        try {
            List<Future<?>> lanes = new ArrayList<>();
            for (int lane = 0; lane < OPENSSL_PROCESSES; lane++) {
                lanes.add(pool.submit(lane(plain, lane, OPENSSL_PROCESSES, "openssl", opensslPorts.get(lane))));
            }
            lanes.add(pool.submit(lane(withClientAuth, 0, 1, "openssl", opensslClientAuthPort)));
            for (String target : TLSKIT_TARGETS) {
                for (int lane = 0; lane < 4; lane++) {
                    lanes.add(pool.submit(lane(plain, lane, 4, target, tlskit.get(target).port())));
                }
                lanes.add(pool.submit(lane(withClientAuth, 0, 1, target, clientAuthTlskit.get(target).port())));
            }
            for (Future<?> f : lanes) {
                f.get(100, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < opensslPorts.size(); i++) {
            survival.put("openssl #" + (i + 1), survives(opensslPorts.get(i), false, null, null));
        }
        survival.put("openssl -Verify", survives(opensslClientAuthPort, true, null, null));
        for (boolean auth : new boolean[] {false, true}) {
            Map<String, Background> servers = auth ? clientAuthTlskit : tlskit;
            String suffix = auth ? " asking for a client certificate" : "";
            survival.put("jdk" + suffix, survives(servers.get("jdk").port(), auth, "hello", "I hear you fa shizzle!"));
            survival.put("bc" + suffix, survives(servers.get("bc").port(), auth, "hello", "I hear you fa shizzle!"));
            survival.put("echo" + suffix, survives(servers.get("echo").port(), auth, "ping\n", "ping\n"));
            quitEchoServer(servers.get("echo").port(), auth);
        }
        writeTable();
    }

    /** An {@code openssl s_server} on a free loopback port, with the demo server certificate; its port. */
    private static int startOpenSsl(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", "server.pem", "-key", "server.key"));
        command.addAll(List.of(options));
        Peer s = Interop.startWithOpenStdin(dir, command);
        cleanup.add(s);
        return Integer.parseInt(s.await(Interop.S_SERVER_ACCEPT, Duration.ofSeconds(10)).group(1));
    }

    private static Runnable lane(List<HostileCase> cases, int lane, int lanes, String target, int port) {
        return () -> {
            for (int i = lane; i < cases.size(); i += lanes) {
                HostileCase c = cases.get(i);
                Probe.Outcome o = Probe.run(port, c, LIMIT);
                answers.computeIfAbsent(c.name(), k -> new ConcurrentHashMap<>()).put(target, o.answer());
                ports.computeIfAbsent(c.name(), k -> new ConcurrentHashMap<>()).put(target, o.localPort());
            }
        };
    }

    @AfterAll
    static void stopTargets() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        cleanup.clear();
    }

    static Stream<String> caseNames() {
        return HostileCases.all().stream().map(HostileCase::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void answersAsOpenSslDoes(String name) {
        Map<String, String> got = answers.get(name);
        String openssl = got.get("openssl");
        Map<String, String> known = knownDifferences().getOrDefault(name, Map.of());
        List<String> wrong = new ArrayList<>();
        for (String target : TLSKIT_TARGETS) {
            String cell = known.getOrDefault(target, "=");
            String expected = cell.equals("=") ? openssl : cell.replaceAll("\\s*\\[\\w+]$", "");
            String actual = got.get(target);
            if (!expected.equals(actual)) {
                wrong.add(target + ": expected <" + expected + "> but was <" + actual + ">"
                        + (actual.equals(openssl) ? " (OpenSSL's answer: set its cell to = in KNOWN_DIFFERENCES)"
                                : ""));
            }
        }
        assertTrue(wrong.isEmpty(), name + " (OpenSSL: " + openssl + ")\n  " + String.join("\n  ", wrong));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void everyServerStillServesAfterEveryCase() {
        survival.forEach((target, why) -> assertEquals("ok", why, target + " no longer completes a handshake"));
        assertEquals(OPENSSL_PROCESSES + 1 + 2 * TLSKIT_TARGETS.size(), survival.size(), survival::toString);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void knownDifferencesNameRealCasesAndTargets() {
        List<String> names = caseNames().toList();
        for (Map.Entry<String, Map<String, String>> row : knownDifferences().entrySet()) {
            assertTrue(names.contains(row.getKey()), "KNOWN_DIFFERENCES names no case: " + row.getKey());
            for (String cell : row.getValue().values()) {
                assertTrue(cell.equals("=") || cell.matches(".+ \\[(tlskit|provider|openssl)]"),
                        row.getKey() + ": a cell is = or an answer tagged [tlskit], [provider] or [openssl]: " + cell);
            }
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void theReadmeListsTheKnownDifferencesAsTheTableHere() throws IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        int from = readme.indexOf("<!-- hostile-differences -->");
        int to = readme.indexOf("<!-- /hostile-differences -->");
        assertTrue(from >= 0 && to > from, "README.md has no hostile-differences table");
        Map<String, List<String>> documented = new LinkedHashMap<>();
        for (String line : readme.substring(from, to).lines().toList()) {
            Matcher m = Pattern.compile("^\\| `([^`]+)` \\| [^|]* \\| ([^|]*) \\| ([^|]*) \\| ([^|]*) \\|").matcher(line);
            if (m.find()) {
                documented.put(m.group(1), List.of(m.group(2).strip(), m.group(3).strip(), m.group(4).strip()));
            }
        }
        Map<String, List<String>> here = new LinkedHashMap<>();
        knownDifferences().forEach((name, row) -> here.put(name, row.values().stream()
                .map(c -> c.replace(" [provider]", " (provider)").replace(" [openssl]", " (RFC)")).toList()));
        assertEquals(here, documented, "README.md's Known limits table differs from KNOWN_DIFFERENCES");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void theProbesWorkAgainstOpenSsl() {
        // Guards the probes: if these fail, the builder, the reader or the client engine is wrong, not the servers.
        Map<String, String> expected = Map.ofEntries(Map.entry("valid-tls13", "ServerHello TLS 1.3"),
                Map.entry("valid-tls12", "ServerHello TLS 1.2"),
                Map.entry("key_share-none-hrr-expected", "HelloRetryRequest"),
                Map.entry("tls12-application-data-mid-handshake", "fatal unexpected_message"),
                Map.entry("tls13-valid-application-data", EncryptedProbe.CARRIES_ON),
                Map.entry("tls13-key-update", EncryptedProbe.CARRIES_ON),
                Map.entry("tls13-flipped-tag-bit", "fatal bad_record_mac"),
                Map.entry("tls12-flipped-tag-bit", "fatal bad_record_mac"),
                // records of our own: the keys and sequence numbers are right, and a content type 0 is seen
                Map.entry("tls13-own-record-application-data", EncryptedProbe.CARRIES_ON),
                Map.entry("tls12-own-record-application-data", EncryptedProbe.CARRIES_ON),
                Map.entry("tls13-inner-content-type-0", "fatal unexpected_message"),
                // the client-auth targets ask for a certificate and check the signature
                Map.entry("tls12-client-auth-garbage-certificate-verify", "fatal decrypt_error"));
        expected.forEach((name, answer) -> assertEquals(answer, answers.get(name).get("openssl"), name));
    }

    // ------------------------------------------------------------------ the table of known differences

    /** case → target → cell, parsed from {@link #KNOWN_DIFFERENCES}. */
    static Map<String, Map<String, String>> knownDifferences() {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        List<String> lines = KNOWN_DIFFERENCES.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\\|", -1);
            if (cells.length != 5) {
                fail("KNOWN_DIFFERENCES: a row has case | jdk | bc | echo | why: " + line);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < TLSKIT_TARGETS.size(); i++) {
                row.put(TLSKIT_TARGETS.get(i), cells[i + 1].strip());
            }
            if (rows.put(cells[0].strip(), row) != null) {
                fail("KNOWN_DIFFERENCES has two rows for " + cells[0].strip());
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ output

    private static void writeTable() throws IOException {
        Map<String, Map<Integer, String>> logged = new LinkedHashMap<>();
        for (String t : TLSKIT_TARGETS) {
            Map<Integer, String> byPort = new LinkedHashMap<>();
            Matcher m = LOGGED.matcher(tlskit.get(t).err() + clientAuthTlskit.get(t).err());
            while (m.find()) {
                String why = m.group(2).strip().replaceAll("[\\p{Cntrl}|`]", "?");
                byPort.merge(Integer.parseInt(m.group(1)), why, (a, b) -> a + "; " + b);
            }
            logged.put(t, byPort);
        }
        StringBuilder md = new StringBuilder();
        md.append("Answers of each server to each case; **bold**: differs from OpenSSL; after the tlskit answer, the"
                + " error its server logged for that connection.\n\n");
        md.append("| case | OpenSSL | jdk | bc | echoserver (jdk) |\n|---|---|---|---|---|\n");
        int[] differ = new int[TLSKIT_TARGETS.size()];
        for (HostileCase c : cases) {
            Map<String, String> a = answers.get(c.name());
            String openssl = a.get("openssl");
            md.append("| ").append(c.name()).append(" | ").append(openssl);
            for (int i = 0; i < TLSKIT_TARGETS.size(); i++) {
                String v = a.get(TLSKIT_TARGETS.get(i));
                boolean same = v.equals(openssl);
                differ[i] += same ? 0 : 1;
                md.append(" | ").append(same ? v : "**" + v + "**");
                String log = logged.get(TLSKIT_TARGETS.get(i)).get(ports.get(c.name()).get(TLSKIT_TARGETS.get(i)));
                if (log != null) {
                    md.append(" <br>`").append(log.length() > 90 ? log.substring(0, 90) + "..." : log).append('`');
                }
            }
            md.append(" |\n");
        }
        md.append("\n").append(cases.size()).append(" cases; differing from OpenSSL: jdk ").append(differ[0])
                .append(", bc ").append(differ[1]).append(", echoserver ").append(differ[2])
                .append(". Survival handshakes: ").append(survival).append('\n');
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("hostile-table.md"), md.toString());
        for (String t : TLSKIT_TARGETS) {
            Files.writeString(target.resolve("hostile-" + t + ".log"), tlskit.get(t).err());
            Files.writeString(target.resolve("hostile-" + t + "-client-auth.log"), clientAuthTlskit.get(t).err());
        }
    }

    // ------------------------------------------------------------------ real handshakes

    /** "ok" when a TLS 1.3 handshake with the server completes (and {@code request} gets {@code reply}). */
    private static String survives(int port, boolean clientCertificate, String request, String reply) {
        try {
            handshake(port, clientCertificate, request, reply);
            return "ok";
        } catch (IOException | RuntimeException | AssertionError e) {
            return e.toString();
        }
    }

    /**
     * A real TLS 1.3 handshake; with a request, its reply must follow. The server is not verified: the suite is
     * about the server's answers, not its name.
     */
    private static void handshake(int port, boolean clientCertificate, String request, String reply)
            throws IOException {
        try (SSLSocket s = connect(port, clientCertificate)) {
            s.startHandshake();
            assertEquals("TLSv1.3", s.getSession().getProtocol());
            if (request != null) {
                OutputStream out = s.getOutputStream();
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] got = s.getInputStream().readNBytes(reply.length());
                assertEquals(reply, new String(got, StandardCharsets.US_ASCII), "reply on port " + port);
            }
        }
    }

    /** The echoserver ends on a 'quit' line from any client. */
    private static void quitEchoServer(int port, boolean clientCertificate) {
        try (SSLSocket s = connect(port, clientCertificate)) {
            s.getOutputStream().write("quit\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.getInputStream().read();
        } catch (IOException e) {
            // it went away as asked; AfterAll's close() tells if it did not
        }
    }

    /** A client context presenting the demo client certificate and trusting the demo CA. */
    private static SSLContext withClientCertificate() {
        try {
            char[] password = "hostile".toCharArray();
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(DemoMaterial.client().toKeyStore(password), password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("ca", DemoMaterial.ca());
            trust.init(anchors);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLSocket connect(int port, boolean clientCertificate) throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress("127.0.0.1", port), (int) LIMIT.toMillis());
            raw.setSoTimeout((int) (2 * LIMIT.toMillis()));
            SSLContext context = clientCertificate ? withClientCertificate() : EncryptedProbe.insecure();
            SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(raw, "localhost", port, true);
            s.setEnabledProtocols(new String[] {"TLSv1.3"});
            return s;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

}
