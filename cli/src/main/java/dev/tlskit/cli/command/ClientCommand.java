package dev.tlskit.cli.command;

import dev.tlskit.cli.Assertion;
import dev.tlskit.cli.ChainReport;
import dev.tlskit.cli.ExpectationFailed;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.ChainOptions;
import dev.tlskit.cli.option.DtlsOptions;
import dev.tlskit.cli.option.ExpectOptions;
import dev.tlskit.cli.option.KeyMaterialOptions;
import dev.tlskit.cli.option.OptionGroup;
import dev.tlskit.cli.option.OutputOptions;
import dev.tlskit.cli.option.PeerOptions;
import dev.tlskit.cli.option.StartTlsOptions;
import dev.tlskit.cli.option.TlsOptions;
import dev.tlskit.engine.IpFamily;
import dev.tlskit.engine.TlsConfig;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.TlsException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** wolfSSL's examples/client: connect, print the handshake, send one message, print the reply. */
@Command(name = "client",
        header = "Connect to a TLS server, show the handshake and exchange one message.",
        description = {
            "Connects to a TLS server, prints the negotiated version, cipher suite and curve, sends one message and"
                    + " prints the reply, as wolfSSL's example client does. It verifies the server's chain and"
                    + " hostname by default, and reads stdin only when asked (--interactive). With --starttls it first"
                    + " speaks a mail, database or directory protocol's plaintext prelude (as openssl s_client"
                    + " -starttls), then, on a terminal, relays what you type to the server and its answers back"
                    + " (lines end in CR LF for the line protocols) until you end stdin (Ctrl-D) or the server"
                    + " closes; without a terminal it only shakes hands, unless -m or -g says what to send; --quit"
                    + " says the protocol's goodbye.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # mutual-auth TLS 1.3 on the TEST-ONLY demo certificates",
            "  tlskit server & tlskit client",
            "  # TLS 1.2 over IPv6",
            "  tlskit server & tlskit client -h ::1 -v 1.2",
            "  # a public server, with the platform's trust store; prints the HTTP response",
            "  tlskit client -h example.com -p 443 -A system -g",
            "  # reconnect resuming the session, and report it as JSON",
            "  tlskit server -C 2 & tlskit client -r --json",
            "  # CI smoke test: exit 0 if it works, 3 handshake failed, 4 untrusted, 5 an",
            "  # assertion failed (one 'expected X, got Y' line each)",
            "  tlskit client -h ci.example.test -p 443 -A system --handshake-only \\",
            "      --expect-version TLSv1.3 --min-days 30 --json > handshake.json",
            "  # why is the chain rejected? a tree with a verdict per certificate, and a hint",
            "  tlskit client -h ci.example.test -p 443 -A system --show-certs",
            "  # every record as it crosses the wire, and the secrets for Wireshark/tshark",
            "  tlskit client -h example.com -p 443 -A system -g --trace --keylog keys.log",
            "  # STARTTLS: a mail server's submission port; TLS 1.3 and a good chain",
            "  tlskit client --starttls smtp -h mail.example.com -p 587 -A system \\",
            "      --expect-version 1.3",
            "  # IMAP on a terminal: type a1 CAPABILITY, then a2 LOGOUT (or Ctrl-D)",
            "  tlskit client --starttls imap -h mail.example.com -A system",
            "  # upgrade, verify, say QUIT, print the 221, exit 0",
            "  tlskit client --starttls smtp -h mail.example.com -A system --quit",
            "  # PostgreSQL on its own port (5432), the prelude and handshake as JSON",
            "  tlskit client --starttls postgres -h db.example.com -A ca.pem --json",
            "  # implicit TLS (SMTPS 465, IMAPS 993, POP3S 995) needs no --starttls",
            "  tlskit client -h mail.example.com -p 993 -A system --handshake-only",
            "  # interop: against OpenSSL (-rev answers the message reversed)",
            "  openssl s_server -accept 4433 -cert server.pem -key server.key -rev &",
            "  tlskit client -p 4433 -A ca.pem -x -m \"hello wolfssl!\"$'\\n'",
        })
public final class ClientCommand implements Callable<Integer> {
    static final String DEFAULT_MESSAGE = "hello wolfssl!";
    static final String RESUME_MESSAGE = "resuming wolfssl!";
    static final String HTTP_GET = "GET /index.html HTTP/1.0\r\n\r\n";

    @Spec
    CommandSpec spec;

    @Mixin
    PeerOptions peer;

    @Mixin
    StartTlsOptions starttls;

