package dev.tlskit.cli.bench;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.certs.Identity;
import dev.tlskit.cli.Json;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.JsonOption;
import dev.tlskit.engine.EventLoopServer;
import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.EventLoopSettings;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.SessionHandler;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TlsProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tlskit bench memory}: how much heap an idle TLS connection costs the event-loop server, and what the echo latency of one active
 * client is while N others sit idle. The server runs in this JVM; the idle clients in a child JVM.
 */
@Command(name = "memory",
        description = {
            "Measures the event-loop echo server's heap per idle TLS connection: heap after GC with N idle"
                    + " connections open, minus with none, divided by N; the echo latency (p50/p99/max) of one"
                    + " active client meanwhile; and tlskit's own footprint (jar size, resident memory). The server"
                    + " runs in this JVM, the idle clients in a child JVM.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tlskit bench memory -n 1000",
            "  tlskit bench memory -n 10000 --provider bc --json",
        })
public final class MemoryBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--connections"}, paramLabel = "N", description = "idle connections to hold (default: 1000)")
    int connections = 1000;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "how long the active client echoes (default: 5)")
    double durationSeconds = 5;

    @Option(names = "--provider", paramLabel = "NAME", converter = dev.tlskit.cli.option.ProviderNames.class,
            completionCandidates = dev.tlskit.cli.option.ProviderNames.class,
            description = "the server's TLS implementation: jdk, bc or boringssl (default: jdk)")
    TlsProvider provider = TlsProvider.JDK;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (connections < 1 || connections > 1_000_000) {
            throw new UsageException("-n " + connections + ": must be between 1 and 1000000");
        }
        if (!(durationSeconds > 0)) {
            throw new UsageException("--duration " + durationSeconds + ": must be positive");
        }
        Identity id = DemoMaterial.server();
        TlsContext serverContext = TlsContext.create(TlsConfig.forServer(id.privateKey(), id.chain())
                .provider(provider).build());
        SessionHandler echo = (session, data) -> session.write(data);
        try (EventLoopServer server = EventLoopServer.start(serverContext,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new EventLoopSettings(0, connections + 10, Duration.ofSeconds(60), null), echo)) {
            int port = server.localAddress().getPort();
            long before = liveHeap();
            long residentBefore = residentBytes();
            Process child = spawnIdleClients(port);
            try (BufferedReader childOut = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String status = childOut.readLine();
                if (status == null || !status.startsWith("ready ")) {
                    throw new TlsException(TlsException.Kind.NETWORK, "the idle clients did not all connect: "
                            + status, null);
                }
                long after = liveHeap();
                long residentAfter = residentBytes();
                int open = server.stats().open();
                double[] latenciesMs = activeClientLatencies(port);
                Arrays.sort(latenciesMs);
                report(out, new long[] {before, after, residentBefore, residentAfter}, open, latenciesMs,
                        server.threadCount());
            } finally {
                child.getOutputStream().close();
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
        err.flush();
        return 0;
    }

    /** @param memory live heap before and after the idle clients connected, then resident memory likewise */
    private void report(PrintWriter out, long[] memory, int open, double[] lat, int threads) {
        long before = memory[0];
        long after = memory[1];
        double perConnection = (after - before) / (double) open;
        // Native state (boringssl's SSL objects) lives outside the heap: the resident set's growth shows it.
        double residentPerConnection = memory[2] < 0 ? -1 : (memory[3] - memory[2]) / (double) open;
        Map<String, Object> doc = Json.document("bench");
        doc.put("benchmark", "memory");
        doc.put("provider", provider.cliName());
        doc.put("java", Runtime.version().toString());
        doc.put("connections", open);
        doc.put("heapBeforeBytes", before);
        doc.put("heapAfterBytes", after);
        doc.put("heapPerConnectionBytes", Math.round(perConnection));
        doc.put("serverThreads", threads);
        doc.put("residentBytes", residentBytes());
        doc.put("residentPerConnectionBytes", Math.round(residentPerConnection));
        doc.put("jarBytes", jarBytes());
        doc.put("echoes", lat.length);
        doc.put("latencyP50Ms", percentile(lat, 0.50));
        doc.put("latencyP99Ms", percentile(lat, 0.99));
        doc.put("latencyMaxMs", lat.length == 0 ? 0.0 : lat[lat.length - 1]);
        if (json.json()) {
            out.println(Json.write(doc));
        } else {
            out.printf("idle connections:        %d (server: %s, Java %s, %d threads)%n", open, provider.cliName(),
                    Runtime.version().feature(), threads);
            out.printf("live heap, none open:    %.1f MB%n", before / 1e6);
            out.printf("live heap, all open:     %.1f MB%n", after / 1e6);
            out.printf("heap per idle connection: %.1f KB%n", perConnection / 1000);
            out.printf("resident per connection: %.1f KB (heap growth and native memory)%n",
                    residentPerConnection / 1000);
            out.printf("process resident memory: %.1f MB (JVM, heap and all); jar %.1f MB%n",
                    residentBytes() / 1e6, jarBytes() / 1e6);
            out.printf("active client echoes:    %d, latency p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", lat.length,
                    percentile(lat, 0.50), percentile(lat, 0.99), lat.length == 0 ? 0 : lat[lat.length - 1]);
        }
        out.flush();
    }

    private double[] activeClientLatencies(int port) throws TlsException {
        TlsContext ctx = TlsContext.create(TlsConfig.forClient().trustAnchors(List.of(DemoMaterial.ca())).build());
        long end = System.nanoTime() + (long) (durationSeconds * 1e9);
        double[] lat = new double[1 << 16];
        int n = 0;
        byte[] ping = "ping\n".getBytes(StandardCharsets.US_ASCII);
        byte[] back = new byte[ping.length];
        try (TlsConnection c = TlsConnection.connect(ctx, "127.0.0.1", port, IpFamily.IPV4)) {
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                c.write(ping);
                int got = 0;
                while (got < back.length) {
                    int r = c.read(back, got, back.length - got);
                    if (r < 0) {
                        throw new TlsException(TlsException.Kind.NETWORK, "the server closed the active client", null);
                    }
                    got += r;
                }
                if (n == lat.length) {
                    lat = Arrays.copyOf(lat, n * 2);
                }
                lat[n++] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return Arrays.copyOf(lat, n);
    }

    private Process spawnIdleClients(int port) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        long heapMb = Math.max(256, connections * 64L / 1000 + 128);
        List<String> cmd = List.of(java, "-Xmx" + heapMb + "m", "-cp", System.getProperty("java.class.path"),
                IdleClients.class.getName(), String.valueOf(port), String.valueOf(connections));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Used heap after full collections, settled: the live set, as well as the JVM lets us see it. */
    static long liveHeap() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100); // let concurrent cleanup finish; this is measurement, not synchronisation
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /** This process's resident set (VmRSS), or -1 where /proc does not tell. */
    static long residentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // Not Linux, or no /proc: unknown.
        }
        return -1;
    }

    /** The size of the jar tlskit runs from, or -1 when it runs from classes. */
    static long jarBytes() {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(
                    MemoryBenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return java.nio.file.Files.isRegularFile(p) ? java.nio.file.Files.size(p) : -1;
        } catch (java.net.URISyntaxException | java.io.IOException | SecurityException e) {
            return -1;
        }
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

}
