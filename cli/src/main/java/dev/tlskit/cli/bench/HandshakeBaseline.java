package dev.tlskit.cli.bench;

import dev.tlskit.cli.Json;
import dev.tlskit.engine.model.TlsVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench handshake --baseline openssl}: the same workload against {@code openssl s_server} (same key, groups,
 * version, cipher suites), first with tlskit's clients (the server-side comparison), then with {@code openssl
 * s_time}, one serial process per client thread; and the tlskit/OpenSSL ratios drawn from those runs.
 */
final class HandshakeBaseline {
    /** The run of tlskit's clients against {@code openssl s_server}. */
    static final String SAME_CLIENT_RUN = "tlskit → openssl s_server";
    /** The all-OpenSSL run. */
    static final String S_TIME_RUN = "openssl s_time → openssl s_server";

    private static final Pattern S_TIME = Pattern.compile(
            "(\\d+) connections in ([0-9.]+)s; ([0-9.]+) connections/user sec");

    private final HandshakeSettings settings;
    private final OpenSsl openssl;
    private final HandshakeClients clients;

    HandshakeBaseline(HandshakeSettings settings, OpenSsl openssl, HandshakeClients clients) {
        this.settings = settings;
        this.openssl = openssl;
        this.clients = clients;
    }

    /**
     * Runs {@code s_server} with {@code material}'s key and measures it with tlskit's clients, then with s_time (for
     * the duration, or with {@code --count} for as long as {@code ours}, the tlskit run, took); adds what a reader
     * needs to know of these runs to {@code notes}.
     */
    List<HandshakeResult> run(Bench.ServerMaterial material, HandshakeResult ours, Bench.Progress progress,
            List<String> notes) throws Exception {
        TlsVersion v = settings.version();
        Path dir = Files.createTempDirectory("tlskit-bench-");
        try {
            material.writeTo(dir);
            List<String> args = new ArrayList<>(List.of("-cert", dir.resolve("cert.pem").toString(),
                    "-key", dir.resolve("key.pem").toString(), "-www", "-quiet",
                    v == TlsVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2"));
            List<String> sTimeArgs = new ArrayList<>(List.of(v == TlsVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2"));
            if (!settings.groups().isEmpty()) {
                args.add("-groups");
                args.add(String.join(":", settings.groups().stream().map(OpenSsl::group).toList()));
            }
            addCipherArgs(args);
            addCipherArgs(sTimeArgs);
            OpenSsl.Server server = openssl.server(args);
            List<HandshakeResult> results = new ArrayList<>();
            try {
                results.add(clients.run(SAME_CLIENT_RUN, clients.contexts(material), "127.0.0.1", server.port(),
                        new HandshakeClients.ServerProbe(server::cpuNanos, null, null, "openssl", false), progress));
                double secs = settings.count() == null ? settings.seconds() : Math.max(1, ours.seconds());
                progress.update("openssl s_time", 0);
                results.add(sTime(server, sTimeArgs, secs));
            } finally {
                OpenSsl.destroy(server.process());
            }
            notes.add("openssl s_server -www: single-threaded; key " + settings.keyType().cliName() + ", "
                    + (settings.groups().isEmpty() ? "its default groups"
                            : "groups " + String.join(":", settings.groups())) + ", "
                    + v.jsseName() + "; run on 127.0.0.1 port " + server.port());
            notes.add("openssl s_time: " + settings.concurrency() + " process(es) in parallel, each serial, "
                    + (settings.resume() ? "-reuse" : "-new")
                    + "; its client CPU is its own user time (no system time)");
            if (settings.resume() && v == TlsVersion.TLS_1_3) {
                notes.add("openssl s_time -reuse does not resume on TLS 1.3: its row is full handshakes, marked;"
                        + " compare resumption with the '" + SAME_CLIENT_RUN + "' row, whose resumptions are counted");
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

    /** -ciphersuites (TLS 1.3, IANA names) or -cipher (TLS 1.2) for the cipher suites given, if any. */
    private void addCipherArgs(List<String> args) {
        if (settings.ciphers().isEmpty()) {
            return;
        }
        if (settings.version() == TlsVersion.TLS_1_3) {
            args.add("-ciphersuites");
            args.add(String.join(":", settings.suites()));
        } else {
            args.add("-cipher");
            args.add(OpenSsl.cipherList(settings.ciphers()));
        }
    }

    private HandshakeResult sTime(OpenSsl.Server server, List<String> extra, double secs) throws Exception {
        boolean resume = settings.resume();
        int concurrency = settings.concurrency();
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
            String note = resume && settings.version() == TlsVersion.TLS_1_3
                    ? "s_time -reuse does not resume on TLS 1.3: these are full handshakes" : null;
            long resumedCount = resume && settings.version() == TlsVersion.TLS_1_2 ? n : 0;
            return new HandshakeResult(S_TIME_RUN, "openssl", "openssl", n, n, resumedCount,
                    failures, seconds, new double[0], (long) (userSeconds * 1e9), resume ? -1 : serverCpu, -1, -1,
                    null, note == null && resume ? "resumption by s_time -reuse on TLS 1.2 (not counted by tlskit)"
                            : note, settings.groups(), -1, -1);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * tlskit over OpenSSL, by the keys the report prints: {@code handshakesPerSecond} (tlskit→tlskit over
     * s_time→s_server), {@code serverCpuPerHandshake} and {@code handshakesPerSecondSameClient} (tlskit's client
     * against both servers), {@code clientCpuPerHandshake} (full handshakes only); empty without a baseline.
     */
    static Map<String, Object> ratios(List<HandshakeResult> results, boolean resume) {
        HandshakeResult ours = results.get(0);
        HandshakeResult sTime = named(results, S_TIME_RUN);
        HandshakeResult vsServer = named(results, SAME_CLIENT_RUN);
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
        return ratios;
    }

    private static HandshakeResult named(List<HandshakeResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    private static Double ratio(double a, double b) {
        return Double.isFinite(a) && Double.isFinite(b) && b > 0 ? a / b : Double.NaN;
    }
}
