package dev.tlskit.cli.bench;

import dev.tlskit.cli.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints what {@code bench handshake} measured: one JSON document ({@code --json}), CSV ({@code --csv}), or a header,
 * a table of the runs, failures by cause, the tlskit/OpenSSL ratios and the notes.
 */
final class HandshakeReport {
    private final HandshakeSettings settings;
    private final boolean json;
    private final boolean csv;

    HandshakeReport(HandshakeSettings settings, boolean json, boolean csv) {
        this.settings = settings;
        this.json = json;
        this.csv = csv;
    }

    void print(PrintWriter out, List<HandshakeResult> results, List<String> notes) {
        Map<String, Object> ratios = HandshakeBaseline.ratios(results, settings.resume());
        if (json) {
            Map<String, Object> doc = Bench.document("handshake");
            doc.put("settings", settingsJson());
            List<Object> runs = new ArrayList<>();
            for (HandshakeResult r : results) {
                runs.add(toJson(r));
            }
            Bench.printRuns(out, doc, runs, ratios, notes);
            return;
        }
        List<String> header = List.of("run", "client", "server", "handshakes", "resumed", "failed", "hs/s",
                "p50 ms", "p90 ms", "p99 ms", "max ms", "client CPU ms/hs", "server CPU ms/hs", "server saw",
                "server resumed", "group", "bytes/hs");
        List<List<String>> rows = new ArrayList<>();
        for (HandshakeResult r : results) {
            rows.add(row(r));
        }
        if (csv) {
            Bench.csv(out, header, rows);
            out.flush();
            return;
        }
        printHeading(out, results.get(0), results.stream().map(HandshakeResult::groups).distinct().count() > 1);
        out.println();
        Bench.table(out, header, rows);
        for (HandshakeResult r : results) {
            r.failures().forEach((k, n) -> out.printf("failures (%s): %d × %s%n", r.name(), n, k));
        }
        if (!ratios.isEmpty()) {
            out.println();
            printRatios(out, ratios);
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(n -> out.println("note: " + n));
        }
        out.flush();
    }

    private Map<String, Object> settingsJson() {
        HandshakeSettings st = settings;
        boolean external = st.external();
        Map<String, Object> s = Json.object();
        s.put("target", external ? st.host() + ":" + st.port() : "in-process");
        s.put("protocol", st.version().jsseName());
        s.put("resume", st.resume());
        s.put("keyType", external ? null : st.keyType().cliName());
        s.put("groups", st.groups());
        s.put("cipherSuites", st.ciphers());
        s.put("provider", st.client().cliName());
        s.put("serverProvider", external ? null : st.server().cliName());
        s.put("concurrency", st.concurrency());
        s.put("count", st.count());
        s.put("durationSeconds", st.count() == null ? st.seconds() : null);
        s.put("warmupSeconds", st.warmup());
        return s;
    }

    private static Map<String, Object> toJson(HandshakeResult r) {
        Map<String, Object> m = Json.object();
        m.put("name", r.name());
        m.put("client", r.client());
        m.put("server", r.server());
        m.put("attempts", r.attempts());
        m.put("handshakes", r.handshakes());
        m.put("resumed", r.resumed());
        m.put("full", r.handshakes() - r.resumed());
        m.put("failed", r.failed());
        m.put("failures", new TreeMap<>(r.failures()));
        m.put("seconds", r.seconds());
        m.put("handshakesPerSecond", r.rate());
        double[] latencies = r.latencies();
        Map<String, Object> lat = Json.object();
        if (latencies.length > 0) {
            lat.put("p50", MemoryBenchCommand.percentile(latencies, 0.5));
            lat.put("p90", MemoryBenchCommand.percentile(latencies, 0.9));
            lat.put("p99", MemoryBenchCommand.percentile(latencies, 0.99));
            lat.put("max", latencies[latencies.length - 1]);
        }
        m.put("latencyMs", latencies.length > 0 ? lat : null);
        m.put("clientCpuMsPerHandshake", r.clientCpuMs());
        m.put("serverCpuMsPerHandshake", r.serverCpuMs());
        m.put("serverHandshakes", r.serverHandshakes() < 0 ? null : r.serverHandshakes());
        m.put("serverResumed", r.serverResumed() < 0 ? null : r.serverResumed());
        m.put("groups", r.groups());
        m.put("group", r.group());
        m.put("bytesPerHandshake", r.bytesPerHandshake());
        m.put("clientBytesPerHandshake", r.clientBytes() < 0 || r.handshakes() == 0 ? null
                : r.clientBytes() / (double) r.handshakes());
        m.put("serverBytesPerHandshake", r.serverBytes() < 0 || r.handshakes() == 0 ? null
                : r.serverBytes() / (double) r.handshakes());
        m.put("note", r.note());
        return m;
    }

    /** One table (or CSV) row; n/a where a run could not tell. */
    private static List<String> row(HandshakeResult r) {
        double[] latencies = r.latencies();
        boolean lat = latencies.length > 0;
        return List.of(r.name(), r.client(), r.server(), String.valueOf(r.handshakes()), String.valueOf(r.resumed()),
                String.valueOf(r.failed()), Bench.fmt(r.rate(), 1),
                lat ? Bench.fmt(MemoryBenchCommand.percentile(latencies, 0.5), 3) : "n/a",
                lat ? Bench.fmt(MemoryBenchCommand.percentile(latencies, 0.9), 3) : "n/a",
                lat ? Bench.fmt(MemoryBenchCommand.percentile(latencies, 0.99), 3) : "n/a",
                lat ? Bench.fmt(latencies[latencies.length - 1], 3) : "n/a",
                Bench.fmt(r.clientCpuMs(), 3), Bench.fmt(r.serverCpuMs(), 3),
                r.serverHandshakes() < 0 ? "n/a" : String.valueOf(r.serverHandshakes()),
                r.serverResumed() < 0 ? "n/a" : String.valueOf(r.serverResumed()),
                r.group() == null ? "n/a" : r.group(), Bench.fmt(r.bytesPerHandshake(), 0));
    }

    /**
     * What was measured, how, and on what machine; {@code ours} (the first run) gives the negotiated group, unless
     * the runs had groups of their own ({@code perRun}).
     */
    private void printHeading(PrintWriter out, HandshakeResult ours, boolean perRun) {
        HandshakeSettings s = settings;
        out.printf("tlskit bench handshake: %s %s handshakes, %s, concurrency %d, %s (warm-up %.1f s excluded)%n",
                s.version().jsseName(), s.resume() ? "resumed" : "full",
                s.external() ? "server " + s.host() + ":" + s.port()
                        : "in-process server, " + s.keyType().cliName() + " key",
                s.concurrency(), s.count() == null ? Bench.fmt(s.seconds(), 1) + " s" : s.count() + " handshakes",
                s.warmup());
        out.printf("machine: %s; client provider %s%s; group %s%n", Bench.machineLine(), s.client().cliName(),
                s.external() ? "" : ", server provider " + s.server().cliName(),
                perRun ? "per run (its name and the group column)"
                        : s.groups().isEmpty() ? "default (negotiated " + (ours.group() == null ? "?" : ours.group())
                        + ")" : String.join(":", s.groups()));
        out.println("bytes/hs: TLS records both ways until the client's handshake completed, headers included");
    }

    private static void printRatios(PrintWriter out, Map<String, Object> ratios) {
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
}
