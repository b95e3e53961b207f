package dev.tlskit.cli.command;

import dev.tlskit.cli.Assertion;
import dev.tlskit.cli.ChainReport;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.console.Tty;
import dev.tlskit.cli.option.ExpectOptions;
import dev.tlskit.cli.option.PeerOptions;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One client check, a function from the resolved options (a parsed {@link ClientCommand}) and a target to a
 * {@link ClientOutcome}. {@link #prepare} does every check of the flags and builds the configuration, so a usage
 * error comes before any connection (for {@code --targets}: before any target's); {@link #run} connects, exchanges
 * and asserts, and prints nothing but what happens live on stderr ({@code --trace}, the STARTTLS prelude with
 * --verbose).
 */
final class ClientCheck {
    private final ClientCommand o;
    private final String host;
    private final int port;
    private final IpFamily family;
    private final TlsConfig config;
    private final TlsContext context;
    private final StartTlsDialer prelude;
    private final boolean sendNothing;
    private final Relay relay;
    private final List<Object> trace;

    private ClientCheck(ClientCommand o, String host, int port, IpFamily family, TlsConfig config,
            TlsContext context, StartTlsDialer prelude, boolean sendNothing, Relay relay, List<Object> trace) {
        this.o = o;
        this.host = host;
        this.port = port;
        this.family = family;
        this.config = config;
        this.context = context;
        this.prelude = prelude;
        this.sendNothing = sendNothing;
        this.relay = relay;
        this.trace = trace;
    }

    /**
     * Checks the flags of {@code o} and builds the configuration for {@code host}.
     *
     * @param targetPort the target's own port ({@code --targets} line), or null: {@code -p}, else the STARTTLS
     *     protocol's, else 11111
     * @param batch part of {@code --targets}: send nothing unless -m or -g says what (stdin is the list, not a
     *     message)
     * @param err where warnings and the live diagnostics go
     * @throws UsageException for a bad or conflicting flag, or input file
     */
    static ClientCheck prepare(ClientCommand o, String host, Integer targetPort, boolean batch, PrintWriter err) {
        o.starttls.validate();
        if (o.starttls.protocol() != null) {
            o.peer.defaultPort(o.starttls.protocol().defaultPort());
        }
        int port = o.peer.port();
        if (targetPort != null) {
            port = targetPort;
        }
        IpFamily family = o.peer.family();
        if (o.httpGet && !ClientCommand.DEFAULT_MESSAGE.equals(o.message)) {
            throw new UsageException("-g and -m conflict: -g sends a GET request");
        }
        if (o.handshakeOnly && (o.httpGet || !ClientCommand.DEFAULT_MESSAGE.equals(o.message))) {
            throw new UsageException("--handshake-only and " + (o.httpGet ? "-g" : "-m")
                    + " conflict: --handshake-only sends nothing");
        }
        if (o.httpGet && o.starttls.quit()) {
            throw new UsageException("-g and --quit conflict: -g reads until the server closes");
        }
        if (o.expectResumed && !o.resume) {
            throw new UsageException("--expect-resumed needs -r (it checks the reconnection)");
        }
        StartTlsDialer prelude = o.starttls.protocol() == null ? null : startTls(o, host, err);
        Relay relay = relay(o, prelude, batch, err);
        o.expect.validate();
        o.chain.validate();
        List<Object> trace = Collections.synchronizedList(new ArrayList<>());
        TlsConfig config = Configs.client(o.tls, o.dtls, o.keys, o.peer.insecure(), o.peer.noClientCert(), host, err,
                Configs.traceSink(o.output, err, trace::add));
        if (o.peer.insecure()) {
            PeerOptions.warnNotVerified(err, "server");
        }
        TlsContext context = Configs.context(config);
        // After STARTTLS (or in a batch) only -m or -g says what to send: "hello wolfssl!" means nothing to a mail
        // server, and a batch's stdin may be its target list
        boolean messageGiven = o.spec.commandLine().getParseResult().hasMatchedOption("-m");
        boolean sendNothing = o.handshakeOnly || (prelude != null || batch) && !o.httpGet && !messageGiven;
        return new ClientCheck(o, host, port, family, config, context, prelude, sendNothing, relay, trace);
    }

    /**
     * Interactive use, or null: asked for with --interactive, or by default with --starttls on a terminal when no
     * flag says what to do instead (-m, -g, --handshake-only, --quit, -r, --json); never in a batch.
     */
    private static Relay relay(ClientCommand o, StartTlsDialer prelude, boolean batch, PrintWriter err) {
        var parsed = o.spec.commandLine().getParseResult();
        String instead = parsed.hasMatchedOption("-m") ? "-m" : o.httpGet ? "-g" : o.handshakeOnly
                ? "--handshake-only" : o.starttls.quit() ? "--quit" : o.resume ? "-r" : o.output.json() ? "--json"
                : batch ? "--targets" : null;
        if (o.interactive && instead != null) {
            throw new UsageException("--interactive and " + instead + " conflict: " + instead
                    + switch (instead) {
                        case "--json" -> " writes one JSON document";
                        case "--targets" -> " reads the targets from stdin";
                        default -> " says what to send";
                    });
        }
        if (o.crlf && !o.interactive && prelude == null) {
            throw new UsageException("--crlf needs --interactive (or --starttls): it ends the lines typed");
        }
        boolean relay = o.interactive
                || prelude != null && instead == null && Tty.interactive();
        return relay ? new Relay(dev.tlskit.cli.TlskitCommand.stdin(o.spec), o.spec.commandLine().getOut(), err,
                o.output.verbose(), o.crlf || prelude != null && o.starttls.protocol().crlf()) : null;
    }

    /** {@code --starttls}: the dialer, once the flags it conflicts with are ruled out. */
    private static StartTlsDialer startTls(ClientCommand o, String host, PrintWriter err) {
        if (o.dtls.dtls()) {
            throw new UsageException("--starttls and -u conflict: STARTTLS runs over TCP");
        }
        return new StartTlsDialer(o.starttls.protocol(), o.starttls.name(host, o.tls.sni()),
                !o.output.json() && (o.output.trace() || o.output.verbose()), err);
    }

    /** The port it connects to. */
    int port() {
        return port;
    }

    /** Connects, exchanges, reconnects with {@code -r}, and checks the assertions. */
    ClientOutcome run() {
        ClientConnection connection = new ClientConnection(host, port, o.tls.timeout(), o.httpGet, sendNothing,
                prelude == null ? Dialer.DIRECT : prelude, relay, o.starttls.quit() ? prelude.goodbye() : null);
        ClientExchange first;
        try {
            first = connection.exchange(context, family, o.httpGet ? ClientCommand.HTTP_GET : o.message);
        } catch (TlsException failed) {
            TlsException e = ChainReport.explained(failed, config, host,
                    o.chain.show() ? null : ChainReport.SHOW_CERTS);
            return new ClientOutcome(host, port, config, null, null, starttlsJson(null), List.of(), e,
                    failed.getMessage(), trace);
        }
        Map<String, Object> starttls = starttlsJson(first.goodbye());
        List<Assertion> assertions = new ArrayList<>(o.expect.check(first.summary()));
        if (o.expectClientAuth) {
            assertions.add(ExpectOptions.clientAuthRequested(first.summary(), o.peer.noClientCert()));
        }
        TlsException failure = first.failure();
        ClientExchange second = null;
        if (o.resume && failure == null) {
            try {
                second = connection.exchange(context, family,
                        o.httpGet ? ClientCommand.HTTP_GET : ClientCommand.RESUME_MESSAGE);
                if (o.expectResumed) {
                    assertions.add(ExpectOptions.resumed(second.summary()));
                }
                failure = second.failure();
            } catch (TlsException e) {
                failure = e;
            }
        }
        return new ClientOutcome(host, port, config, first, second, starttls, List.copyOf(assertions), failure, null,
                trace);
    }

    /** @param goodbye the server's answer to {@code --quit}, or null */
    private Map<String, Object> starttlsJson(List<String> goodbye) {
        return prelude == null ? null : prelude.json(goodbye);
    }
}