    @OptionGroup.In(OptionGroup.EXCHANGE)
    @Option(names = {"-m", "--message"}, paramLabel = "TEXT",
            description = "the message to send, without newline (default: hello wolfssl!)")
    String message = DEFAULT_MESSAGE;

    @OptionGroup.In(OptionGroup.EXCHANGE)
    @Option(names = "-g", description = "send an HTTP GET /index.html and print the whole response")
    boolean httpGet;

    @OptionGroup.In(OptionGroup.EXCHANGE)
    @Option(names = "--handshake-only",
            description = "only shake hands: print the handshake, check the --expect-* assertions, close cleanly;"
                    + " send nothing (as openssl s_client </dev/null; for CI checks of any server, HTTP or not)")
    boolean handshakeOnly;

    @OptionGroup.In(OptionGroup.EXCHANGE)
    @Option(names = "--interactive",
            description = "after the handshake relay stdin to the server and its answers to stdout until stdin ends"
                    + " or the server closes (as openssl s_client); the default with --starttls on a terminal")
    boolean interactive;

    @OptionGroup.In(OptionGroup.EXCHANGE)
    @Option(names = "--crlf",
            description = "in interactive use, end each line sent with CR LF, not LF (as openssl s_client -crlf;"
                    + " automatic for --starttls smtp, lmtp, imap, pop3, ftp, nntp, sieve)")
    boolean crlf;

    @OptionGroup.In(OptionGroup.TLS)
    @Option(names = {"-r", "--resume"},
            description = "after the exchange, reconnect resuming the session and report whether it resumed")
    boolean resume;

    @OptionGroup.In(OptionGroup.ASSERTIONS)
    @Option(names = "--expect-resumed", description = "with -r: the reconnection must resume the session")
    boolean expectResumed;

    @OptionGroup.In(OptionGroup.ASSERTIONS)
    @Option(names = "--expect-client-auth",
            description = "the server must ask for a client certificate (TLS 1.2: its Certificate Request;"
                    + " TLS 1.3: we sent our certificate, which happens only when asked)")
    boolean expectClientAuth;

    @Mixin
    ExpectOptions expect;

