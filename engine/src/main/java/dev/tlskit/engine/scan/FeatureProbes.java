package dev.tlskit.engine.scan;

import dev.tlskit.engine.scan.ScanReport.Features;
import dev.tlskit.engine.wire.AlertDescription;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.ClientHelloBuilder;
import dev.tlskit.engine.wire.Extension;
import dev.tlskit.engine.wire.ExtensionType;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.ServerHello;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * The features family: what the TLS 1.2-and-older ServerHello echoes (extended master secret, renegotiation_info,
 * encrypt-then-MAC, status_request, session_ticket, heartbeat, compression, signed_certificate_timestamp,
 * record_size_limit, ALPN), TLS_FALLBACK_SCSV, and what TLS 1.3 encrypts, read by {@link Tls13Peek}.
 */
final class FeatureProbes {
    /** ALPN protocol ids asked about one at a time (IANA "TLS ALPN Protocol IDs", the ones servers answer). */
    static final List<String> ALPN = List.of("h2", "http/1.1", "http/1.0", "spdy/3.1", "h3", "acme-tls/1");

    private final Probes probes;
    private final ProtocolVersion top;
    private Future<Answer> features;
    private Future<Answer> etm;
    private Future<Answer> compression;
    private Future<Boolean> fallback;
    private Future<Tls13Peek.Result> peek;
    private final Map<String, Future<Boolean>> alpn = new LinkedHashMap<>();

    private FeatureProbes(Probes probes, ProtocolVersion top) {
        this.probes = probes;
        this.top = top;
    }

    /**
     * Submits the probes: the legacy ones at {@code top} (the highest version below 1.3, or null), the TLS 1.3
     * peek when {@code tls13}, ALPN on TLS 1.3 when there is no {@code top} to ask.
     */
    static FeatureProbes start(ExecutorService pool, Probes probes, ProtocolVersion top, boolean tls13,
            List<ProtocolVersion> supported) {
        FeatureProbes f = new FeatureProbes(probes, top);
        if (top != null) {
            List<CipherSuite> all = Hellos.suitesFor(top);
            String at = " " + top.displayName();
            f.features = pool.submit(() -> probes.offer("features" + at, top, all, UnaryOperator.identity(), true));
            List<CipherSuite> cbc = all.stream().filter(s -> !s.isAead() && !s.isRc4() && !s.isNullCipher()).toList();
            f.etm = pool.submit(() -> probes.offer("encrypt_then_mac" + at, top, cbc, UnaryOperator.identity(), false));
            f.compression = pool.submit(() -> probes.offer("compression" + at, top, all,
                    b -> b.compressionMethods(1, 0), false));
            for (String p : ALPN) {
                f.alpn.put(p, pool.submit(() -> {
                    Answer a = probes.offer("ALPN " + p + at, top, all, b -> b.alpn(p), false);
                    return a.accepted() && p.equals(a.hello().applicationProtocol());
                }));
            }
        }
        if (tls13) {
            f.peek = pool.submit(() -> f.peek13("TLS 1.3 encrypted flight", UnaryOperator.identity(), true));
            if (top == null) {
                for (String p : ALPN) {
                    f.alpn.put(p, pool.submit(() -> {
                        Tls13Peek.Result r = f.peek13("ALPN " + p + " TLS 1.3", b -> b.alpn(p), false);
                        Extension e = r.flight() != null ? r.flight().encrypted(
                                ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION) : null;
                        return e != null && p.equals(e.alpnProtocol());
                    }));
                }
            }
        }
        f.fallback = f.fallback(pool, supported);
        return f;
    }

    /** The suites {@link Tls13Peek} can decrypt with the JDK: TLS 1.3's AES-GCM and ChaCha20-Poly1305. */
    static int[] peekSuites() {
        return Hellos.tls13Suites().stream().filter(s -> Tls13Secrets.forSuite(s.code()) != null)
                .mapToInt(CipherSuite::code).toArray();
    }

    Tls13Peek.Result peek13(String purpose, UnaryOperator<ClientHelloBuilder> extra, boolean finish) {
        Tls13Peek.Result r = Tls13Peek.run(probes.prober(), extra.apply(Hellos.peek(peekSuites(),
                probes.serverName())), finish);
        probes.logged(purpose, r.answer());
        return r;
    }

