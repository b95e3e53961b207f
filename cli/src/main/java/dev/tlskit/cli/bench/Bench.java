package dev.tlskit.cli.bench;

import dev.tlskit.certs.HeldCertificate;
import dev.tlskit.certs.Identity;
import dev.tlskit.certs.KeyType;
import dev.tlskit.cli.Json;
import dev.tlskit.cli.UsageException;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.TlsConfig;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What the benchmarks share: the machine header, sizes, CPU clocks, an in-process identity, tables, progress. */
final class Bench {
    private Bench() {}

    /** The head of a bench JSON document: {@code {"tlskit":1,"command":"bench","benchmark":...,"machine":...}}. */
    static Map<String, Object> document(String benchmark) {
        Map<String, Object> doc = Json.document("bench");
        doc.put("benchmark", benchmark);
        doc.put("machine", machine());
        return doc;
    }

    /** Completes a document of runs ({@code runs}, {@code ratios} if any, {@code notes}) and prints it. */
    static void printRuns(PrintWriter out, Map<String, Object> doc, List<Object> runs, Map<String, Object> ratios,
            List<String> notes) {
        doc.put("runs", runs);
        if (!ratios.isEmpty()) {
            doc.put("ratios", ratios);
        }
        doc.put("notes", notes);
        out.println(Json.write(doc));
        out.flush();
    }

    /** The machine a figure was measured on, for every report's header. */
    static Map<String, Object> machine() {
        Map<String, Object> m = dev.tlskit.cli.Json.object();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", Runtime.version().toString());
        m.put("vm", System.getProperty("java.vm.name"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return m;
    }

    static String machineLine() {
        Map<String, Object> m = machine();
        return m.get("cores") + " cores, Java " + m.get("java") + " (" + m.get("vm") + "), " + m.get("os");
    }

    /** CPU time of the calling thread in ns (user + system), or 0 when the JVM cannot tell. */
    static long threadCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? Math.max(0, mx.getCurrentThreadCpuTime()) : 0;
    }

    /** {@code 256M}, {@code 4m}, {@code 16K}, {@code 1G}, {@code 1000}: bytes, binary multiples. */
    static long parseSize(String option, String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long mult = 1;
        if (t.endsWith("IB")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> mult = 1L << 10;
                case 'M' -> mult = 1L << 20;
                case 'G' -> mult = 1L << 30;
                default -> mult = 1;
            }
            if (mult > 1) {
                t = t.substring(0, t.length() - 1);
            }
        }
        try {
            double v = Double.parseDouble(t);
            long bytes = (long) (v * mult);
            if (!(v > 0) || bytes < 1) {
                throw new UsageException(option + " " + text + ": must be positive");
            }
            return bytes;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " " + text + ": not a size (e.g. 4096, 16K, 256M, 1G)");
        }
    }

    /** The context for {@code config}; a configuration the provider refuses is a usage error, not a bug. */
    static TlsContext context(TlsConfig config) {
        try {
            return TlsContext.create(config);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** As {@link #context(TlsConfig)}, for a configuration still to be built (and checked). */
    static TlsContext context(TlsConfig.Builder b) {
        TlsConfig config;
        try {
            config = b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return context(config);
    }

    /** A fresh CA and a server certificate of {@code type} for 127.0.0.1 and localhost, made for this run. */
    record ServerMaterial(HeldCertificate ca, HeldCertificate server) {
        static ServerMaterial create(KeyType type) {
            HeldCertificate ca = HeldCertificate.builder().commonName("tlskit bench CA").keyType(type)
                    .certificateAuthority(0).build();
            HeldCertificate server = HeldCertificate.builder().commonName("localhost").keyType(type)
                    .addDnsName("localhost").addIpAddress("127.0.0.1").serverAuth().signedBy(ca).build();
            return new ServerMaterial(ca, server);
        }

        Identity identity() {
            return new Identity(server.keyPair().getPrivate(), List.of(server.certificate(), ca.certificate()));
        }

        /** Writes cert.pem (server + CA), key.pem (0600) and ca.pem to {@code dir}, for OpenSSL. */
        void writeTo(Path dir) throws java.io.IOException {
            Files.writeString(dir.resolve("cert.pem"), server.certificatePem() + ca.certificatePem(),
                    StandardCharsets.US_ASCII);
            Path key = dir.resolve("key.pem");
            Files.writeString(key, server.privateKeyPkcs8Pem(), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the key is a throwaway for this run anyway.
            }
            Files.writeString(dir.resolve("ca.pem"), ca.certificatePem(), StandardCharsets.US_ASCII);
        }
    }

    /** A plain text table: a header row, then rows, columns padded; numbers right-aligned. */
    static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < r.size() && i < w.length; i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        for (List<String> r : all) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.size() && i < w.length; i++) {
                String cell = r.get(i);
                boolean number = i > 0 && !cell.isEmpty() && (Character.isDigit(cell.charAt(0)) || cell.equals("n/a")
                        || cell.startsWith("-"));
                String pad = " ".repeat(w[i] - cell.length());
                sb.append(i == 0 ? "" : "  ").append(number ? pad + cell : cell + (i == r.size() - 1 ? "" : pad));
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** CSV: a header line, then rows; cells quoted when they need it. */
    static void csv(PrintWriter out, List<String> header, List<List<String>> rows) {
        out.println(csvLine(header));
        for (List<String> r : rows) {
            out.println(csvLine(r));
        }
    }

    private static String csvLine(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (String c : cells) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(c.contains(",") || c.contains("\"") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return sb.toString();
    }

    static String fmt(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "n/a";
    }

    /**
     * A progress line on stderr, redrawn in place, only on a terminal, never with --json, and only for runs
     * expected to last over about two seconds. Close it before printing results.
     */
    static final class Progress implements AutoCloseable {
        private final PrintWriter err;
        private final Thread thread;
        private volatile String label = "";
        private volatile double fraction;
        private volatile boolean done;

        private Progress(PrintWriter err, boolean on) {
            this.err = err;
            this.thread = on ? new Thread(this::draw, "tlskit-bench-progress") : null;
            if (thread != null) {
                thread.setDaemon(true);
                thread.start();
            }
        }

        static Progress start(PrintWriter err, boolean json, double expectedSeconds) {
            boolean tty = System.console() != null && System.getenv("TERM") != null
                    && !"dumb".equals(System.getenv("TERM"));
            return new Progress(err, tty && !json && expectedSeconds > 2);
        }

        void update(String label, double fraction) {
            this.label = label;
            this.fraction = Math.max(0, Math.min(1, fraction));
        }

        private void draw() {
            while (!done) {
                int filled = (int) Math.round(fraction * 30);
                synchronized (err) {
                    err.print("\r[" + "#".repeat(filled) + " ".repeat(30 - filled) + "] "
                            + String.format(Locale.ROOT, "%3.0f%% ", fraction * 100) + label + "\033[K");
                    err.flush();
                }
                try {
                    Thread.sleep(200); // a redraw interval, not synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            if (thread == null) {
                return;
            }
            done = true;
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (err) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }

    static Set<String> lowerSet(List<String> values) {
        Set<String> s = new java.util.LinkedHashSet<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    s.add(part.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return s;
    }
}
