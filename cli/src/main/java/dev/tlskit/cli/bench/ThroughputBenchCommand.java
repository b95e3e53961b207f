package dev.tlskit.cli.bench;

import dev.tlskit.certs.Identity;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.OptionGroup;
import dev.tlskit.engine.EventLoopServer;
import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.EventLoopSettings;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.Session;
import dev.tlskit.engine.model.SessionHandler;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tlskit bench throughput}: bulk application data over one TLS connection to the in-process event-loop
 * server, one way into a sink or echoed back; MB/s and CPU per MB of client and server.
 */
@Command(name = "throughput",
        description = {
            "Measures bulk TLS application data over one connection to tlskit's in-process event-loop server: one"
                    + " way (client to a counting sink) or --echo'ed back; MB/s (10^6 bytes) and CPU time per MB of the"
                    + " client's threads and the server's threads. The handshake is not timed; a warm-up transfer"
                    + " on its own connection comes first.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  tlskit bench throughput --size 256M",
            "  tlskit bench throughput --echo --record-size 4K --provider bc",
            "  tlskit bench throughput -l TLS_CHACHA20_POLY1305_SHA256 --baseline openssl",
        })
public final class ThroughputBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchTls protocol;

    @Mixin
    BenchProviders providers;

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = "--size", paramLabel = "BYTES", description = "bytes to send, K/M/G suffixes (binary) allowed"
            + " (default: 256M)")
    String size = "256M";

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = "--record-size", paramLabel = "BYTES", description = "bytes per write (default: 16K)")
    String recordSize = "16K";

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = "--echo", description = "the server sends every byte back; the client reads it all")
    boolean echo;

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = "--warmup", paramLabel = "BYTES", description = "a transfer before measuring, excluded (default:"
            + " 32M; 0: none)")
    String warmup = "32M";

    @OptionGroup.In(OptionGroup.MEASUREMENT)
    @Option(names = "--baseline", paramLabel = "openssl", description = "also send the same bytes from openssl"
            + " s_client to openssl s_server (one way) and print tlskit/OpenSSL ratios")
    String baseline;

    @Mixin
    BenchFormat format;

    /** What one transfer measured; CPU -1 when unknown. */
    record Result(String name, String client, String server, String cipherSuite, long bytes, long serverBytes,
            long clientBytesBack, double seconds, long clientCpuNanos, long serverCpuNanos, String note) {
        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }

        double clientCpuMsPerMb() {
            return clientCpuNanos < 0 ? Double.NaN : clientCpuNanos / 1e6 / (bytes / 1e6);
        }

        double serverCpuMsPerMb() {
            return serverCpuNanos < 0 ? Double.NaN : serverCpuNanos / 1e6 / (bytes / 1e6);
        }
    }

    /** The transfer in progress: what the server has received (or echoed) of it. */
    private static final class Transfer {
        final long expected;
        final AtomicLong received = new AtomicLong();
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Transfer(long expected) {
            this.expected = expected;
        }
    }

    private volatile Transfer current = new Transfer(Long.MAX_VALUE);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        format.validate();
        long total = Bench.parseSize("--size", size);
        long record = Bench.parseSize("--record-size", recordSize);
        if (record > 16 << 20) {
            throw new UsageException("--record-size " + recordSize + ": at most 16M");
        }
        long warm = "0".equals(warmup.trim()) ? 0 : Bench.parseSize("--warmup", warmup);
        TlsVersion v = protocol.version();
        List<String> suites = new ArrayList<>(protocol.suites());
        if (suites.isEmpty() && v == TlsVersion.TLS_1_3) {
            suites.add("TLS_AES_128_GCM_SHA256");
        }
        TlsProvider sp = providers.server();
        OpenSsl openssl = baseline == null ? null : OpenSsl.require(baseline);
        Bench.ServerMaterial material = Bench.ServerMaterial.create(providers.keyType());
        Identity id = material.identity();
        TlsConfig.Builder sb = TlsConfig.forServer(id.privateKey(), id.chain()).provider(sp).versions(Set.of(v));
        TlsConfig.Builder cb = TlsConfig.forClient().provider(providers.client()).versions(Set.of(v))
                .trustAnchors(List.of(material.ca().certificate())).readTimeout(Duration.ofSeconds(60));
        pinSuites(sb, cb, v, suites);
        TlsContext serverContext = Bench.context(sb);
        TlsContext clientContext = Bench.context(cb);
        SessionHandler handler = sink();
        List<Result> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        double expectedSeconds = (total + warm) * (echo ? 2 : 1) / 300e6 * (openssl == null ? 1 : 2);
        try (OpenSsl cleanup = openssl;
                Bench.Progress progress = Bench.Progress.start(err, format.json(), expectedSeconds);
                EventLoopServer server = EventLoopServer.start(serverContext,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        new EventLoopSettings(0, 100, Duration.ofSeconds(30), null), handler)) {
            int port = server.localAddress().getPort();
            if (warm > 0) {
                progress.update("warm-up", 0);
                transfer(clientContext, port, warm, (int) record, server, progress, "warm-up");
            }
            progress.update("tlskit → tlskit", 0);
            results.add(transfer(clientContext, port, total, (int) record, server, progress, "tlskit → tlskit"));
            if (openssl != null) {
                progress.update("openssl s_client → openssl s_server", 0.5);
                results.add(opensslOneWay(openssl, material, v, suites, total, notes));
            }
        }
        new ThroughputReport(format.json(), format.csv(), echo, providers.keyType(), providers.client())
                .print(out, v, sp, total, record, results, notes);
        return 0;
    }

    /**
     * BoringSSL's TLS 1.3 suites are fixed (AES-128-GCM first with AES hardware, the default here too): the default
     * is not pinned on a boringssl side; a -l the user gave is, and boringssl refuses it if it must.
     */
    private void pinSuites(TlsConfig.Builder sb, TlsConfig.Builder cb, TlsVersion v, List<String> suites) {
        boolean pinnable = !protocol.ciphers().isEmpty() || v != TlsVersion.TLS_1_3;
        if (!suites.isEmpty() && (pinnable || providers.server() != TlsProvider.BORINGSSL)) {
            sb.cipherSuites(suites);
        }
        if (!suites.isEmpty() && (pinnable || providers.client() != TlsProvider.BORINGSSL)) {
            cb.cipherSuites(suites);
        }
    }

    /** The server's side: counts what arrives for the current transfer, echoing it with --echo. */
    private SessionHandler sink() {
        return new SessionHandler() {
            @Override
            public void received(Session session, ByteBuffer data) {
                // Counted before echoing, so a client that has every byte back also sees them counted.
                Transfer t = current;
                long got = t.received.addAndGet(data.remaining());
                if (echo) {
                    session.write(data);
                } else {
                    data.position(data.limit());
                }
                if (got >= t.expected) {
                    t.done.complete(null);
                }
            }
        };
    }

    private Result transfer(TlsContext ctx, int port, long total, int record, EventLoopServer server,
            Bench.Progress progress, String name) throws Exception {
        Transfer t = new Transfer(total);
        current = t;
        try (TlsConnection c = TlsConnection.connect(ctx, "127.0.0.1", port, IpFamily.IPV4)) {
            String suite = c.summary().cipherSuite();
            byte[] buf = new byte[record];
            for (int i = 0; i < buf.length; i++) {
                buf[i] = (byte) i;
            }
            long serverCpu0 = server.cpuTime().toNanos();
            AtomicLong writerCpu = new AtomicLong();
            CompletableFuture<Void> written = new CompletableFuture<>();
            long t0 = System.nanoTime();
            Runnable writer = () -> {
                long cpu0 = Bench.threadCpuNanos();
                try {
                    long left = total;
                    while (left > 0) {
                        int n = (int) Math.min(record, left);
                        c.write(buf, 0, n);
                        left -= n;
                        progress.update(name, 1 - left / (double) total);
                    }
                    written.complete(null);
                } catch (TlsException | RuntimeException e) {
                    written.completeExceptionally(e);
                } finally {
                    writerCpu.set(Bench.threadCpuNanos() - cpu0);
                }
            };
            long back = 0;
            long readerCpu = 0;
            if (echo) {
                Thread w = new Thread(writer, "tlskit-bench-writer");
                w.setDaemon(true);
                w.start();
                long cpu0 = Bench.threadCpuNanos();
                byte[] in = new byte[64 * 1024];
                while (back < total) {
                    int r = c.read(in, 0, in.length);
                    if (r < 0) {
                        break;
                    }
                    back += r;
                }
                readerCpu = Bench.threadCpuNanos() - cpu0;
                w.join();
                written.get();
            } else {
                writer.run();
                written.get();
                t.done.get(120, TimeUnit.SECONDS);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            long serverCpu = server.cpuTime().toNanos() - serverCpu0;
            if (t.received.get() != total || (echo && back != total)) {
                throw new TlsException(TlsException.Kind.NETWORK, "sent " + total + " bytes, the server received "
                        + t.received.get() + (echo ? " and the client got back " + back : ""), null);
            }
            return new Result(name, providers.client().cliName(), providers.server().cliName(),
                    suite, total, t.received.get(), echo ? back : -1, secs, writerCpu.get() + readerCpu, serverCpu,
                    null);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof TlsException te) {
                throw te;
            }
            throw e;
        }
    }

    /**
     * OpenSSL on both sides: {@code head -c SIZE /dev/zero | openssl s_client -quiet -no_ign_eof} into
     * {@code openssl s_server}, whose output (the data) goes to /dev/null. Time: s_client's whole life, handshake
     * and process start included; server CPU from /proc.
     */
    private Result opensslOneWay(OpenSsl openssl, Bench.ServerMaterial material, TlsVersion v, List<String> suites,
            long total, List<String> notes) throws Exception {
        if (echo) {
            notes.add("openssl baseline: one way only (s_server does not echo); the ratio compares it with the echo run");
        }
        Path dir = Files.createTempDirectory("tlskit-bench-");
        try {
            material.writeTo(dir);
            List<String> versionArgs = new ArrayList<>(List.of(v == TlsVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2"));
            if (!suites.isEmpty()) {
                versionArgs.add(v == TlsVersion.TLS_1_3 ? "-ciphersuites" : "-cipher");
                versionArgs.add(v == TlsVersion.TLS_1_3 ? String.join(":", suites)
                        : OpenSsl.cipherList(protocol.ciphers()));
            }
            List<String> args = new ArrayList<>(List.of("-cert", dir.resolve("cert.pem").toString(),
                    "-key", dir.resolve("key.pem").toString(), "-quiet"));
            args.addAll(versionArgs);
            OpenSsl.Server server = openssl.server(args);
            try {
                String clientCmd = "head -c " + total + " /dev/zero | '" + OpenSsl.onPath("openssl").replace("'", "")
                        + "' s_client -connect 127.0.0.1:" + server.port() + " -quiet -no_ign_eof "
                        + String.join(" ", versionArgs) + " >/dev/null 2>&1";
                long cpu0 = server.cpuNanos();
                long t0 = System.nanoTime();
                Process client = new ProcessBuilder("sh", "-c", clientCmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                try {
                    if (!client.waitFor(300, TimeUnit.SECONDS)) {
                        throw new TlsException(TlsException.Kind.NETWORK, "openssl s_client did not finish", null);
                    }
                } finally {
                    OpenSsl.destroy(client);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                Thread.sleep(100); // let s_server drain the socket before reading its CPU clock; measurement only
                long serverCpu = server.cpuNanos() - cpu0;
                notes.add("openssl: s_client reads its input (head -c " + total + " /dev/zero) in 16 KB writes;"
                        + " its time includes process start and handshake; s_server writes the data to /dev/null;"
                        + " 127.0.0.1 port " + server.port());
                return new Result("openssl s_client → openssl s_server", "openssl", "openssl",
                        suites.isEmpty() ? "default" : String.join(":", suites), total, -1, -1, secs, -1, serverCpu,
                        "one way");
            } finally {
                OpenSsl.destroy(server.process());
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
