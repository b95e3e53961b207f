package dev.tlskit.cli.bench;

import dev.tlskit.certs.KeyType;
import dev.tlskit.cli.Json;
import dev.tlskit.cli.bench.ThroughputBenchCommand.Result;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@code bench throughput} prints: JSON, CSV or a table of the runs, the tlskit/OpenSSL ratios, the notes. */
final class ThroughputReport {
    private final boolean json;
    private final boolean csv;
    private final boolean echo;
    private final KeyType keyType;
    private final TlsProvider client;

    ThroughputReport(boolean json, boolean csv, boolean echo, KeyType keyType, TlsProvider client) {
        this.json = json;
        this.csv = csv;
        this.echo = echo;
        this.keyType = keyType;
        this.client = client;
    }

    void print(PrintWriter out, TlsVersion v, TlsProvider sp, long total, long record, List<Result> results,
            List<String> notes) {
        Result ours = results.get(0);
        Map<String, Object> ratios = Json.object();
        if (results.size() > 1) {
            Result o = results.get(1);
            ratios.put("mbPerSecond", o.mbPerSecond() > 0 ? ours.mbPerSecond() / o.mbPerSecond() : null);
            ratios.put("serverCpuPerMb", o.serverCpuNanos() > 0 ? ours.serverCpuMsPerMb() / o.serverCpuMsPerMb() : null);
        }
        if (json) {
            printJson(out, v, sp, total, record, results, ratios, notes);
            return;
        }
        List<String> header = List.of("run", "client", "server", "cipher suite", "bytes", "seconds", "MB/s",
                "client CPU ms/MB", "server CPU ms/MB");
        List<List<String>> rows = new ArrayList<>();
        for (Result r : results) {
            rows.add(List.of(r.name(), r.client(), r.server(), r.cipherSuite(), String.valueOf(r.bytes()),
                    Bench.fmt(r.seconds(), 3), Bench.fmt(r.mbPerSecond(), 1), Bench.fmt(r.clientCpuMsPerMb(), 3),
                    Bench.fmt(r.serverCpuMsPerMb(), 3)));
        }
        if (csv) {
            Bench.csv(out, header, rows);
            out.flush();
            return;
        }
        out.printf("tlskit bench throughput: %s, %s, %d bytes in %d-byte writes, in-process server (%s key)%n",
                v.jsseName(), echo ? "echoed" : "one way", total, record, keyType.cliName());
        out.printf("machine: %s; client provider %s, server provider %s%n", Bench.machineLine(), client.cliName(),
                sp.cliName());
        out.println();
        Bench.table(out, header, rows);
        out.printf("moved: %d bytes to the server%s%n", ours.serverBytes(),
                echo ? ", " + ours.clientBytesBack() + " back" : "");
        if (!ratios.isEmpty()) {
            out.println();
            out.printf("tlskit/OpenSSL ratios: MB/s %s (target ≥ 0.8); server CPU per MB %s× OpenSSL's%n",
                    ratios.get("mbPerSecond") == null ? "n/a" : Bench.fmt((Double) ratios.get("mbPerSecond"), 2),
                    ratios.get("serverCpuPerMb") == null ? "n/a"
                            : Bench.fmt((Double) ratios.get("serverCpuPerMb"), 2));
        }
        notes.forEach(n -> out.println("note: " + n));
        out.flush();
    }

    private void printJson(PrintWriter out, TlsVersion v, TlsProvider sp, long total, long record,
            List<Result> results, Map<String, Object> ratios, List<String> notes) {
        Map<String, Object> doc = Bench.document("throughput");
        Map<String, Object> s = Json.object();
        s.put("protocol", v.jsseName());
        s.put("mode", echo ? "echo" : "one-way");
        s.put("bytes", total);
        s.put("recordSize", record);
        s.put("keyType", keyType.cliName());
        s.put("provider", client.cliName());
        s.put("serverProvider", sp.cliName());
        doc.put("settings", s);
        List<Object> runs = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> m = Json.object();
            m.put("name", r.name());
            m.put("client", r.client());
            m.put("server", r.server());
            m.put("cipherSuite", r.cipherSuite());
            m.put("bytes", r.bytes());
            m.put("serverReceivedBytes", r.serverBytes() < 0 ? null : r.serverBytes());
            m.put("clientReceivedBytes", r.clientBytesBack() < 0 ? null : r.clientBytesBack());
            m.put("seconds", r.seconds());
            m.put("mbPerSecond", r.mbPerSecond());
            m.put("clientCpuMsPerMb", r.clientCpuMsPerMb());
            m.put("serverCpuMsPerMb", r.serverCpuMsPerMb());
            m.put("note", r.note());
            runs.add(m);
        }
        Bench.printRuns(out, doc, runs, ratios, notes);
    }
}
