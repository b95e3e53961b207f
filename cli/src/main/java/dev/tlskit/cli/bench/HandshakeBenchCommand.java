package dev.tlskit.cli.bench;

import dev.tlskit.certs.Identity;
import dev.tlskit.certs.KeyType;
import dev.tlskit.cli.Json;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.OptionGroup;
import dev.tlskit.engine.CipherSuites;
import dev.tlskit.engine.EventLoopServer;
import dev.tlskit.engine.IpFamily;
import dev.tlskit.engine.Session;
import dev.tlskit.engine.SessionHandler;
import dev.tlskit.engine.TlsConfig;
import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.TlsException;
import dev.tlskit.engine.TlsProvider;
import dev.tlskit.engine.TlsVersion;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tlskit bench handshake}: full or resumed TLS handshakes per second, their latency, and the CPU each costs
 * the client and the (in-process) server. Resumptions are counted from what the wire showed, never assumed.
 */
@Command(name = "handshake",
        description = {
            "Measures TLS handshakes: handshakes/s, latency p50/p90/p99/max, CPU time per handshake of the client"
                    + " threads and of the in-process server's threads, failures by cause. By default the server is"
                    + " tlskit's event-loop server in this process (on its own threads, a fresh CA and server"
                    + " certificate of --key-type); with -h/-p any server (then no server CPU). With --resume every"
                    + " measured handshake offers the session of an earlier one, and resumptions are counted as the"
                    + " wire showed them.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tlskit bench handshake --duration 5",
            "  tlskit bench handshake --resume -c 2 --provider bc -v 1.2",
            "  tlskit bench handshake --key-type rsa-2048 --baseline openssl",
            "  tlskit bench handshake -h example.com -p 443 --count 20 --json",
        })
public final class HandshakeBenchCommand implements Callable<Integer> {
    private static final Pattern S_TIME = Pattern.compile(
            "(\\d+) connections in ([0-9.]+)s; ([0-9.]+) connections/user sec");