    @Mixin
    ChainOptions chain;

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
        String target = peer.host();
        starttls.validate();
        if (starttls.protocol() != null) {
            peer.defaultPort(starttls.protocol().defaultPort());
        }
        int port = peer.port();
        IpFamily family = peer.family();
        if (httpGet && !DEFAULT_MESSAGE.equals(message)) {
            throw new UsageException("-g and -m conflict: -g sends a GET request");
        }
        if (handshakeOnly && (httpGet || !DEFAULT_MESSAGE.equals(message))) {
            throw new UsageException("--handshake-only and " + (httpGet ? "-g" : "-m")
                    + " conflict: --handshake-only sends nothing");
        }
        if (httpGet && starttls.quit()) {
            throw new UsageException("-g and --quit conflict: -g reads until the server closes");
        }
        if (expectResumed && !resume) {
            throw new UsageException("--expect-resumed needs -r (it checks the reconnection)");
        }
        StartTlsDialer prelude = starttls.protocol() == null ? null : startTls(target, err);
        Relay relay = relay(prelude);
        expect.validate();
        chain.validate();
        List<Object> traceEvents = Collections.synchronizedList(new ArrayList<>());
        TlsConfig config = Configs.client(tls, dtls, keys, peer.insecure(), peer.noClientCert(), target, err,
                Configs.traceSink(output, err, traceEvents::add));
        if (peer.insecure()) {
            err.println("tlskit: warning: -d: the server's certificate and hostname are NOT verified");
        }
        TlsContext context = Configs.context(config);
        ClientDocument doc = new ClientDocument(target, port, traceEvents);
        // After STARTTLS only -m or -g says what to send: "hello wolfssl!" means nothing to a mail server
        boolean sendNothing = handshakeOnly
                || prelude != null && !httpGet && !spec.commandLine().getParseResult().hasMatchedOption("-m");
        ClientConnection connection = new ClientConnection(peer, tls.timeout(), output, httpGet, sendNothing, out,
                err, prelude == null ? Dialer.DIRECT : prelude, relay,
                starttls.quit() ? prelude.goodbye() : null);
        ClientExchange first;
        try {
            first = connection.exchange(context, target, family, httpGet ? HTTP_GET : message);
        } catch (TlsException failed) {
            TlsException e = ChainReport.explained(failed, config, target,
                    chain.show() ? null : ChainReport.SHOW_CERTS);
            if (!e.peerChain().isEmpty()) {
                showAndSave(new ChainReport(e.peerChain(), config, target), failed.getMessage(), err);
            } else if (chain.show()) {
                err.println("tlskit: no certificate chain to show: the connection failed before verifying one");
            }
            if (output.json()) {
                if (prelude != null) {
                    doc.starttls(prelude.json(null));
                }
                doc.error(e);
                doc.print(out);
            }
            throw e;
        }
        showAndSave(new ChainReport(first.summary().peerChain(), config, target), null, err);
        doc.first(first);
        if (prelude != null) {
            doc.starttls(prelude.json(first.goodbye()));
        }
        List<Assertion> assertions = new ArrayList<>(expect.check(first.summary()));
        if (expectClientAuth) {
            assertions.add(ExpectOptions.clientAuthRequested(first.summary(), peer.noClientCert()));
        }
        TlsException failure = first.failure();
        if (resume && failure == null) {
            failure = reconnect(connection, context, target, family, out, doc, assertions);
        }
        doc.assertions(assertions);
        if (failure != null) {
            doc.error(failure);
        }
        if (output.json()) {
            doc.print(out);
        }
        out.flush();
        List<Assertion> failed = assertions.stream().filter(a -> !a.ok()).toList();
        if (failure != null) {
            // The exchange failed after a good handshake: the failed assertions are said too, the failure decides.
            failed.forEach(a -> err.println("tlskit: error: " + a.line()));
            throw failure;
        }
        if (!failed.isEmpty()) {
            throw new ExpectationFailed(failed);
        }
        return 0;
    }

    /** {@code --starttls}: the dialer, once the flags it conflicts with are ruled out. */
    private StartTlsDialer startTls(String target, PrintWriter err) {
        if (dtls.dtls()) {
            throw new UsageException("--starttls and -u conflict: STARTTLS runs over TCP");
        }
        return new StartTlsDialer(starttls.protocol(), starttls.name(target, tls.sni()),
                !output.json() && (output.trace() || output.verbose()), err);
    }

    /**
     * Interactive use, or null: asked for with --interactive, or by default with --starttls on a terminal when no
     * flag says what to do instead (-m, -g, --handshake-only, --quit, -r, --json).
     */
    private Relay relay(StartTlsDialer prelude) {
        var parsed = spec.commandLine().getParseResult();
        String instead = parsed.hasMatchedOption("-m") ? "-m" : httpGet ? "-g" : handshakeOnly ? "--handshake-only"
                : starttls.quit() ? "--quit" : resume ? "-r" : output.json() ? "--json" : null;
        if (interactive && instead != null) {
            throw new UsageException("--interactive and " + instead + " conflict: " + instead
                    + (instead.equals("--json") ? " writes one JSON document" : " says what to send"));
        }
        if (crlf && !interactive && prelude == null) {
            throw new UsageException("--crlf needs --interactive (or --starttls): it ends the lines typed");
        }
        boolean relay = interactive || prelude != null && instead == null && dev.tlskit.cli.console.Tty.interactive();
        return relay ? new Relay(System.in, spec.commandLine().getOut(),
                crlf || prelude != null && starttls.protocol().crlf()) : null;
    }

    /** {@code -r}: the second connection, resuming; its assertion is added; returns its failure, or null. */
    private TlsException reconnect(ClientConnection connection, TlsContext context, String target,
            IpFamily family, PrintWriter out, ClientDocument doc, List<Assertion> assertions) {
        ClientExchange second;
        try {
            second = connection.exchange(context, target, family, httpGet ? HTTP_GET : RESUME_MESSAGE);
        } catch (TlsException e) {
            return e;
        }
        if (!output.json()) {
            out.println(second.summary().resumed() ? "reused session id" : "didn't reuse session id!!!");
        }
        doc.resumption(second);
        if (expectResumed) {
            assertions.add(ExpectOptions.resumed(second.summary()));
        }
        return second.failure();
    }

    /** --show-certs and --save-chain, for a chain seen (failure: why verification failed, else null). */
    private void showAndSave(ChainReport report, String failure, PrintWriter err) {
        if (chain.show()) {
            report.print(err, "server", failure);
        }
        if (chain.saveDir() != null) {
            List<java.nio.file.Path> files = report.save(chain.saveDir());
            err.println("tlskit: saved the server's chain to " + (files.isEmpty() ? chain.saveDir()
                    : String.join(", ", files.stream().map(Object::toString).toList())));
        }
        err.flush();
    }
}
