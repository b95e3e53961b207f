package dev.tlskit.cli.bench;

import dev.tlskit.certs.Identity;
import dev.tlskit.certs.KeyType;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.HostPort;
import dev.tlskit.cli.option.OptionGroup;
import dev.tlskit.cli.option.TlsOptions;
import dev.tlskit.engine.EventLoopServer;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.EventLoopSettings;
import dev.tlskit.engine.model.IpLiteral;
import dev.tlskit.engine.model.Session;
import dev.tlskit.engine.model.SessionHandler;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.wire.NamedGroup;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tlskit bench handshake}: full or resumed TLS handshakes per second, their latency, and the CPU each costs
 * the client and the (in-process) server. Resumptions are counted from what the wire showed, never assumed.
 *
 * <p>This class holds the options, checks them and runs the in-process server; {@link HandshakeClients} measures,
 * {@link HandshakeBaseline} runs OpenSSL for {@code --baseline}, {@link HandshakeReport} prints.
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
            "  tlskit bench handshake --provider bc --groups X25519MLKEM768 --groups x25519",
            "  tlskit bench handshake --key-type rsa-2048 --baseline openssl",
            "  tlskit bench handshake -h example.com -p 443 --count 20 --json",
        })
public final class HandshakeBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = {"-h", "--host"}, paramLabel = "HOST",
            description = "benchmark against this server instead of the in-process one")
    String host;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "the server's port with -h (default: 11111)")
    int port = 11111;

    @Mixin
    BenchTls protocol;

    @OptionGroup.In(OptionGroup.TLS)
    @Option(names = {"-r", "--resume"}, description = "measure resumed handshakes (each client thread first makes one"
            + " full handshake, not measured, then offers its session every time)")
    boolean resume;

    @OptionGroup.In(OptionGroup.TLS)
    @Option(names = "--groups", paramLabel = "LIST",
            description = "`:`-separated named groups, e.g. x25519, secp256r1 or X25519MLKEM768 (default: the"
                    + " providers': on bc X25519MLKEM768 first). Repeat it to measure each list in turn, one row each"
                    + " (--groups X25519MLKEM768 --groups x25519: what the hybrid costs). On Java 17 the jdk provider"
                    + " takes them JVM-wide, once")
    List<String> groups = new ArrayList<>();

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

    @Mixin
    BenchFormat format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        format.validate();
        validateNumbers();
        HostPort.port(port, false);
        String host = this.host == null ? null : HostPort.hostOnly("-h", this.host);
        boolean external = host != null;
        if (external && providers.inProcessServerOption() != null) {
            throw new UsageException(providers.inProcessServerOption()
                    + " applies to the in-process server only, not with -h");
        }
        if (external && baseline != null) {
            throw new UsageException("--baseline runs against the in-process workload, not with -h");
        }
        TlsVersion v = protocol.version();
        List<List<String>> groupRuns = groupRuns();
        if (groupRuns.size() > 1 && baseline != null) {
            throw new UsageException("--baseline compares one workload: give --groups once with it");
        }
        List<String> suites = protocol.suites();
        KeyType type = providers.keyType();
        List<String> notes = new ArrayList<>();
        if (!external) {
            addKeyCurve(groupRuns, type, notes);
        }
        OpenSsl openssl = baseline == null ? null : OpenSsl.require(baseline);
        HandshakeSettings settings = new HandshakeSettings(host, port, v, resume, groupRuns.get(0),
                protocol.ciphers(), suites, providers.client(), providers.server(), type, concurrency, count,
                duration == null ? 5 : duration, warmup);

        List<HandshakeResult> results = runAll(settings, groupRuns, openssl, err, notes);
        resultNotes(results, notes);
        new HandshakeReport(settings, format.json(), format.csv()).print(out, results, notes);
        return 0;
    }

    private void validateNumbers() {
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
    }

    /**
     * Both providers need the ECDSA key's curve among the groups to sign or verify with it (and the jdk provider on
     * Java 17 takes one list per JVM): it is added last to each list that lacks it, so the key share is still the
     * chosen one, with a note.
     */
    private static void addKeyCurve(List<List<String>> groupRuns, KeyType type, List<String> notes) {
        String curve = type == KeyType.EC_P256 ? NamedGroup.SECP256R1.jsseName()
                : type == KeyType.EC_P384 ? NamedGroup.SECP384R1.jsseName() : null;
        for (List<String> list : groupRuns) {
            if (!list.isEmpty() && curve != null && !list.contains(curve)) {
                list.add(curve);
                notes.add(curve + " added to --groups " + String.join(":", list.subList(0, list.size() - 1))
                        + " last: an ECDSA " + type.cliName() + " certificate needs it; the key exchange still uses "
                        + list.get(0));
            }
        }
    }

    /** Every --groups run, against -h or the in-process server (then OpenSSL's too, with --baseline). */
    private List<HandshakeResult> runAll(HandshakeSettings settings, List<List<String>> groupRuns, OpenSsl openssl,
            PrintWriter err, List<String> notes) throws Exception {
        String host = settings.host();
        boolean external = host != null;
        KeyType type = settings.keyType();
        List<HandshakeResult> results = new ArrayList<>();
        try (OpenSsl cleanup = openssl) {
            double expected = (warmup + (count == null ? settings.seconds() : 1)) * groupRuns.size()
                    * (openssl == null ? 1 : 3);
            try (Bench.Progress progress = Bench.Progress.start(err, format.json(), expected)) {
                Bench.ServerMaterial material = external ? null : Bench.ServerMaterial.create(type);
                for (List<String> list : groupRuns) {
                    HandshakeSettings run = settings.withGroups(list);
                    HandshakeClients clients = new HandshakeClients(run);
                    String suffix = groupRuns.size() > 1 ? " [" + String.join(":", list) + "]" : "";
                    if (external) {
                        results.add(clients.run("tlskit → " + IpLiteral.hostPort(host, port) + suffix,
                                clients.contexts(null), host, port, null, progress));
                    } else {
                        results.add(inProcess(run, clients, material, progress, suffix));
                        if (openssl != null) {
                            results.addAll(new HandshakeBaseline(run, openssl, clients)
                                    .run(material, results.get(0), progress, notes));
                        }
                    }
                }
            }
        }
        return results;
    }

    private void resultNotes(List<HandshakeResult> results, List<String> notes) {
        if (!resume) {
            notes.add("full handshakes: each uses a fresh client context (a client's session cache would resume);"
                    + " making it is left out of the time and the client CPU");
        }
        if (resume) {
            for (HandshakeResult r : results) {
                if (r.note() != null) {
                    notes.add(r.name() + ": " + r.note());
                }
            }
        }
    }

    /** Each --groups as a list of names, checked; one empty list (the providers' defaults) without --groups. */
    private List<List<String>> groupRuns() {
        List<List<String>> runs = new ArrayList<>();
        for (String given : groups) {
            List<String> names = new ArrayList<>();
            for (String n : given.split(":")) {
                if (!n.isBlank()) {
                    names.add(n.trim());
                }
            }
            if (names.isEmpty()) {
                throw new UsageException("--groups '" + given + "': empty list");
            }
            TlsOptions.checkGroups(given, names);
            runs.add(names);
        }
        if (runs.isEmpty()) {
            runs.add(new ArrayList<>());
        }
        return runs;
    }

    /**
     * Measures tlskit's event-loop server in this process, on its own threads: it counts the handshakes and
     * resumptions it saw and sends one byte after each handshake.
     */
    private static HandshakeResult inProcess(HandshakeSettings settings, HandshakeClients clients,
            Bench.ServerMaterial material, Bench.Progress progress, String nameSuffix) throws Exception {
        Identity id = material.identity();
        TlsProvider sp = settings.server();
        TlsConfig.Builder sb = TlsConfig.forServer(id.privateKey(), id.chain()).provider(sp)
                .versions(Set.of(settings.version()));
        if (!settings.groups().isEmpty()) {
            sb.namedGroups(settings.groups());
        }
        if (!settings.suites().isEmpty()) {
            sb.cipherSuites(settings.suites());
        }
        TlsContext serverContext = Bench.context(sb.build());
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
                new EventLoopSettings(0, 100_000, Duration.ofSeconds(30), null), handler)) {
            int p = server.localAddress().getPort();
            return clients.run("tlskit → tlskit" + nameSuffix, clients.contexts(material), "127.0.0.1", p,
                    new HandshakeClients.ServerProbe(() -> server.cpuTime().toNanos(), serverHandshakes, serverResumed,
                            sp.cliName(), true),
                    progress);
        }
    }
}
