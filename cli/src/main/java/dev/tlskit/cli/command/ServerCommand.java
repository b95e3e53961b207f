package dev.tlskit.cli.command;

import dev.tlskit.cli.Assertion;
import dev.tlskit.cli.ChainReport;
import dev.tlskit.cli.Errors;
import dev.tlskit.cli.ExitCode;
import dev.tlskit.cli.Json;
import dev.tlskit.cli.Report;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.ChainOptions;
import dev.tlskit.cli.option.DtlsOptions;
import dev.tlskit.cli.option.ExpectOptions;
import dev.tlskit.cli.option.KeyMaterialOptions;
import dev.tlskit.cli.option.ListenOptions;
import dev.tlskit.cli.option.OptionGroup;
import dev.tlskit.cli.option.OutputOptions;
import dev.tlskit.cli.option.TlsOptions;
import dev.tlskit.engine.Connection;
import dev.tlskit.engine.DtlsConnection;
import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TraceEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** wolfSSL's examples/server: accept, handshake, print, read one message, answer, close. */
@Command(name = "server",
        header = "Accept TLS connections and answer as wolfSSL's example server does.",
        description = {
            "Accepts TLS connections, prints the negotiated version, cipher suite and curve, reads the client's"
                    + " message and answers \"I hear you fa shizzle!\", as wolfSSL's example server does. Loopback"
                    + " only (127.0.0.1 and ::1, one port) unless -b or --bind; one connection unless -C or -i; asks for and verifies a client"
                    + " certificate unless -d.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # mutual-auth TLS 1.3 on the TEST-ONLY demo certificates",
            "  tlskit server & tlskit client",
            "  # any free port (printed), until Ctrl-C, no client certificate asked",
            "  tlskit server -p 0 -i -d",
            "  # your own certificates (see tlskit certgen)",
            "  tlskit server -c server.pem -k server.key -A ca.pem",
            "  # interop: OpenSSL, curl and GnuTLS as clients, on the demo files written out",
            "  tlskit certgen --demo demo && tlskit server -i &",
            "  openssl s_client -connect localhost:11111 -CAfile demo/ca.pem \\",
            "      -cert demo/client.pem -key demo/client.key",
            "  tlskit server -g -d & curl --cacert demo/ca.pem https://localhost:11111/",
            "  tlskit server -d & gnutls-cli --port 11111 --x509cafile demo/ca.pem localhost",
        })
public final class ServerCommand implements java.util.concurrent.Callable<Integer> {
    static final String REPLY = "I hear you fa shizzle!";
    private static final int MAX_CONCURRENT = 64;
    /** The longest HTTP request head -g reads before it answers anyway. */
    static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final long IDLE_THREAD_SECONDS = 2;

    @Spec
    CommandSpec spec;

