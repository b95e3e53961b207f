package dev.tlskit.engine.scan;

import dev.tlskit.engine.IpFamily;
import dev.tlskit.engine.IpLiteral;
import dev.tlskit.engine.scan.ScanReport.Features;
import dev.tlskit.engine.scan.ScanReport.ProbeLog;
import dev.tlskit.engine.scan.ScanReport.VersionResult;
import dev.tlskit.engine.scan.ScanReport.VersionSuites;
import dev.tlskit.engine.wire.AlertDescription;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.ClientHelloBuilder;
import dev.tlskit.engine.wire.ExtensionType;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.ServerHello;
import dev.tlskit.engine.wire.SignatureScheme;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Finds what a TLS server supports by sending it ClientHellos, one per fresh TCP connection, and reading its first
 * answer: versions, cipher suites per version and their order, groups, DHE sizes, the extensions it echoes,
 * fallback protection, and (through a real handshake with the engine) the certificate. Up to
 * {@link ScanSettings#parallel()} probes are in flight at once. One scanner per target; {@link #scan} once.
 */
public final class Scanner {
    /** Versions probed, oldest first. */
    static final List<ProtocolVersion> VERSIONS = List.of(ProtocolVersion.SSL2, ProtocolVersion.SSL3,
            ProtocolVersion.TLS10, ProtocolVersion.TLS11, ProtocolVersion.TLS12, ProtocolVersion.TLS13);
    /** Suites per hello once a server has reset or closed on the full offer. */
    static final int CHUNK = 48;
    /** ALPN protocol ids asked about one at a time (IANA "TLS ALPN Protocol IDs", the ones servers answer). */
    private static final List<String> ALPN = List.of("h2", "http/1.1", "http/1.0", "spdy/3.1", "h3", "acme-tls/1");
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ScanTarget target;
    private final ScanSettings settings;
    private final List<ProbeLog> probes = Collections.synchronizedList(new ArrayList<>());
    private Prober prober;
    private String serverName;
    private volatile int chunk = Integer.MAX_VALUE;

    public Scanner(ScanTarget target, ScanSettings settings) {
        this.target = target;
        this.settings = settings;
    }

    /** Scans the target; never throws for what the target does (that is in the report). */
    public ScanReport scan() throws InterruptedException {
        long start = System.nanoTime();
        InetAddress address;
        try {
            address = resolve();
        } catch (UnknownHostException e) {
            return failed(null, "cannot resolve " + target.host() + ": " + e.getMessage(), List.of(), start);
        }
        prober = new Prober(new InetSocketAddress(address, target.port()), settings.connectTimeout(),
                settings.probeTimeout());
        serverName = settings.serverName() != null ? settings.serverName()
                : IpLiteral.is(target.host()) ? null : target.host();
        String ip = address.getHostAddress();
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallel(), r -> {
            Thread t = new Thread(r, "tlskit-scan-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Map<ProtocolVersion, Answer> versions = versions(pool);
            boolean any = versions.values().stream().anyMatch(Answer::accepted);
            boolean choked = versions.entrySet().stream().anyMatch(e -> e.getKey() != ProtocolVersion.SSL2
                    && e.getKey() != ProtocolVersion.TLS13
                    && (e.getValue().kind() == Answer.Kind.RESET || e.getValue().kind() == Answer.Kind.CLOSED));
            if (choked) {
                // Perhaps it chokes on big hellos: offer in chunks and ask again; keep chunks if that found more.
                chunk = CHUNK;
                Map<ProtocolVersion, Answer> again = versions(pool);
                if (count(again) > count(versions)) {
                    versions = again;
                    any = true;
                } else {
                    chunk = Integer.MAX_VALUE;
                }
            }
            List<VersionResult> versionResults = new ArrayList<>();
            for (ProtocolVersion v : VERSIONS) {
                versionResults.add(new VersionResult(v, supported(v, versions.get(v)), versions.get(v)));
            }
            if (!any && versions.values().stream().noneMatch(Answer::spoke)) {
                Answer tls12 = versions.get(ProtocolVersion.TLS12);
                return failed(ip, describe(tls12), versionResults, start);
            }
            return details(pool, ip, versionResults, start);
        } finally {
            pool.shutdownNow();
        }
    }

    private ScanReport details(ExecutorService pool, String ip, List<VersionResult> versionResults, long start)
            throws InterruptedException {
        List<ProtocolVersion> supported = versionResults.stream().filter(VersionResult::supported)
                .map(VersionResult::version).toList();
        List<ProtocolVersion> legacy = supported.stream()
                .filter(v -> v != ProtocolVersion.SSL2 && v != ProtocolVersion.TLS13).toList();
        ProtocolVersion top = legacy.isEmpty() ? null : legacy.get(legacy.size() - 1);
        boolean tls13 = supported.contains(ProtocolVersion.TLS13);

        Map<ProtocolVersion, Future<VersionSuites>> suiteJobs = new EnumMap<>(ProtocolVersion.class);
        for (ProtocolVersion v : legacy) {
            suiteJobs.put(v, pool.submit(() -> legacySuites(v)));
        }
        Map<CipherSuite, Future<Answer>> tls13Suites = new LinkedHashMap<>();
        Map<NamedGroup, Future<Answer>> tls13Groups = new LinkedHashMap<>();
        if (tls13) {
            for (CipherSuite s : Hellos.tls13Suites()) {
                tls13Suites.put(s, pool.submit(() -> probe("suite " + s.ianaName() + " TLS 1.3",
                        Hellos.tls13(new int[] {s.code()}, codes(Hellos.tls13Groups()), serverName), false)));
            }
            int[] suites13 = Hellos.codes(Hellos.tls13Suites());
            for (NamedGroup g : Hellos.tls13Groups()) {
                tls13Groups.put(g, pool.submit(() -> probe("group " + g.ianaName() + " TLS 1.3",
                        Hellos.tls13(suites13, new int[] {g.code()}, serverName), false)));
            }
        }
        Map<NamedGroup, Future<Answer>> ecdhe = new LinkedHashMap<>();
        Future<Answer> dhe = null;
        Future<Answer> features = null;
        Future<Answer> etm = null;
        Future<Answer> compression = null;
        Map<String, Future<Answer>> alpn = new LinkedHashMap<>();
        if (top != null) {
            List<CipherSuite> all = Hellos.suitesFor(top);
            List<CipherSuite> ecdheSuites = all.stream().filter(CipherSuite::isEcdhe).toList();
            for (int g : Hellos.ellipticGroups()) {
                NamedGroup group = NamedGroup.of(g);
                ecdhe.put(group, pool.submit(() -> offer("group " + group.ianaName() + " " + top.displayName(), top,
                        ecdheSuites, b -> b.supportedGroups(g), true)));
            }
            List<CipherSuite> dheSuites = all.stream().filter(CipherSuite::isFiniteFieldDhe).toList();
            dhe = pool.submit(() -> offer("DHE parameters " + top.displayName(), top, dheSuites, b -> b, true));
            features = pool.submit(() -> offer("features " + top.displayName(), top, all, b -> b, true));
            List<CipherSuite> cbc = all.stream().filter(s -> !s.isAead() && !s.isRc4() && !s.isNullCipher()).toList();
            etm = pool.submit(() -> offer("encrypt_then_mac " + top.displayName(), top, cbc, b -> b, false));
            compression = pool.submit(() -> offer("compression " + top.displayName(), top, all,
                    b -> b.compressionMethods(1, 0), false));
            for (String p : ALPN) {
                alpn.put(p, pool.submit(() -> offer("ALPN " + p + " " + top.displayName(), top, all,
                        b -> b.alpn(p), false)));
            }
        }
        // TLS 1.2 where the server has it: its ServerKeyExchange names the scheme it signed with, in plaintext.
        // TLS 1.3 only from the ServerHello: a server that picks its certificate later accepts any scheme there.
        ProtocolVersion sigVersion = supported.contains(ProtocolVersion.TLS12) ? ProtocolVersion.TLS12
                : tls13 ? ProtocolVersion.TLS13 : null;
        Map<SignatureScheme, Future<Answer>> sigJobs = new LinkedHashMap<>();
        if (sigVersion != null) {
            // TLS 1.2: only suites whose key exchange the server signs (RSA key transport needs no signature)
            List<CipherSuite> signed = Hellos.suitesFor(ProtocolVersion.TLS12).stream()
                    .filter(cs -> (cs.keyExchange() == CipherSuite.KeyExchange.ECDHE
                            || cs.keyExchange() == CipherSuite.KeyExchange.DHE)
                            && (cs.authentication() == CipherSuite.Authentication.RSA
                            || cs.authentication() == CipherSuite.Authentication.ECDSA
                            || cs.authentication() == CipherSuite.Authentication.DSS))
                    .toList();
            int[] suites13 = Hellos.codes(Hellos.tls13Suites());
            for (SignatureScheme sig : SignatureScheme.values()) {
                String purpose = "signature " + sig.ianaName() + " " + sigVersion.displayName();
                sigJobs.put(sig, pool.submit(() -> sigVersion == ProtocolVersion.TLS13
                        ? probe(purpose, Hellos.tls13(suites13, codes(Hellos.tls13Groups()), serverName)
                                .signatureAlgorithms(sig.code()), false)
                        : offer(purpose, ProtocolVersion.TLS12, signed, b -> b.signatureAlgorithms(sig.code()), true)));
            }
        }
        Future<Boolean> fallback = fallback(pool, supported);
        Future<CertificateCheck.Result> handshake = pool.submit(() -> CertificateCheck.handshake(target, settings,
                serverName));

        List<VersionSuites> suites = new ArrayList<>();
        for (ProtocolVersion v : legacy) {
            suites.add(get(suiteJobs.get(v)));
        }
        if (tls13) {
            List<CipherSuite> accepted = new ArrayList<>();
            tls13Suites.forEach((s, f) -> {
                Answer a = get(f);
                if (a.accepted() && a.hello().cipherSuite() == s.code()) {
                    accepted.add(s);
                }
            });
            suites.add(order(ProtocolVersion.TLS13, accepted, false));
        }
        List<NamedGroup> groups13 = new ArrayList<>();
        tls13Groups.forEach((g, f) -> {
            Answer a = get(f);
            if (a.accepted() && a.hello().keyShareGroup() == g.code()) {
                groups13.add(g);
            }
        });
        List<NamedGroup> groups12 = new ArrayList<>();
        ecdhe.forEach((g, f) -> {
            Answer a = get(f);
            if (a.accepted() && a.keyExchange() != null && a.keyExchange().namedGroup() == g.code()) {
                groups12.add(g);
            }
        });
        List<SignatureScheme> sigs = new ArrayList<>();
        sigJobs.forEach((sig, f) -> {
            Answer a = get(f);
            if (a.accepted() && a.hello().negotiatedVersion() == sigVersion.code()
                    && (sigVersion == ProtocolVersion.TLS13 || a.keyExchangeSignature() == sig.code())) {
                sigs.add(sig);
            }
        });
        int dhBits = -1;
        if (dhe != null) {
            Answer a = get(dhe);
            if (a.accepted() && a.keyExchange() != null) {
                dhBits = a.keyExchange().dhPrimeBits();
            }
        }
        Features feats = Features.none();
        List<java.security.cert.X509Certificate> plaintextChain = List.of();
        if (features != null) {
            Answer f = get(features);
            ServerHello h = f.accepted() ? f.hello() : null;
            Answer e = get(etm);
            Answer c = get(compression);
            List<String> protocols = new ArrayList<>();
            alpn.forEach((p, fut) -> {
                Answer a = get(fut);
                if (a.accepted() && p.equals(a.hello().applicationProtocol())) {
                    protocols.add(p);
                }
            });
            feats = new Features(
                    h != null && h.extension(ExtensionType.EXTENDED_MASTER_SECRET) != null,
                    h != null && h.extension(ExtensionType.RENEGOTIATION_INFO) != null,
                    e.accepted() && e.hello().extension(ExtensionType.ENCRYPT_THEN_MAC) != null,
                    h != null && h.extension(ExtensionType.STATUS_REQUEST) != null,
                    h != null && h.extension(ExtensionType.SESSION_TICKET) != null,
                    h != null && h.extension(ExtensionType.HEARTBEAT) != null,
                    c.accepted() && c.hello().compressionMethod() > 0,
                    get(fallback), protocols);
            plaintextChain = f.chain();
        } else {
            feats = new Features(false, false, false, false, false, false, false, get(fallback), List.of());
        }
        CertificateCheck.Result hs = get(handshake);
        CertificateReport cert = CertificateCheck.report(hs, plaintextChain, target, serverName, settings);
        ScanReport partial = new ScanReport(target, ip, null, versionResults, suites, groups13, groups12, dhBits,
                sigVersion, sigs, feats, cert, List.of(), snapshot(), 0, suitesPerHello());
        List<Finding> findings = Findings.of(partial);
        return new ScanReport(target, ip, null, versionResults, suites, groups13, groups12, dhBits,
                sigVersion, sigs, feats, cert, findings, snapshot(), ms(start), suitesPerHello());
    }

    /** The versions phase: one probe per version, side by side. */
    private Map<ProtocolVersion, Answer> versions(ExecutorService pool) throws InterruptedException {
        Map<ProtocolVersion, Future<Answer>> jobs = new EnumMap<>(ProtocolVersion.class);
        jobs.put(ProtocolVersion.SSL2, pool.submit(() -> probe("version SSL 2.0", Hellos.ssl2(), false)));
        for (ProtocolVersion v : VERSIONS) {
            if (v == ProtocolVersion.TLS13) {
                jobs.put(v, pool.submit(() -> probe("version TLS 1.3", Hellos.tls13(
                        Hellos.codes(Hellos.tls13Suites()), codes(Hellos.tls13Groups()), serverName), false)));
            } else if (v != ProtocolVersion.SSL2) {
                jobs.put(v, pool.submit(() -> offer("version " + v.displayName(), v, Hellos.suitesFor(v),
                        b -> b, false)));
            }
        }
        Map<ProtocolVersion, Answer> out = new EnumMap<>(ProtocolVersion.class);
        for (Map.Entry<ProtocolVersion, Future<Answer>> e : jobs.entrySet()) {
            out.put(e.getKey(), getChecked(e.getValue()));
        }
        return out;
    }

    private static long count(Map<ProtocolVersion, Answer> versions) {
        return versions.entrySet().stream().filter(e -> supported(e.getKey(), e.getValue())).count();
    }

    private static boolean supported(ProtocolVersion v, Answer a) {
        if (v == ProtocolVersion.SSL2) {
            return a.kind() == Answer.Kind.SSL2_SERVER_HELLO;
        }
        return a.accepted() && a.hello().negotiatedVersion() == v.code();
    }

    /**
     * Every suite {@code v} accepts: offer all, drop the one chosen, offer again, until the server refuses; then
     * its order (see {@link #order}).
     */
    private VersionSuites legacySuites(ProtocolVersion v) {
        List<CipherSuite> remaining = new ArrayList<>(Hellos.suitesFor(v));
        List<CipherSuite> found = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Answer a = offer("suites " + v.displayName() + " (" + remaining.size() + " offered)", v, remaining,
                    b -> b, false);
            CipherSuite chosen = a.accepted() && a.hello().negotiatedVersion() == v.code()
                    ? CipherSuite.of(a.hello().cipherSuite()) : null;
            if (chosen == null || !remaining.remove(chosen)) {
                break;
            }
            found.add(chosen);
        }
        return order(v, found, chunk != Integer.MAX_VALUE);
    }

    /**
     * The server's order among {@code found}: offered in registry order and reversed; the same pick means the
     * server's own order. {@code found} is that order already, unless the offers were chunked ({@code reorder}):
     * then it is found again by offering the rest each time. A client's order is reported in registry order.
     */
    private VersionSuites order(ProtocolVersion v, List<CipherSuite> found, boolean reorder) {
        if (found.size() < 2) {
            return new VersionSuites(v, found, null);
        }
        List<CipherSuite> registryOrder = new ArrayList<>(found);
        registryOrder.sort((a, b) -> Integer.compare(a.code(), b.code()));
        List<CipherSuite> reversed = new ArrayList<>(registryOrder);
        Collections.reverse(reversed);
        int first = pick(v, registryOrder, "order " + v.displayName() + " forward");
        int back = pick(v, reversed, "order " + v.displayName() + " reversed");
        if (first < 0 || first != back) {
            return new VersionSuites(v, registryOrder, first < 0 ? null : false);
        }
        if (!reorder && v != ProtocolVersion.TLS13) {
            return new VersionSuites(v, found, true);
        }
        List<CipherSuite> rest = new ArrayList<>(registryOrder);
        List<CipherSuite> ordered = new ArrayList<>();
        while (rest.size() > 1) {
            int p = pick(v, rest, "order " + v.displayName() + " (" + rest.size() + " offered)");
            CipherSuite s = CipherSuite.of(p);
            if (s == null || !rest.remove(s)) {
                break;
            }
            ordered.add(s);
        }
        ordered.addAll(rest);
        return new VersionSuites(v, ordered, true);
    }

    private int pick(ProtocolVersion v, List<CipherSuite> offer, String purpose) {
        Answer a = v == ProtocolVersion.TLS13
                ? probe(purpose, Hellos.tls13(Hellos.codes(offer), codes(Hellos.tls13Groups()), serverName), false)
                : offer(purpose, v, offer, b -> b, false);
        return a.accepted() ? a.hello().cipherSuite() : -1;
    }

    /** TLS_FALLBACK_SCSV on the second-highest version: true when refused with inappropriate_fallback. */
    private Future<Boolean> fallback(ExecutorService pool, List<ProtocolVersion> supported) {
        List<ProtocolVersion> tls = supported.stream().filter(v -> v != ProtocolVersion.SSL2).toList();
        if (tls.size() < 2) {
            return pool.submit(() -> null);
        }
        ProtocolVersion lower = tls.get(tls.size() - 2);
        CipherSuite scsv = CipherSuite.named("TLS_FALLBACK_SCSV");
        List<CipherSuite> suites = new ArrayList<>(Hellos.suitesFor(lower));
        return pool.submit(() -> {
            int[] codes = Hellos.codes(suites);
            int[] withScsv = java.util.Arrays.copyOf(codes, codes.length + 1);
            withScsv[codes.length] = scsv.code();
            Answer a = probe("fallback " + lower.displayName() + " with TLS_FALLBACK_SCSV",
                    Hellos.legacy(lower, withScsv, serverName), false);
            if (a.kind() == Answer.Kind.ALERT) {
                return a.alert().description() == AlertDescription.INAPPROPRIATE_FALLBACK.code();
            }
            return a.accepted() ? Boolean.FALSE : null;
        });
    }

    /**
     * Offers {@code suites} at {@code v} (in chunks once the server has choked on a big hello), with
     * {@code extra} applied to each hello: the first acceptance, else the last refusal.
     */
    private Answer offer(String purpose, ProtocolVersion v, List<CipherSuite> suites,
            Function<ClientHelloBuilder, ClientHelloBuilder> extra, boolean flight) {
        if (suites.isEmpty()) {
            return Answer.of(Answer.Kind.CLOSED, "nothing to offer", 0);
        }
        Answer last = null;
        for (int i = 0; i < suites.size(); i += chunk) {
            List<CipherSuite> part = suites.subList(i, Math.min(suites.size(), i + chunk));
            String p = chunk == Integer.MAX_VALUE ? purpose : purpose + " [chunk " + (i / chunk + 1) + "]";
            Answer a = probe(p, extra.apply(Hellos.legacy(v, Hellos.codes(part), serverName)), flight);
            if (a.accepted() || a.unreachable()) {
                return a;
            }
            if (last == null || a.spoke()) {
                last = a;
            }
        }
        return last;
    }

    private Answer probe(String purpose, ClientHelloBuilder hello, boolean flight) {
        return probe(purpose, hello.record(), flight);
    }

    private Answer probe(String purpose, byte[] hello, boolean flight) {
        Answer a = prober.probe(hello, flight);
        probes.add(new ProbeLog(purpose, a));
        return a;
    }

    private InetAddress resolve() throws UnknownHostException {
        InetAddress[] all = InetAddress.getAllByName(target.host());
        for (InetAddress a : all) {
            if (settings.family() == IpFamily.ANY || (settings.family() == IpFamily.IPV4 && a instanceof Inet4Address)
                    || (settings.family() == IpFamily.IPV6 && a instanceof Inet6Address)) {
                return a;
            }
        }
        throw new UnknownHostException("no " + (settings.family() == IpFamily.IPV4 ? "IPv4" : "IPv6")
                + " address");
    }

    private static String describe(Answer a) {
        return switch (a.kind()) {
            case REFUSED -> "connection refused: nothing listening";
            case UNREACHABLE -> "cannot connect: " + a.detail();
            case TIMEOUT -> "no answer: the server accepted the connection but sent nothing (" + a.detail() + ")";
            case NOT_TLS -> "not TLS: the server answered with " + a.detail();
            case RESET -> "the server reset every hello: " + a.detail();
            case CLOSED -> "the server closed every hello without an answer";
            default -> a.summary();
        };
    }

    private ScanReport failed(String ip, String why, List<VersionResult> versions, long start) {
        return new ScanReport(target, ip, why, versions, List.of(), List.of(), List.of(), -1, null, List.of(),
                Features.none(), null,
                List.of(), snapshot(), ms(start), suitesPerHello());
    }

    private int suitesPerHello() {
        return chunk == Integer.MAX_VALUE ? 0 : chunk;
    }

    private List<ProbeLog> snapshot() {
        synchronized (probes) {
            return List.copyOf(probes);
        }
    }

    private static int[] codes(List<NamedGroup> groups) {
        return groups.stream().mapToInt(NamedGroup::code).toArray();
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("probe failed: " + e.getCause(), e.getCause());
        }
    }

    private static <T> T getChecked(Future<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("probe failed: " + e.getCause(), e.getCause());
        }
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
