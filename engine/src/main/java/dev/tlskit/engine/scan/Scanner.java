package dev.tlskit.engine.scan;

import dev.tlskit.engine.model.IpLiteral;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.scan.ScanReport.CertificateKey;
import dev.tlskit.engine.scan.ScanReport.Features;
import dev.tlskit.engine.scan.ScanReport.Resumption;
import dev.tlskit.engine.scan.ScanReport.VersionResult;
import dev.tlskit.engine.scan.ScanReport.VersionSuites;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.ProtocolVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Finds what a TLS server supports by sending it ClientHellos, one per fresh TCP connection, and reading its first
 * answer: versions, cipher suites per version and their order ({@link SuiteProbes}), groups, DHE sizes,
 * signature schemes ({@link SignatureProbes}), the certificates it has ({@link KeyProbes}), features
 * ({@link FeatureProbes}, TLS 1.3's encrypted ones through {@link Tls13Peek}), and through real handshakes with
 * the engine the certificate's verdicts and resumption. Up to {@link ScanSettings#parallel()} probes are in
 * flight at once. One scanner per target; {@link #scan} once.
 */
public final class Scanner {
    /** Versions probed, oldest first. */
    static final List<ProtocolVersion> VERSIONS = List.of(ProtocolVersion.SSL2, ProtocolVersion.SSL3,
            ProtocolVersion.TLS10, ProtocolVersion.TLS11, ProtocolVersion.TLS12, ProtocolVersion.TLS13);
    /** Suites per hello once a server has reset or closed on the full offer. */
    static final int CHUNK = 48;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ScanTarget target;
    private final ScanSettings settings;
    private final ScanListener listener;
    private Probes probes;

    public Scanner(ScanTarget target, ScanSettings settings) {
        this(target, settings, ScanListener.NONE);
    }

    /** A scanner that tells {@code listener} of each probe's answer as it comes. */
    public Scanner(ScanTarget target, ScanSettings settings, ScanListener listener) {
        this.target = target;
        this.settings = settings;
        this.listener = listener;
    }

    /** Scans the target; never throws for what the target does (that is in the report). */
    public ScanReport scan() throws InterruptedException {
        long start = System.nanoTime();
        InetAddress address;
        try {
            address = settings.family().addresses(target.host()).get(0);
        } catch (UnknownHostException e) {
            return failed(null, "cannot resolve " + target.host() + ": " + e.getMessage(), List.of(), start);
        }
        String serverName = settings.serverName() != null ? settings.serverName()
                : IpLiteral.is(target.host()) ? null : target.host();
        probes = new Probes(new Prober(new InetSocketAddress(address, target.port()), settings.connectTimeout(),
                settings.probeTimeout(), settings.prelude()), serverName, listener);
        String ip = address.getHostAddress();
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallel(), r -> {
            Thread t = new Thread(r, "tlskit-scan-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Map<ProtocolVersion, Answer> versions = versions(pool);
            boolean choked = versions.entrySet().stream().anyMatch(e -> e.getKey() != ProtocolVersion.SSL2
                    && e.getKey() != ProtocolVersion.TLS13
                    && (e.getValue().kind() == Answer.Kind.RESET || e.getValue().kind() == Answer.Kind.CLOSED));
            if (choked) {
                // Perhaps it chokes on big hellos: offer in chunks and ask again; keep chunks if that found more.
                probes.chunk(CHUNK);
                Map<ProtocolVersion, Answer> again = versions(pool);
                if (count(again) > count(versions)) {
                    versions = again;
                } else {
                    probes.chunk(Integer.MAX_VALUE);
                }
            }
            List<VersionResult> versionResults = new ArrayList<>();
            for (ProtocolVersion v : VERSIONS) {
                versionResults.add(new VersionResult(v, supported(v, versions.get(v)), versions.get(v)));
            }
            if (versions.values().stream().noneMatch(Answer::spoke)) {
                return failed(ip, describe(versions.get(ProtocolVersion.TLS12)), versionResults, start);
            }
            return details(pool, ip, versionResults, start);
        } finally {
            pool.shutdownNow();
        }
    }

    private ScanReport details(ExecutorService pool, String ip, List<VersionResult> versionResults, long start) {
        List<ProtocolVersion> supported = versionResults.stream().filter(VersionResult::supported)
                .map(VersionResult::version).toList();
        List<ProtocolVersion> legacy = supported.stream()
                .filter(v -> v != ProtocolVersion.SSL2 && v != ProtocolVersion.TLS13).toList();
        ProtocolVersion top = legacy.isEmpty() ? null : legacy.get(legacy.size() - 1);
        boolean tls12 = supported.contains(ProtocolVersion.TLS12);
        boolean tls13 = supported.contains(ProtocolVersion.TLS13);

        SuiteProbes suiteProbes = new SuiteProbes(probes);
        Map<ProtocolVersion, Future<VersionSuites>> suiteJobs = new EnumMap<>(ProtocolVersion.class);
        for (ProtocolVersion v : legacy) {
            suiteJobs.put(v, pool.submit(() -> suiteProbes.legacy(v)));
        }
        Map<CipherSuite, Future<Boolean>> tls13Suites = new LinkedHashMap<>();
        if (tls13) {
            for (CipherSuite s : Hellos.tls13Suites()) {
                tls13Suites.put(s, pool.submit(() -> suiteProbes.tls13Accepts(s)));
            }
        }
        Groups groups = Groups.start(pool, probes, top, tls13);
        FeatureProbes features = FeatureProbes.start(pool, probes, top, tls13, supported);
        SignatureProbes sigs = SignatureProbes.start(pool, probes, features, tls12 ? ProtocolVersion.TLS12
                : tls13 ? ProtocolVersion.TLS13 : null);
        KeyProbes keys = KeyProbes.start(pool, probes, features, tls12, tls13);
        Future<CertificateCheck.Result> handshake = pool.submit(() -> CertificateCheck.handshake(target, settings,
                probes.serverName()));
        Future<Resumption.Result> resume12 = tls12 ? pool.submit(() -> ResumptionCheck.resumes(target, settings,
                probes.serverName(), TlsVersion.TLS_1_2)) : null;
        Future<Resumption.Result> resume13 = tls13 ? pool.submit(() -> ResumptionCheck.resumes(target, settings,
                probes.serverName(), TlsVersion.TLS_1_3)) : null;

        List<VersionSuites> suites = new ArrayList<>();
        for (ProtocolVersion v : legacy) {
            suites.add(get(suiteJobs.get(v)));
        }
        if (tls13) {
            List<CipherSuite> accepted = new ArrayList<>();
            tls13Suites.forEach((s, f) -> {
                if (get(f)) {
                    accepted.add(s);
                }
            });
            suites.add(suiteProbes.order(ProtocolVersion.TLS13, accepted, false));
        }
        Features feats = features.collect();
        List<CertificateKey> certificateKeys = keys.collect();
        CertificateReport cert = CertificateCheck.report(get(handshake), features.plaintextChain(), target,
                probes.serverName(), settings);
        Resumption resumption = new Resumption(resume12 != null ? get(resume12) : null,
                resume13 != null ? get(resume13) : null);
        ScanReport partial = new ScanReport(target, ip, null, versionResults, suites, groups.tls13(),
                groups.ecdhe(), groups.dhBits(), sigs.version(), sigs.collect(), feats, cert, List.of(),
                probes.snapshot(), 0, probes.suitesPerHello(), certificateKeys, resumption);
        return new ScanReport(target, ip, null, versionResults, suites, partial.tls13Groups(), partial.ecdheGroups(),
                partial.dhBits(), partial.signatureVersion(), partial.signatureSchemes(), feats, cert,
                Findings.of(partial), probes.snapshot(), ms(start), probes.suitesPerHello(), certificateKeys,
                resumption);
    }

    /** The versions phase: one probe per version, side by side. */
    private Map<ProtocolVersion, Answer> versions(ExecutorService pool) throws InterruptedException {
        Map<ProtocolVersion, Future<Answer>> jobs = new EnumMap<>(ProtocolVersion.class);
        jobs.put(ProtocolVersion.SSL2, pool.submit(() -> probes.probe("version SSL 2.0", Hellos.ssl2(), false)));
        for (ProtocolVersion v : VERSIONS) {
            if (v == ProtocolVersion.TLS13) {
                jobs.put(v, pool.submit(() -> probes.probe("version TLS 1.3",
                        probes.tls13(Hellos.codes(Hellos.tls13Suites()), UnaryOperator.identity()), false)));
            } else if (v != ProtocolVersion.SSL2) {
                jobs.put(v, pool.submit(() -> probes.offer("version " + v.displayName(), v, Hellos.suitesFor(v),
                        UnaryOperator.identity(), false)));
            }
        }
        Map<ProtocolVersion, Answer> out = new EnumMap<>(ProtocolVersion.class);
        for (Map.Entry<ProtocolVersion, Future<Answer>> e : jobs.entrySet()) {
            try {
                out.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException x) {
                throw new IllegalStateException("probe failed: " + x.getCause(), x.getCause());
            }
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

    private static String describe(Answer a) {
        return switch (a.kind()) {
            case REFUSED -> "connection refused: nothing listening";
            case UNREACHABLE -> "cannot connect: " + a.detail();
            case TIMEOUT -> "no answer: the server accepted the connection but sent nothing (" + a.detail() + ")";
            case NOT_TLS -> "not TLS: the server answered with " + a.detail();
            case STARTTLS_FAILED -> "STARTTLS failed: " + a.detail();
            case RESET -> "the server reset every hello: " + a.detail();
            case CLOSED -> "the server closed every hello without an answer";
            default -> a.summary();
        };
    }

    private ScanReport failed(String ip, String why, List<VersionResult> versions, long start) {
        return new ScanReport(target, ip, why, versions, List.of(), List.of(), List.of(), -1, null, List.of(),
                Features.none(), null, List.of(), probes != null ? probes.snapshot() : List.of(), ms(start),
                probes != null ? probes.suitesPerHello() : 0, List.of(), Resumption.none());
    }

    /** A probe job's value; a probe that threw is a bug, reported as such. */
    static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("probe failed: " + e.getCause(), e.getCause());
        }
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
