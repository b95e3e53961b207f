package dev.tlskit.cli.command;

import dev.tlskit.cli.ExitCode;
import dev.tlskit.cli.Json;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.DtlsOptions;
import dev.tlskit.cli.option.KeyMaterialOptions;
import dev.tlskit.cli.option.ListenOptions;
import dev.tlskit.cli.option.OptionGroup;
import dev.tlskit.cli.option.OutputOptions;
import dev.tlskit.cli.option.TlsOptions;
import dev.tlskit.engine.DtlsServer;
import dev.tlskit.engine.EventLoopServer;
import dev.tlskit.engine.ListenAddresses;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.DtlsServerSettings;
import dev.tlskit.engine.model.DtlsServerStats;
import dev.tlskit.engine.model.EventLoopSettings;
import dev.tlskit.engine.model.EventLoopStats;
import dev.tlskit.engine.model.TlsConfig;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** wolfSSL's examples/echoserver, on the engine's event-loop server: many clients, few threads. */
@Command(name = "echoserver",
        header = "Echo every byte back to many TLS clients at once.",
        description = {
            "Echoes every byte back on every TLS connection, many clients at once on a few event-loop threads."
                    + " A line 'quit' from any client shuts the server down, 'break' closes that client's session,"
                    + " a line starting 'GET ' gets a small HTTP page. Loopback only (127.0.0.1 and ::1, one port)"
                    + " unless -b or --bind; asks for no client certificate unless --client-auth.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # echo, and stop the server with a 'quit' line",
            "  tlskit echoserver & printf 'hello\\nquit\\n' | tlskit echoclient",
            "  # many clients: any free port, no echo printed, counters every 10 s",
            "  tlskit echoserver -p 0 --quiet --stats --max-connections 20000",
            "  # interop: OpenSSL as the client ('break' ends the session)",
            "  printf 'hello\\nbreak\\n' | openssl s_client -connect localhost:11111 -quiet",
        })
