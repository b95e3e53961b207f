package dev.tlskit.cli.bench;

import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.Direction;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.model.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The measuring side of {@code bench handshake}: {@code --concurrency} client threads that handshake with one server
 * (a priming full handshake each with {@code --resume}, then the warm-up, then the measured phase), each keeping its
 * own tally of latencies, resumptions, failures and CPU, merged into one {@link HandshakeResult} per run.
 */
final class HandshakeClients {
    /**
     * What the clients can read of the server: its CPU clock (ns), its handshake and resumption counters (null: not
     * known), its name, and whether it sends one byte after each handshake.
     */
    record ServerProbe(LongSupplier cpu, AtomicLong handshakes, AtomicLong resumed, String name,
            boolean sendsOneByte) {}

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
        long sentBytes;
        long receivedBytes;
        String group;
    }

    /** A TLS record's header: type, version, length. */
    private static final int RECORD_HEADER = 5;

    private final HandshakeSettings settings;

    HandshakeClients(HandshakeSettings settings) {
        this.settings = settings;
    }

    /**
     * Client contexts, a new one at each call (each has its own session to resume); they trust {@code material}'s
     * CA, or with {@code material} null any server.
     */
    Supplier<TlsContext> contexts(Bench.ServerMaterial material) {
        return () -> {
            TlsConfig.Builder b = TlsConfig.forClient().provider(settings.client()).versions(Set.of(settings.version()))
                    .handshakeTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(10));
            if (material != null) {
                b.trustAnchors(List.of(material.ca().certificate()));
            } else {
                b.insecure(); // a benchmark measures; it does not judge the server's certificate
            }
            if (!settings.groups().isEmpty()) {
                b.namedGroups(settings.groups());
            }
            if (!settings.suites().isEmpty()) {
                b.cipherSuites(settings.suites());
            }
            return Bench.context(b.build());
        };
    }

    /** Prime (resume only), warm up, then measure {@code host:port}, with {@code --concurrency} client threads. */
    HandshakeResult run(String name, Supplier<TlsContext> contexts, String host, int port, ServerProbe probe,
            Bench.Progress progress) throws Exception {
        int concurrency = settings.concurrency();
        boolean readOne = probe != null && probe.sendsOneByte();
        // Resumption: one context (one session cache) per thread. Full handshakes: a fresh context for each, made
        // outside the measured CPU time, since a client context's session cache would otherwise resume.
        TlsContext[] perThread = new TlsContext[concurrency];
        for (int i = 0; i < concurrency; i++) {
            perThread[i] = settings.resume() ? contexts.get() : null;
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "tlskit-bench-client");
            t.setDaemon(true);
            return t;
        });
        Phase phase = new Phase(pool, perThread, contexts, host, port, readOne, progress, name);
        try {
            if (settings.resume()) {
                progress.update(name + ": first full handshakes", 0);
                phase.run(0, new AtomicLong(concurrency), true);
            }
            if (settings.warmup() > 0) {
                progress.update(name + ": warm-up", 0);
                phase.run(System.nanoTime() + (long) (settings.warmup() * 1e9), null, false);
            }
            long serverCpu0 = probe == null ? -1 : probe.cpu().getAsLong();
            long serverHs0 = probe == null || probe.handshakes() == null ? 0 : probe.handshakes().get();
            long serverRes0 = probe == null || probe.resumed() == null ? 0 : probe.resumed().get();
            long t0 = System.nanoTime();
            long deadline = settings.count() == null ? t0 + (long) (settings.seconds() * 1e9) : 0;
            List<Tally> tallies = phase.run(deadline,
                    settings.count() == null ? null : new AtomicLong(settings.count()), false);
            long excludedWall = tallies.stream().mapToLong(t -> t.excludedWallNanos).sum() / concurrency;
            double secs = (System.nanoTime() - t0 - excludedWall) / 1e9;
            long serverCpu = probe == null || serverCpu0 < 0 ? -1 : probe.cpu().getAsLong() - serverCpu0;
            return merge(name, settings.client().cliName(), probe == null ? host : probe.name(), tallies, secs,
                    serverCpu, probe == null || probe.handshakes() == null ? -1 : probe.handshakes().get() - serverHs0,
                    probe == null || probe.resumed() == null ? -1 : probe.resumed().get() - serverRes0);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One pass of every client thread against the server; a thread uses its own context ({@code contexts} entry),
     * or, where that is null, a fresh one from {@code fresh} for each handshake.
     */
    private record Phase(ExecutorService pool, TlsContext[] contexts, Supplier<TlsContext> fresh, String host,
            int port, boolean readOne, Bench.Progress progress, String name) {
        /**
         * Runs until {@code deadline} (System.nanoTime), or while {@code tickets} last, or for one handshake per
         * thread; returns each thread's tally.
         */
        List<Tally> run(long deadline, AtomicLong tickets, boolean onePerThread) throws Exception {
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
                            use = fresh.get();
                            tally.excludedCpuNanos += Bench.threadCpuNanos() - c0;
                            tally.excludedWallNanos += System.nanoTime() - w0;
                        }
                        handshake(use, host, port, readOne, tally);
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
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r; // e.g. a configuration the provider refuses: a usage error, not a bug
                    }
                    throw e;
                }
            }
            return tallies;
        }
    }

    private static void handshake(TlsContext ctx, String host, int port, boolean readOne, Tally tally) {
        tally.attempts++;
        long t0 = System.nanoTime();
        TlsConnection c;
        try {
            c = TlsConnection.connect(ctx, host, port, IpFamily.ANY);
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
            for (TraceEvent e : c.summary().records()) {
                long bytes = RECORD_HEADER + e.length();
                if (e.direction() == Direction.SENT) {
                    tally.sentBytes += bytes;
                } else {
                    tally.receivedBytes += bytes;
                }
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

    private HandshakeResult merge(String name, String client, String server, List<Tally> tallies, double secs,
            long serverCpu, long serverHs, long serverRes) {
        Map<String, Long> failures = new TreeMap<>();
        long attempts = 0;
        long hs = 0;
        long res = 0;
        long cpu = 0;
        long sent = 0;
        long received = 0;
        String group = null;
        List<Double> lat = new ArrayList<>();
        for (Tally t : tallies) {
            attempts += t.attempts;
            hs += t.handshakes;
            res += t.resumed;
            cpu += t.cpuNanos;
            sent += t.sentBytes;
            received += t.receivedBytes;
            lat.addAll(t.latencies);
            t.failures.forEach((k, n) -> failures.merge(k, n, Long::sum));
            group = group == null ? t.group : group;
        }
        double[] l = lat.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(l);
        String note = null;
        if (settings.resume() && res < hs) {
            note = res == 0 && settings.client() == TlsProvider.BC && settings.version() == TlsVersion.TLS_1_3
                    ? "no resumption: Bouncy Castle JSSE does not resume TLS 1.3 sessions (bc-java #946)"
                    : (hs - res) + " of " + hs + " handshakes were full, not resumed";
        }
        return new HandshakeResult(name, client, server, attempts, hs, res, failures, secs, l, cpu, serverCpu,
                serverHs, serverRes, group, note, settings.groups(), sent, received);
    }
}