    /** TLS_FALLBACK_SCSV on the second-highest version: true when refused with inappropriate_fallback. */
    private Future<Boolean> fallback(ExecutorService pool, List<ProtocolVersion> supported) {
        List<ProtocolVersion> tls = supported.stream().filter(v -> v != ProtocolVersion.SSL2).toList();
        if (tls.size() < 2) {
            return pool.submit(() -> null);
        }
        ProtocolVersion lower = tls.get(tls.size() - 2);
        CipherSuite scsv = CipherSuite.named("TLS_FALLBACK_SCSV");
        return pool.submit(() -> {
            int[] codes = Hellos.codes(Hellos.suitesFor(lower));
            int[] withScsv = Arrays.copyOf(codes, codes.length + 1);
            withScsv[codes.length] = scsv.code();
            Answer a = probes.probe("fallback " + lower.displayName() + " with TLS_FALLBACK_SCSV",
                    Hellos.legacy(lower, withScsv, probes.serverName()), false);
            if (a.kind() == Answer.Kind.ALERT) {
                return a.alert().description() == AlertDescription.INAPPROPRIATE_FALLBACK.code();
            }
            return a.accepted() ? Boolean.FALSE : null;
        });
    }

    /** The plaintext chain of the legacy features probe (TLS 1.2 and older), else empty. */
    List<X509Certificate> plaintextChain() {
        return features == null ? List.of() : Scanner.get(features).chain();
    }

    Features collect() {
        Answer f = features != null ? Scanner.get(features) : null;
        ServerHello h = f != null && f.accepted() ? f.hello() : null;
        Tls13Peek.Result r = peek != null ? Scanner.get(peek) : null;
        Tls13Peek.Flight flight = r != null ? r.flight() : null;
        List<String> protocols = new ArrayList<>();
        alpn.forEach((p, fut) -> {
            if (Scanner.get(fut)) {
                protocols.add(p);
            }
        });
        Answer e = etm != null ? Scanner.get(etm) : null;
        Answer c = compression != null ? Scanner.get(compression) : null;
        boolean stapling = has(h, ExtensionType.STATUS_REQUEST)
                || flight != null && flight.leafHas(ExtensionType.STATUS_REQUEST);
        boolean sct = has(h, ExtensionType.SIGNED_CERTIFICATE_TIMESTAMP)
                || flight != null && flight.leafHas(ExtensionType.SIGNED_CERTIFICATE_TIMESTAMP);
        boolean tickets = has(h, ExtensionType.SESSION_TICKET)
                || flight != null && Boolean.TRUE.equals(flight.ticket());
        int limit = recordSizeLimit(h != null ? h.extension(ExtensionType.RECORD_SIZE_LIMIT)
                : flight != null ? flight.encrypted(ExtensionType.RECORD_SIZE_LIMIT) : null);
        Boolean early = null;
        String earlyNote;
        if (r == null) {
            earlyNote = "not probed: no TLS 1.3";
        } else if (flight == null) {
            earlyNote = "not probed: " + r.problem();
        } else if (flight.ticket() == null || !flight.ticket()) {
            earlyNote = "not probed: no session ticket came within " + Tls13Peek.TICKET_WAIT.toMillis() + " ms"
                    + (flight.clientCertificateRequested() ? " (the server asked for a client certificate; none sent)"
                            : "");
        } else {
            early = flight.maxEarlyData() > 0;
            earlyNote = early ? "up to " + flight.maxEarlyData() + " bytes on resumption" : "the ticket allows none";
        }
        return new Features(has(h, ExtensionType.EXTENDED_MASTER_SECRET), has(h, ExtensionType.RENEGOTIATION_INFO),
                e != null && e.accepted() && e.hello().extension(ExtensionType.ENCRYPT_THEN_MAC) != null,
                stapling, tickets, has(h, ExtensionType.HEARTBEAT),
                c != null && c.accepted() && c.hello().compressionMethod() > 0,
                Scanner.get(fallback), protocols, sct, limit, early, earlyNote);
    }

    private static boolean has(ServerHello h, ExtensionType type) {
        return h != null && h.extension(type) != null;
    }

    /** RFC 8449's RecordSizeLimit: one u16; -1 when absent or malformed. */
    private static int recordSizeLimit(Extension e) {
        return e == null || e.data().length != 2 ? -1 : ((e.data()[0] & 0xFF) << 8) | (e.data()[1] & 0xFF);
    }
}