public final class EchoServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ListenOptions listen;

    @OptionGroup.In(OptionGroup.CERTIFICATES)
    @Option(names = "--client-auth", paramLabel = "MODE", converter = ClientAuthConverter.class,
            completionCandidates = ClientAuthConverter.class,
            description = "ask for a client certificate: none, want or need (default: none)")
    ClientAuth clientAuth = ClientAuth.NONE;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = "--max-connections", paramLabel = "N",
            description = "connections beyond N are closed on accept (default: 100000)")
    int maxConnections = 100_000;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = "--loops", paramLabel = "N", description = "event-loop threads (default: one per core)")
    int loops;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "close connections that move no byte for this long (default: never)")
    Double idleTimeoutSeconds;

    @OptionGroup.In(OptionGroup.OUTPUT)
    @Option(names = "--stats", description = "print counters (open, total, bytes, handshakes/s) every"
            + " --stats-interval and at shutdown")
    boolean stats;

    @OptionGroup.In(OptionGroup.OUTPUT)
    @Option(names = "--stats-interval", paramLabel = "SECONDS", description = "how often --stats prints (default: 10)")
    double statsInterval = 10;

    @OptionGroup.In(OptionGroup.OUTPUT)
    @Option(names = {"-q", "--quiet"}, description = "print neither the echoed data (stdout) nor per-connection failures (stderr)")
    boolean quiet;

    @Mixin
    TlsOptions tls;

    @Mixin
    DtlsOptions dtls;

    @Mixin
    KeyMaterialOptions keys;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        validate();
        TlsConfig config = Configs.server(tls, dtls, keys, clientAuth, err,
                Configs.traceSink(output, err, t -> {
                    Map<String, Object> e = Json.event("echoserver", "trace");
                    e.putAll(t);
                    Json.println(out, e);
                }));
        TlsContext context = Configs.serverContext(config, err);
        CountDownLatch quit = new CountDownLatch(1);
        EchoHandler handler = new EchoHandler(out, err, output, quiet, quit);
        Duration idle = idleTimeoutSeconds == null ? null : seconds(idleTimeoutSeconds, "--idle-timeout");
        InetSocketAddress address = new InetSocketAddress(listen.address(), listen.port());
        Running server;
        try {
            server = dtls.dtls() ? startDatagrams(context, address, handler, idle)
                    : startStreams(context, listen.addresses(), listen.port(), handler, idle);
        } catch (BindException e) {
            throw Addresses.cannotListen(dtls.dtls() ? "UDP " : "", listen.address(), listen.port(), e);
        }
        Thread onInterrupt = new Thread(server::close, "tlskit-echoserver-shutdown");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        List<String> each = server.addresses().stream()
                .map(a -> ListenAddresses.describe(List.of(a.getAddress()), a.getPort())).toList();
        err.println("tlskit echoserver: listening on " + String.join(" and ", each)
                + (dtls.dtls() ? " (DTLS over UDP)" : ""));
        err.flush();
        if (output.json()) {
            Map<String, Object> e = Json.event("echoserver", "listening");
            e.put("address", each.get(0));
            e.put("addresses", each);
            e.put("port", server.addresses().get(0).getPort());
            Json.println(out, e);
        }
        ScheduledExecutorService timer = null;
        if (stats) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tlskit-echoserver-stats");
                t.setDaemon(true);
                return t;
            });
            long every = seconds(statsInterval, "--stats-interval").toMillis();
            StatsPrinter printer = new StatsPrinter(server);
            timer.scheduleAtFixedRate(() -> printStats(out, err, printer.next()), every, every, TimeUnit.MILLISECONDS);
        }
        quit.await();
        server.close();
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
        if (timer != null) {
            timer.shutdownNow();
        }
        if (stats || output.json()) {
            printStats(out, err, new StatsPrinter(server).finalLine());
        }
        out.flush();
        return ExitCode.OK;
    }

    /** What this command needs of a running server, TCP or UDP. */
    private record Running(AutoCloseable server, List<InetSocketAddress> addresses,
            Supplier<Map<String, Object>> counters, LongSupplier handshakes) {

        void close() {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the server", e);
            }
        }
    }

    private Running startStreams(TlsContext context, List<InetAddress> addresses, int port, EchoHandler handler,
            Duration idle) throws java.io.IOException {
        EventLoopServer server = EventLoopServer.start(context, addresses, port,
                new EventLoopSettings(loops, maxConnections, tls.timeout(), idle), handler);
        return new Running(server, server.localAddresses(), () -> {
            EventLoopStats s = server.stats();
            Map<String, Object> m = Json.object();
            m.put("open", s.open());
            m.put("total", s.accepted());
            m.put("handshakes", s.handshakes());
            m.put("failures", s.failures());
            m.put("rejected", s.rejected());
            m.put("bytesIn", s.bytesIn());
            m.put("bytesOut", s.bytesOut());
            m.put("threads", server.threadCount());
            return m;
        }, () -> server.stats().handshakes());
    }

    private Running startDatagrams(TlsContext context, InetSocketAddress address, EchoHandler handler,
            Duration idle) throws java.io.IOException {
        DtlsServer server = DtlsServer.start(context, address,
                new DtlsServerSettings(maxConnections, tls.timeout(), idle), handler);
        return new Running(server, List.of(server.localAddress()), () -> {
            DtlsServerStats s = server.stats();
            Map<String, Object> m = Json.object();
            m.put("open", s.open());
            m.put("handshakes", s.handshakes());
            m.put("failures", s.failures());
            m.put("rejected", s.rejected());
            m.put("helloVerifyRequests", s.helloVerifyRequests());
            m.put("dropped", s.dropped());
            m.put("threads", 1);
            return m;
        }, () -> server.stats().handshakes());
    }

    private void printStats(PrintWriter out, PrintWriter err, Map<String, Object> line) {
        if (output.json()) {
            Map<String, Object> e = Json.event("echoserver", "stats");
            e.putAll(line);
            Json.println(out, e);
        } else {
            StringBuilder sb = new StringBuilder("tlskit echoserver: stats:");
            line.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            synchronized (err) {
                err.println(sb);
                err.flush();
            }
        }
    }

    private void validate() {
        listen.validate();
        if (maxConnections < 1) {
            throw new UsageException("--max-connections " + maxConnections + ": must be at least 1");
        }
        if (loops != 0 && dtls.dtls()) {
            throw new UsageException("--loops " + loops + ": a DTLS server runs on one thread (no --loops with -u)");
        }
        if (loops < 0 || loops > 256) {
            throw new UsageException("--loops " + loops + ": must be between 1 and 256 (0: one per core)");
        }
    }

    private static Duration seconds(double value, String flag) {
        if (!(value > 0) || value > 86_400 * 365) {
            throw new UsageException(flag + " " + value + ": must be a positive number of seconds");
        }
        return Duration.ofMillis(Math.max(1, (long) (value * 1000)));
    }

    /** Turns counters into a stats line, with rates since the previous line. */
    private static final class StatsPrinter {
        private final Running server;
        private long lastNanos = System.nanoTime();
        private long lastHandshakes;

        StatsPrinter(Running server) {
            this.server = server;
        }

        Map<String, Object> next() {
            long handshakes = server.handshakes().getAsLong();
            long now = System.nanoTime();
            double rate = (handshakes - lastHandshakes) / ((now - lastNanos) / 1e9);
            lastNanos = now;
            lastHandshakes = handshakes;
            Map<String, Object> m = server.counters().get();
            m.put("handshakesPerSecond", Math.round(rate * 10) / 10.0);
            return m;
        }

        Map<String, Object> finalLine() {
            return server.counters().get();
        }
    }
}
