package dev.tlskit.cli.command;

import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.option.ChainOptions;
import dev.tlskit.cli.option.DtlsOptions;
import dev.tlskit.cli.option.ExpectOptions;
import dev.tlskit.cli.option.KeyMaterialOptions;
import dev.tlskit.cli.option.OptionGroup;
import dev.tlskit.cli.option.OutputOptions;
import dev.tlskit.cli.option.PeerOptions;
import dev.tlskit.cli.option.StartTlsOptions;
import dev.tlskit.cli.option.TargetOptions;
import dev.tlskit.cli.option.TlsOptions;
import java.io.PrintWriter;
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
                    + " hostname by default, and reads stdin only as --targets - or for interactive use (--interactive)."
                    + " With --starttls it first speaks a mail, database or directory protocol's plaintext prelude"
                    + " (as openssl s_client -starttls), then, on a terminal, relays what you type to the server and"
                    + " its answers back (lines end in CR LF for the line protocols) until you end stdin (Ctrl-D) or"
                    + " the server closes; without a terminal it only shakes hands, unless -m or -g says what to"
                    + " send; --quit says the protocol's goodbye.",
            "",
            "Many checks in one run: --targets FILE (- for stdin) names one target a line, host[:port] (without a"
                    + " port: -p, or the --starttls protocol's), optionally followed by client flags for that target"
                    + " alone, e.g. 'db.example:5432 --starttls postgres --expect-version 1.3' (a line's flag"
                    + " overrides the command line's, repeatable ones add up; -h, --json, --parallel and --targets"
                    + " belong to the run; -h beside --targets is a usage error). Every line is checked before the first connection: a bad one is a usage"
                    + " error naming the file and line. --parallel targets are checked at once; each only shakes"
                    + " hands unless -m or -g says what to send. Output comes in input order: in text, every line a"
                    + " target prints (stdout and stderr) starts with its host:port and ': ' (grep '^db.example:5432:"
                    + " '); with --json, one document per line and target, with its target, line and exitCode."
                    + " A summary line ends the run (stdout; stderr with --json): the targets, ok and failed counts"
                    + " per exit code, the wall time. The exit code is the worst target's, in the order "
                    + dev.tlskit.cli.ExitCode.WORST_ORDER + " (the further a check got, the less bad its failure).",
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
            "  # many checks in one process, 8 at once; hosts.txt has one host[:port] a line,",
            "  # flags for that target after it: db.example.com --starttls postgres -v 1.3",
            "  tlskit client --targets hosts.txt -A system --json > checks.jsonl",
            "  # the list from stdin; each output line starts with its target's host:port",
            "  grep -v staging hosts.txt | tlskit client --targets - -A system \\",
            "      | grep ': SSL version'",
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

    @Mixin
    TargetOptions targetFile;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = "--parallel", paramLabel = "N",
            description = "with --targets: targets checked at once, 1-" + ClientBatch.MAX_PARALLEL + " (default: "
                    + ClientBatch.DEFAULT_PARALLEL + ")")
    int parallel = ClientBatch.DEFAULT_PARALLEL;

    /** One target: {@link ClientCheck} computes the outcome, {@link ClientOutput} prints it; or a batch. */
    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (targetFile.given()) {
            return ClientBatch.run(this, out, err, dev.tlskit.cli.TlskitCommand.stdin(spec));
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--parallel")) {
            throw new UsageException("--parallel needs --targets (it checks that many targets at once)");
        }
        String host = peer.host();
        ClientOutcome outcome = ClientCheck.prepare(this, host, null, false, err).run();
        return new ClientOutput(this, out, err).render(outcome, java.util.Map.of());
    }
}