    @Mixin
    ListenOptions listen;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = "-C", paramLabel = "N", description = "serve N connections, then exit (default: 1)")
    int connections = 1;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = "-i", description = "serve connections until interrupted")
    boolean forever;

    @OptionGroup.In(OptionGroup.CERTIFICATES)
    @Option(names = "-d", description = "do not ask for a client certificate (default: require and verify one)")
    boolean noClientAuth;

    @OptionGroup.In(OptionGroup.EXCHANGE)
    @Option(names = "-e", description = "echo every byte back until the client closes, instead of one reply")
    boolean echo;

    @OptionGroup.In(OptionGroup.EXCHANGE)
    @Option(names = "-g", description = "answer with a small HTML page (HTTP/1.0), for curl and browsers")
    boolean http;

    @OptionGroup.In(OptionGroup.ASSERTIONS)
    @Option(names = "--expect-client-cert", description = "the client must send a certificate (useful with -d)")
    boolean expectClientCert;

    @Mixin
    ExpectOptions expect;

    @Mixin
    ChainOptions chain;

    /** The configuration every connection shares (for --show-certs: its trust anchors). */
    private TlsConfig config;

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
        config = Configs.server(tls, dtls, keys, noClientAuth ? ClientAuth.NONE : ClientAuth.NEED, err, null);
        TlsContext baseContext = Configs.serverContext(config, err);
        InetAddress address = listen.address();
        if (dtls.dtls()) {
            return serveDatagrams(address, baseContext, out, err);
        }
        Listeners bound;
        try {
            bound = Listeners.bind(listen.addresses(), listen.port(), 128);
        } catch (BindException e) {
            throw Addresses.cannotListen("", address, listen.port(), e);
        }
        try (Listeners listener = bound) {
            err.println("tlskit server: listening on " + listener.where()
                    + (noClientAuth ? "" : " (client certificate required)"));
            err.flush();
            listening(out, listener.each(), listener.port());
            return serve(listener, baseContext, out, err);
        }
    }

    private int serve(Listeners listener, TlsContext baseContext, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        // As a cached pool, but an idle connection thread ends after a few seconds, not a minute: a server that has
        // just weathered a burst of connections is soon back to its resting threads.
        ExecutorService pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "tlskit-server-connection");
                    t.setDaemon(true);
                    return t;
                });
        Semaphore slots = new Semaphore(MAX_CONCURRENT);
        AtomicInteger firstFailure = new AtomicInteger(0);
        int accepted = 0;
        try {
            while (forever || accepted < connections) {
                slots.acquire();
                Socket socket = listener.accept();
                accepted++;
                pool.execute(() -> {
                    try {
                        int code = handle(Addresses.hostPort(socket.getInetAddress(), socket.getPort()),
                                trace -> TlsConnection.accept(baseContext, socket, trace), out, err);
                        if (code != 0) {
                            firstFailure.compareAndSet(0, code);
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
        } finally {
            pool.shutdown();
            // Every handler is bounded by the handshake and read timeouts; this wait only covers them.
            pool.awaitTermination(10 * tls.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        }
        return firstFailure.get();
    }

    /**
     * DTLS: one peer at a time on one UDP port (a DTLS "connection" is the socket connected to its peer), so the
     * socket is bound anew, on the same port, for each next client.
     */
    private int serveDatagrams(InetAddress address, TlsContext context, PrintWriter out, PrintWriter err)
            throws TlsException {
        int boundPort = listen.port();
        int firstFailure = 0;
        for (int served = 0; forever || served < connections; served++) {
            DatagramSocket socket;
            try {
                socket = new DatagramSocket(new InetSocketAddress(address, boundPort));
            } catch (SocketException e) {
                throw Addresses.cannotListen("UDP ", address, boundPort, e);
            }
            if (served == 0) {
                boundPort = socket.getLocalPort();
                err.println("tlskit server: listening on " + Addresses.hostPort(address, boundPort) + " (DTLS over UDP"
                        + (noClientAuth ? ")" : ", client certificate required)"));
                err.flush();
                listening(out, List.of(Addresses.hostPort(address, boundPort)), boundPort);
            }
            int code = handle(null, trace -> DtlsConnection.accept(context, socket, trace), out, err);
            socket.close();
            if (code != 0 && firstFailure == 0) {
                firstFailure = code;
            }
        }
        return firstFailure;
    }

    /**
     * With --json, the first line: {@code {"tlskit":1,"command":"server","event":"listening","address":"127.0.0.1:P",
     * "addresses":[...],"port":P}}, as the echoserver's, so a script started on port 0 reads the port from stdout.
     */
    private void listening(PrintWriter out, List<String> addresses, int port) {
        if (output.json()) {
            Map<String, Object> e = Json.event("server", "listening");
            e.put("address", addresses.get(0));
            e.put("addresses", addresses);
            e.put("port", port);
            Json.println(out, e);
        }
    }

    /** Completes the server side of one handshake. */
    private interface Acceptor {
        Connection accept(Consumer<TraceEvent> trace) throws TlsException;
    }

    /**
     * One connection; returns its exit code. Output is printed as one block so connections do not interleave.
     *
     * @param knownPeer the peer's address when known before the handshake (TCP), else null (DTLS: the first client)
     */
    private int handle(String knownPeer, Acceptor acceptor, PrintWriter out, PrintWriter err) {
        String peer = knownPeer == null ? "(no client yet)" : knownPeer;
        List<Object> traceEvents = Collections.synchronizedList(new ArrayList<>());
        Consumer<TraceEvent> trace = Configs.traceSink(output, err, traceEvents::add);
        StringWriter text = new StringWriter();
        PrintWriter block = new PrintWriter(text);
        Map<String, Object> doc = Json.document("server");
        doc.put("peer", peer);
        int code = 0;
        try (Connection c = acceptor.accept(trace)) {
            peer = Addresses.hostPort(c.remoteAddress().getAddress(), c.remoteAddress().getPort());
            doc.put("peer", peer);
            HandshakeSummary s = c.summary();
            Report.seedLines(block, s);
            doc.put("handshake", Report.handshakeJson(s));
            showAndSave(s.peerChain(), null, peer, err);
            if (output.verbose()) {
                synchronized (err) {
                    Report.verboseLines(err, s);
                }
            }
            answer(c, s, block, doc);
            code = assertions(s, doc, peer, err);
        } catch (RuntimeException bug) {
            code = Errors.bug(err, "client " + peer, bug);
        } catch (TlsException failed) {
            TlsException e = ChainReport.explained(failed, config, null,
                    chain.show() ? null : ChainReport.SHOW_CERTS);
            doc.put("error", Errors.json(e));
            showAndSave(e.peerChain(), failed.getMessage(), peer, err);
            code = Errors.print(err, "client " + peer, e, output.verbose());
        }
        if (!traceEvents.isEmpty()) {
            doc.put("trace", traceEvents);
        }
        block.flush();
        synchronized (out) {
            if (output.json()) {
                out.println(Json.write(doc));
            } else {
                out.print(text);
            }
            out.flush();
        }
        return code;
    }

    /** -e echoes, -g answers the HTTP request with a page, else one message gets the one reply. */
    private void answer(Connection c, HandshakeSummary s, PrintWriter block, Map<String, Object> doc)
            throws TlsException {
        if (echo) {
            doc.put("echoedBytes", ServerExchange.echo(c));
        } else if (http) {
            String request = ServerExchange.readRequest(c);
            if (request.endsWith("\n\n") || request.endsWith("\r\n\r\n") || request.length() >= MAX_REQUEST_BYTES) {
                c.write(ServerExchange.httpPage(s).getBytes(StandardCharsets.UTF_8));
            }
            doc.put("request", request);
        } else {
            String message = ServerExchange.readMessage(c);
            block.println("Client message: " + ServerExchange.stripNewline(message));
            c.write(REPLY.getBytes(StandardCharsets.UTF_8));
            doc.put("clientMessage", message);
            doc.put("reply", REPLY);
        }
    }

    /** --show-certs and --save-chain for the client's chain (failure: why verification failed, else null). */
    private void showAndSave(List<java.security.cert.X509Certificate> peerChain, String failure, String peer,
            PrintWriter err) {
        if (!chain.show() && chain.saveDir() == null || failure != null && peerChain.isEmpty()) {
            return;
        }
        ChainReport report = new ChainReport(peerChain, config, null);
        synchronized (err) {
            if (chain.show()) {
                report.print(err, "client " + peer, failure);
            }
            if (chain.saveDir() != null && !peerChain.isEmpty()) {
                List<java.nio.file.Path> files = report.save(chain.saveDir());
                err.println("tlskit: saved the chain of client " + peer + " to "
                        + String.join(", ", files.stream().map(Object::toString).toList()));
            }
            err.flush();
        }
    }

    /** Checks the --expect-* assertions after the exchange: 5 and one stderr line per failed one, else 0. */
    private int assertions(HandshakeSummary s, Map<String, Object> doc, String peer, PrintWriter err) {
        List<Assertion> assertions = new ArrayList<>(expect.check(s));
        if (expectClientCert) {
            assertions.add(ExpectOptions.clientCertSent(s));
        }
        if (assertions.isEmpty()) {
            return ExitCode.OK;
        }
        List<Object> results = new ArrayList<>();
        assertions.forEach(a -> results.add(a.json()));
        doc.put("assertions", results);
        List<Assertion> failed = assertions.stream().filter(a -> !a.ok()).toList();
        if (failed.isEmpty()) {
            return ExitCode.OK;
        }
        return Errors.assertionsFailed(err, failed, "client " + peer);
    }

    private void validate() {
        listen.validate();
        if (connections < 1) {
            throw new UsageException("-C " + connections + ": must be at least 1");
        }
        if (echo && http) {
            throw new UsageException("-e and -g conflict");
        }
        expect.validate();
        chain.validate();
        if (noClientAuth && keys.hasTrust()) {
            throw new UsageException("-d and -A conflict: -d asks for no client certificate to verify");
        }
    }
}