    @Spec
    CommandSpec spec;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = {"-h", "--host"}, paramLabel = "HOST",
            description = "benchmark against this server instead of the in-process one")
    String host;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "the server's port with -h (default: 11111)")
    int port = 11111;

    @OptionGroup.In(OptionGroup.TLS)
    @Option(names = {"-v", "--tls-version"}, paramLabel = "1.2|1.3", description = "TLS version (default: 1.3)")
    String version = "1.3";

    @OptionGroup.In(OptionGroup.TLS)
    @Option(names = {"-r", "--resume"}, description = "measure resumed handshakes (each client thread first makes one"
            + " full handshake, not measured, then offers its session every time)")
    boolean resume;

    @OptionGroup.In(OptionGroup.TLS)
    @Option(names = "--groups", paramLabel = "LIST", split = ":",
            description = "`:`-separated named groups, e.g. x25519 or secp256r1 (default: the providers'). On Java 17"
                    + " the jdk provider takes them JVM-wide, once")
    List<String> groups = new ArrayList<>();

    @OptionGroup.In(OptionGroup.TLS)
    @Option(names = {"-l", "--ciphers"}, paramLabel = "LIST", split = ":",
            description = "`:`-separated cipher suites, IANA or OpenSSL names (default: the providers')")
    List<String> ciphers = new ArrayList<>();

    @Mixin
    BenchProviders providers;

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", description = "client threads (default: 1)")
    int concurrency = 1;

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = "--duration", paramLabel = "SECONDS", description = "measure for this long (default: 5)")
    Double duration;

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = {"-n", "--count"}, paramLabel = "N", description = "measure exactly N handshakes instead")
    Integer count;

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = "--warmup", paramLabel = "SECONDS",
            description = "handshakes before measuring, excluded from the results; the JIT needs several seconds"
                    + " before SunJSSE runs at speed (default: 5)")
    double warmup = 5;

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = "--baseline", paramLabel = "openssl", description = "also run openssl s_server with s_time and"
            + " with this client, same key type, group, version and concurrency, and print tlskit/OpenSSL ratios")
    String baseline;

    @OptionGroup.In(OptionGroup.OUTPUT)
    @Option(names = "--json", description = "print one JSON document")
    boolean json;

    @OptionGroup.In(OptionGroup.OUTPUT)
    @Option(names = "--csv", description = "print CSV: a header line, then one line per run")
    boolean csv;

    /** What one run measured. Latencies sorted, in ms. */
    record Result(String name, String client, String server, long attempts, long handshakes, long resumed,
            Map<String, Long> failures, double seconds, double[] latencies, long clientCpuNanos,
            long serverCpuNanos, long serverHandshakes, long serverResumed, String group, String note) {
        long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        double rate() {
            return handshakes / seconds;
        }

        double clientCpuMs() {
            return clientCpuNanos < 0 || handshakes == 0 ? Double.NaN : clientCpuNanos / 1e6 / handshakes;
        }

        double serverCpuMs() {
            return serverCpuNanos < 0 || handshakes == 0 ? Double.NaN : serverCpuNanos / 1e6 / handshakes;
        }
    }

    /** What one client thread saw in one phase. */
    private static final class Tally {
        final List<Double> latencies = new ArrayList<>();
        final Map<String, Long> failures = new TreeMap<>();
        long attempts;
        long handshakes;
        long resumed;
        long cpuNanos;
        long excludedCpuNanos;
        long excludedWallNanos;
        String group;
    }

    private java.util.function.Supplier<TlsContext> freshContexts;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Bench.oneFormat(json, csv);
        if (count != null && duration != null) {
            throw new UsageException("--count and --duration: give one, not both");
        }
        if (count != null && count < 1) {
            throw new UsageException("--count " + count + ": must be at least 1");
        }
        if (duration != null && !(duration > 0)) {
            throw new UsageException("--duration " + duration + ": must be positive");
        }
        if (concurrency < 1 || concurrency > 1000) {
            throw new UsageException("--concurrency " + concurrency + ": must be between 1 and 1000");
        }
        if (!(warmup >= 0)) {
            throw new UsageException("--warmup " + warmup + ": must be 0 or more");
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("-p " + port + ": not a port");
        }
        boolean external = host != null;
        if (external && providers.inProcessServerOption() != null) {
            throw new UsageException(providers.inProcessServerOption()
                    + " applies to the in-process server only, not with -h");
        }
        if (external && baseline != null) {
            throw new UsageException("--baseline runs against the in-process workload, not with -h");
        }
        TlsVersion v = Bench.version(version);
        List<String> suites = ianaSuites(ciphers);
        KeyType type = providers.keyType();
        TlsProvider sp = providers.server();
        List<String> notes = new ArrayList<>();
        String curve = type == KeyType.EC_P256 ? "secp256r1" : type == KeyType.EC_P384 ? "secp384r1" : null;
        if (!external && !groups.isEmpty() && curve != null && !groups.contains(curve)) {
            // Both providers need the ECDSA key's curve among the groups to sign or verify with it (and the jdk
            // provider on Java 17 takes one list per JVM): add it last, so the key share is still the chosen one.
            groups.add(curve);
            notes.add(curve + " added to --groups last: an ECDSA " + type.cliName() + " certificate needs it;"
                    + " the key exchange still uses " + groups.get(0));
        }
        OpenSsl openssl = baseline == null ? null : OpenSsl.require(baseline);
        double seconds = duration == null ? 5 : duration;

        List<Result> results = new ArrayList<>();
        try (OpenSsl cleanup = openssl) {
            double expected = warmup + (count == null ? seconds : 1) * (openssl == null ? 1 : 3);
            try (Bench.Progress progress = Bench.Progress.start(err, json, expected)) {
                if (external) {
                    results.add(runClients("tlskit → " + host + ":" + port, clientContext(v, suites, null, true),
                            host, port, null, progress));
                } else {
                    Bench.ServerMaterial material = Bench.ServerMaterial.create(type);
                    results.add(inProcess(material, v, suites, sp, progress));
                    if (openssl != null) {
                        results.addAll(baseline(openssl, material, v, suites, type, results.get(0), progress, notes));
                    }
                }
            }
        }
        if (!resume) {
            notes.add("full handshakes: each uses a fresh client context (a client's session cache would resume);"
                    + " making it is left out of the time and the client CPU");
        }
        if (resume) {
            for (Result r : results) {
                if (r.note != null) {
                    notes.add(r.name + ": " + r.note);
                }
            }
        }
        report(out, v, type, sp, external, results, notes);
        return 0;
    }

    private Result inProcess(Bench.ServerMaterial material, TlsVersion v, List<String> suites, TlsProvider sp,
            Bench.Progress progress) throws Exception {
        Identity id = material.identity();
        TlsConfig.Builder sb = TlsConfig.forServer(id.privateKey(), id.chain()).provider(sp).versions(java.util.Set.of(v));
        if (!groups.isEmpty()) {
            sb.namedGroups(groups);
        }
        if (!suites.isEmpty()) {
            sb.cipherSuites(suites);
        }
        TlsContext serverContext = context(sb.build());
        AtomicLong serverHandshakes = new AtomicLong();
        AtomicLong serverResumed = new AtomicLong();
        byte[] one = {'!'};
        SessionHandler handler = new SessionHandler() {
            @Override
            public void opened(Session session) {
                serverHandshakes.incrementAndGet();
                if (session.summary().resumed()) {
                    serverResumed.incrementAndGet();
                }
                // One byte after the handshake: the client reads it, so a TLS 1.3 client has its session ticket.
                session.write(ByteBuffer.wrap(one));
            }

            @Override
            public void received(Session session, ByteBuffer data) {
                data.position(data.limit());
            }
        };
        try (EventLoopServer server = EventLoopServer.start(serverContext,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new EventLoopServer.Settings(0, 100_000, Duration.ofSeconds(30), null), handler)) {
            int p = server.localAddress().getPort();
            return runClients("tlskit → tlskit", clientContext(v, suites, material, false), "127.0.0.1", p,
                    new ServerProbe(() -> server.cpuTime().toNanos(), serverHandshakes, serverResumed, sp.cliName(), true),
                    progress);
        }
    }

    /**
     * What the client loop can read of the server: its CPU clock (ns), its handshake and resumption counters (null:
     * not known), its name, and whether it sends one byte after each handshake.
     */
    private record ServerProbe(java.util.function.LongSupplier cpu, AtomicLong handshakes, AtomicLong resumed,
            String name, boolean sendsOneByte) {}

    /** A client context per thread (each has its own session to resume); {@code material} null: any server. */
    private java.util.function.Supplier<TlsContext> clientContext(TlsVersion v, List<String> suites,
            Bench.ServerMaterial material, boolean insecure) {
        return () -> {
            TlsConfig.Builder b = TlsConfig.forClient().provider(providers.client()).versions(java.util.Set.of(v))
                    .handshakeTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(10));
            if (material != null) {
                b.trustAnchors(List.of(material.ca().certificate()));
            } else if (insecure) {
                b.insecure(); // a benchmark measures; it does not judge the server's certificate
            }
            if (!groups.isEmpty()) {
                b.namedGroups(groups);
            }
            if (!suites.isEmpty()) {
                b.cipherSuites(suites);
            }
            return context(b.build());
        };
    }

    private static TlsContext context(TlsConfig config) {
        try {
            return TlsContext.create(config);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Prime (resume only), warm up, then measure, with {@code concurrency} client threads. */
    private Result runClients(String name, java.util.function.Supplier<TlsContext> contexts, String h, int p,
            ServerProbe probe, Bench.Progress progress) throws Exception {
        boolean readOne = probe != null && probe.sendsOneByte();
        // Resumption: one context (one session cache) per thread. Full handshakes: a fresh context for each, made
        // outside the measured CPU time, since a client context's session cache would otherwise resume.
        TlsContext[] perThread = new TlsContext[concurrency];
        for (int i = 0; i < concurrency; i++) {
            perThread[i] = resume ? contexts.get() : null;
        }
        this.freshContexts = contexts;
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "tlskit-bench-client");
            t.setDaemon(true);
            return t;
        });
        try {
            if (resume) {
                progress.update(name + ": first full handshakes", 0);
                phase(pool, perThread, h, p, readOne, 0, new AtomicLong(concurrency), true, progress, name);
            }
            if (warmup > 0) {
                progress.update(name + ": warm-up", 0);
                phase(pool, perThread, h, p, readOne, System.nanoTime() + (long) (warmup * 1e9), null, false,
                        progress, name);
            }
            long serverCpu0 = probe == null ? -1 : probe.cpu().getAsLong();
            long serverHs0 = probe == null || probe.handshakes() == null ? 0 : probe.handshakes().get();
            long serverRes0 = probe == null || probe.resumed() == null ? 0 : probe.resumed().get();
            long t0 = System.nanoTime();
            long deadline = count == null ? t0 + (long) ((duration == null ? 5 : duration) * 1e9) : 0;
            List<Tally> tallies = phase(pool, perThread, h, p, readOne, deadline,
                    count == null ? null : new AtomicLong(count), false, progress, name);
            long excludedWall = tallies.stream().mapToLong(t -> t.excludedWallNanos).sum() / concurrency;
            double secs = (System.nanoTime() - t0 - excludedWall) / 1e9;
            long serverCpu = probe == null || serverCpu0 < 0 ? -1 : probe.cpu().getAsLong() - serverCpu0;
            return merge(name, providers.client().cliName(), probe == null ? h : probe.name(), tallies, secs, serverCpu,
                    probe == null || probe.handshakes() == null ? -1 : probe.handshakes().get() - serverHs0,
                    probe == null || probe.resumed() == null ? -1 : probe.resumed().get() - serverRes0);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Tally> phase(ExecutorService pool, TlsContext[] contexts, String h, int p, boolean readOne,
            long deadline, AtomicLong tickets, boolean onePerThread, Bench.Progress progress, String name)
            throws Exception {
        long start = System.nanoTime();
        long total = tickets == null ? 0 : tickets.get();
        List<Future<Tally>> jobs = new ArrayList<>();
        for (TlsContext ctx : contexts) {
            jobs.add(pool.submit(() -> {
                Tally tally = new Tally();
                long cpu0 = Bench.threadCpuNanos();
                int done = 0;
                while (true) {
                    if (onePerThread ? done > 0 : tickets != null ? tickets.getAndDecrement() <= 0
                            : System.nanoTime() >= deadline) {
                        break;
                    }
                    done++;
                    TlsContext use = ctx;
                    if (use == null) {
                        long c0 = Bench.threadCpuNanos();
                        long w0 = System.nanoTime();
                        use = freshContexts.get();
                        tally.excludedCpuNanos += Bench.threadCpuNanos() - c0;
                        tally.excludedWallNanos += System.nanoTime() - w0;
                    }
                    handshake(use, h, p, readOne, tally);
                    if (tickets != null && total > 0) {
                        progress.update(name, 1 - Math.max(0, tickets.get()) / (double) total);
                    } else if (deadline > 0) {
                        progress.update(name, (System.nanoTime() - start) / (double) (deadline - start));
                    }
                }
                tally.cpuNanos = Bench.threadCpuNanos() - cpu0 - tally.excludedCpuNanos;
                return tally;
            }));
        }
        List<Tally> tallies = new ArrayList<>();
        for (Future<Tally> f : jobs) {
            try {
                tallies.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r; // e.g. a configuration the provider refuses: a usage error, not a bug
                }
                throw e;
            }
        }
        return tallies;
    }

    private static void handshake(TlsContext ctx, String h, int p, boolean readOne, Tally tally) {
        tally.attempts++;
        long t0 = System.nanoTime();
        TlsConnection c;
        try {
            c = TlsConnection.connect(ctx, h, p, IpFamily.ANY);
        } catch (TlsException e) {
            tally.failures.merge(cause(e), 1L, Long::sum);
            return;
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        try {
            if (readOne) {
                byte[] b = new byte[1];
                if (c.read(b, 0, 1) != 1) {
                    tally.failures.merge("NETWORK: the server closed before its first byte", 1L, Long::sum);
                    return;
                }
            }
            tally.handshakes++;
            tally.latencies.add(ms);
            if (c.summary().resumed()) {
                tally.resumed++;
            }
            if (tally.group == null) {
                tally.group = c.summary().group();
            }
        } catch (TlsException e) {
            tally.failures.merge(cause(e), 1L, Long::sum);
        } finally {
            c.close();
        }
    }

    private static String cause(TlsException e) {
        String m = String.valueOf(e.getMessage());
        return e.kind() + ": " + (m.length() > 100 ? m.substring(0, 100) + "..." : m);
    }

    private Result merge(String name, String client, String server, List<Tally> tallies, double secs,
            long serverCpu, long serverHs, long serverRes) {
        Map<String, Long> failures = new TreeMap<>();
        long attempts = 0;
        long hs = 0;
        long res = 0;
        long cpu = 0;
        String group = null;
        List<Double> lat = new ArrayList<>();
        for (Tally t : tallies) {
            attempts += t.attempts;
            hs += t.handshakes;
            res += t.resumed;
            cpu += t.cpuNanos;
            lat.addAll(t.latencies);
            t.failures.forEach((k, n) -> failures.merge(k, n, Long::sum));
            group = group == null ? t.group : group;
        }
        double[] l = lat.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(l);
        String note = null;
        if (resume && res < hs) {
            note = res == 0 && providers.client() == TlsProvider.BC && Bench.version(version) == TlsVersion.TLS_1_3
                    ? "no resumption: Bouncy Castle JSSE does not resume TLS 1.3 sessions (bc-java #946)"
                    : (hs - res) + " of " + hs + " handshakes were full, not resumed";
        }
        return new Result(name, client, server, attempts, hs, res, failures, secs, l, cpu, serverCpu, serverHs,
                serverRes, group, note);
    }

    /**
     * The same workload against {@code openssl s_server} (same key, group, version): first with this client (the
     * server-side comparison), then with {@code openssl s_time}, one serial process per client thread.
     */
    private List<Result> baseline(OpenSsl openssl, Bench.ServerMaterial material, TlsVersion v, List<String> suites,
            KeyType type, Result ours, Bench.Progress progress, List<String> notes) throws Exception {
        Path dir = Files.createTempDirectory("tlskit-bench-");
        try {
            material.writeTo(dir);
            List<String> args = new ArrayList<>(List.of("-cert", dir.resolve("cert.pem").toString(),
                    "-key", dir.resolve("key.pem").toString(), "-www", "-quiet",
                    v == TlsVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2"));
            List<String> sTimeArgs = new ArrayList<>(List.of(v == TlsVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2"));
            if (!groups.isEmpty()) {
                args.add("-groups");
                args.add(String.join(":", groups.stream().map(OpenSsl::group).toList()));
            }
            addCipherArgs(args, v);
            addCipherArgs(sTimeArgs, v);
            OpenSsl.Server server = openssl.server(args);
            List<Result> results = new ArrayList<>();
            try {
                results.add(runClients("tlskit → openssl s_server", clientContext(v, suites, material, false),
                        "127.0.0.1", server.port(), new ServerProbe(server::cpuNanos, null, null, "openssl", false),
                        progress));
                double secs = count == null ? (duration == null ? 5 : duration) : Math.max(1, ours.seconds());
                progress.update("openssl s_time", 0);
                results.add(sTime(openssl, server, sTimeArgs, secs));
            } finally {
                OpenSsl.destroy(server.process());
            }
            notes.add("openssl s_server -www: single-threaded; key " + type.cliName() + ", "
                    + (groups.isEmpty() ? "its default groups" : "groups " + String.join(":", groups)) + ", "
                    + v.jsseName() + "; run on 127.0.0.1 port " + server.port());
            notes.add("openssl s_time: " + concurrency + " process(es) in parallel, each serial, "
                    + (resume ? "-reuse" : "-new") + "; its client CPU is its own user time (no system time)");
            if (resume && v == TlsVersion.TLS_1_3) {
                notes.add("openssl s_time -reuse does not resume on TLS 1.3: its row is full handshakes, marked;"
                        + " compare resumption with the 'tlskit → openssl s_server' row, whose resumptions are counted");
            }
            return results;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private void addCipherArgs(List<String> args, TlsVersion v) {
        if (ciphers.isEmpty()) {
            return;
        }
        if (v == TlsVersion.TLS_1_3) {
            args.add("-ciphersuites");
            args.add(String.join(":", ianaSuites(ciphers)));
        } else {
            args.add("-cipher");
            args.add(String.join(":", ciphers)); // OpenSSL names as given; OpenSSL rejects names it does not know
        }
    }

    private Result sTime(OpenSsl openssl, OpenSsl.Server server, List<String> extra, double secs) throws Exception {
        List<String> args = new ArrayList<>(List.of("s_time", "-connect", "127.0.0.1:" + server.port(),
                resume ? "-reuse" : "-new", "-time", String.valueOf(Math.max(1, (int) Math.round(secs)))));
        args.addAll(extra);
        long cpu0 = server.cpuNanos();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<String>> outs = new ArrayList<>();
        try {
            for (int i = 0; i < concurrency; i++) {
                outs.add(pool.submit(() -> openssl.run(args, (long) secs + 60)));
            }
            long n = 0;
            double userSeconds = 0;
            Map<String, Long> failures = new TreeMap<>();
            for (Future<String> f : outs) {
                String o = f.get();
                // With -reuse, s_time prints the full-handshake run first, then the reuse run: take the last.
                Matcher m = S_TIME.matcher(o);
                long lastN = -1;
                double lastUser = 0;
                while (m.find()) {
                    lastN = Long.parseLong(m.group(1));
                    double perUserSec = Double.parseDouble(m.group(3));
                    lastUser = perUserSec > 0 ? lastN / perUserSec : 0;
                }
                if (lastN < 0) {
                    failures.merge("openssl s_time: " + o.lines().reduce((a, b) -> b).orElse("no output"), 1L,
                            Long::sum);
                } else {
                    n += lastN;
                    userSeconds += lastUser;
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            long serverCpu = server.cpuNanos() - cpu0;
            // With -reuse s_time runs twice (new, then reuse), each for -time seconds: the rate uses one of them.
            double seconds = resume ? wall / 2 : wall;
            String note = resume && Bench.version(version) == TlsVersion.TLS_1_3
                    ? "s_time -reuse does not resume on TLS 1.3: these are full handshakes" : null;
            long resumedCount = resume && Bench.version(version) == TlsVersion.TLS_1_2 ? n : 0;
            return new Result("openssl s_time → openssl s_server", "openssl", "openssl", n, n, resumedCount,
                    failures, seconds, new double[0], (long) (userSeconds * 1e9), resume ? -1 : serverCpu, -1, -1,
                    null, note == null && resume ? "resumption by s_time -reuse on TLS 1.2 (not counted by tlskit)"
                            : note);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> ianaSuites(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String iana = CipherSuites.toIana(n);
            if (iana == null) {
                throw new UsageException("-l " + n + ": unknown cipher suite");
            }
            out.add(iana);
        }
        return out;
    }

    private void report(PrintWriter out, TlsVersion v, KeyType type, TlsProvider sp, boolean external,
            List<Result> results, List<String> notes) {
        Result ours = results.get(0);
        Result sTime = results.stream().filter(r -> r.name.startsWith("openssl s_time")).findFirst().orElse(null);
        Result vsServer = results.stream().filter(r -> r.name.equals("tlskit → openssl s_server")).findFirst()
                .orElse(null);
        Map<String, Object> ratios = Json.object();
        if (sTime != null) {
            ratios.put("handshakesPerSecond", ratio(ours.rate(), sTime.rate()));
        }
        if (vsServer != null) {
            // The same client against both servers: how tlskit's server compares with OpenSSL's.
            ratios.put("serverCpuPerHandshake", ratio(ours.serverCpuMs(), vsServer.serverCpuMs()));
            ratios.put("handshakesPerSecondSameClient", ratio(ours.rate(), vsServer.rate()));
        }
        if (sTime != null && !resume) {
            ratios.put("clientCpuPerHandshake", ratio(vsServer == null ? ours.clientCpuMs() : vsServer.clientCpuMs(),
                    sTime.clientCpuMs()));
        }
        if (json) {
            Map<String, Object> doc = Json.document("bench");
            doc.put("benchmark", "handshake");
            doc.put("machine", Bench.machine());
            Map<String, Object> s = Json.object();
            s.put("target", external ? host + ":" + port : "in-process");
            s.put("protocol", v.jsseName());
            s.put("resume", resume);
            s.put("keyType", external ? null : type.cliName());
            s.put("groups", groups);
            s.put("cipherSuites", ciphers);
            s.put("provider", providers.client().cliName());
            s.put("serverProvider", external ? null : sp.cliName());
            s.put("concurrency", concurrency);
            s.put("count", count);
            s.put("durationSeconds", count == null ? (duration == null ? 5.0 : duration) : null);
            s.put("warmupSeconds", warmup);
            doc.put("settings", s);
            List<Object> runs = new ArrayList<>();
            for (Result r : results) {
                runs.add(toJson(r));
            }
            doc.put("runs", runs);
            if (!ratios.isEmpty()) {
                doc.put("ratios", ratios);
            }
            doc.put("notes", notes);
            out.println(Json.write(doc));
            out.flush();
            return;
        }
        List<String> header = List.of("run", "client", "server", "handshakes", "resumed", "failed", "hs/s",
                "p50 ms", "p90 ms", "p99 ms", "max ms", "client CPU ms/hs", "server CPU ms/hs", "server saw",
                "server resumed");
        List<List<String>> rows = new ArrayList<>();
        for (Result r : results) {
            boolean lat = r.latencies.length > 0;
            rows.add(List.of(r.name, r.client, r.server, String.valueOf(r.handshakes), String.valueOf(r.resumed),
                    String.valueOf(r.failed()), Bench.fmt(r.rate(), 1),
                    lat ? Bench.fmt(MemoryBenchCommand.percentile(r.latencies, 0.5), 3) : "n/a",
                    lat ? Bench.fmt(MemoryBenchCommand.percentile(r.latencies, 0.9), 3) : "n/a",
                    lat ? Bench.fmt(MemoryBenchCommand.percentile(r.latencies, 0.99), 3) : "n/a",
                    lat ? Bench.fmt(r.latencies[r.latencies.length - 1], 3) : "n/a",
                    Bench.fmt(r.clientCpuMs(), 3), Bench.fmt(r.serverCpuMs(), 3),
                    r.serverHandshakes < 0 ? "n/a" : String.valueOf(r.serverHandshakes),
                    r.serverResumed < 0 ? "n/a" : String.valueOf(r.serverResumed)));
        }
        if (csv) {
            Bench.csv(out, header, rows);
            out.flush();
            return;
        }
        out.printf("tlskit bench handshake: %s %s handshakes, %s, concurrency %d, %s (warm-up %.1f s excluded)%n",
                v.jsseName(), resume ? "resumed" : "full",
                external ? "server " + host + ":" + port : "in-process server, " + type.cliName() + " key",
                concurrency, count == null ? Bench.fmt(duration == null ? 5 : duration, 1) + " s" : count + " handshakes",
                warmup);
        out.printf("machine: %s; client provider %s%s; group %s%n", Bench.machineLine(), providers.client().cliName(),
                external ? "" : ", server provider " + sp.cliName(),
                groups.isEmpty() ? "default (negotiated " + (ours.group == null ? "?" : ours.group) + ")"
                        : String.join(":", groups));
        out.println();
        Bench.table(out, header, rows);
        for (Result r : results) {
            r.failures.forEach((k, n) -> out.printf("failures (%s): %d × %s%n", r.name, n, k));
        }
        if (!ratios.isEmpty()) {
            out.println();
            out.println("tlskit/OpenSSL ratios:");
            if (ratios.containsKey("handshakesPerSecond")) {
                out.printf("  handshakes/s, tlskit→tlskit over s_time→s_server:   %s (target ≥ 0.5 for full)%n",
                        Bench.fmt((Double) ratios.get("handshakesPerSecond"), 2));
            }
            if (ratios.containsKey("serverCpuPerHandshake")) {
                out.printf("  server CPU per handshake, same tlskit client:         %s× OpenSSL's%n",
                        Bench.fmt((Double) ratios.get("serverCpuPerHandshake"), 2));
                out.printf("  handshakes/s, same tlskit client, tlskit over OpenSSL server: %s%n",
                        Bench.fmt((Double) ratios.get("handshakesPerSecondSameClient"), 2));
            }
            if (ratios.containsKey("clientCpuPerHandshake")) {
                out.printf("  client CPU per handshake, tlskit client over s_time: %s× (s_time: user time only)%n",
                        Bench.fmt((Double) ratios.get("clientCpuPerHandshake"), 2));
            }
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(n -> out.println("note: " + n));
        }
        out.flush();
    }

    private static Double ratio(double a, double b) {
        return Double.isFinite(a) && Double.isFinite(b) && b > 0 ? a / b : Double.NaN;
    }

    private static Map<String, Object> toJson(Result r) {
        Map<String, Object> m = Json.object();
        m.put("name", r.name);
        m.put("client", r.client);
        m.put("server", r.server);
        m.put("attempts", r.attempts);
        m.put("handshakes", r.handshakes);
        m.put("resumed", r.resumed);
        m.put("full", r.handshakes - r.resumed);
        m.put("failed", r.failed());
        m.put("failures", new TreeMap<>(r.failures));
        m.put("seconds", r.seconds);
        m.put("handshakesPerSecond", r.rate());
        Map<String, Object> lat = Json.object();
        if (r.latencies.length > 0) {
            lat.put("p50", MemoryBenchCommand.percentile(r.latencies, 0.5));
            lat.put("p90", MemoryBenchCommand.percentile(r.latencies, 0.9));
            lat.put("p99", MemoryBenchCommand.percentile(r.latencies, 0.99));
            lat.put("max", r.latencies[r.latencies.length - 1]);
        }
        m.put("latencyMs", r.latencies.length > 0 ? lat : null);
        m.put("clientCpuMsPerHandshake", r.clientCpuMs());
        m.put("serverCpuMsPerHandshake", r.serverCpuMs());
        m.put("serverHandshakes", r.serverHandshakes < 0 ? null : r.serverHandshakes);
        m.put("serverResumed", r.serverResumed < 0 ? null : r.serverResumed);
        m.put("group", r.group);
        m.put("note", r.note);
        return m;
    }
}
