package dev.tlskit.cli.command;

import dev.tlskit.cli.Json;
import dev.tlskit.cli.UsageException;
import dev.tlskit.cli.console.Chat;
import dev.tlskit.cli.console.ChatUi;
import dev.tlskit.cli.console.LineUi;
import dev.tlskit.cli.console.TerminalUi;
import dev.tlskit.cli.option.BindOptions;
import dev.tlskit.cli.option.KeyMaterialOptions;
import dev.tlskit.cli.option.OptionGroup;
import dev.tlskit.cli.option.OutputOptions;
import dev.tlskit.cli.option.PeerOptions;
import dev.tlskit.cli.option.TlsOptions;
import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The seed's TLS chat (section 4): a listener and a client type at each other, both at once. */
@Command(name = "chat",
        header = "Chat over TLS: two people type at each other, both at once.",
        description = {
            "The seed's TLS chat. 'tlskit chat --listen' waits for a peer and, after each chat, for the next;"
                    + " 'tlskit chat -h HOST' connects. The client sends its name, the server answers with its own,"
                    + " then UTF-8 lines flow both ways. Incoming lines appear above the line being typed. 'quit' or"
                    + " Ctrl-D ends the chat with close_notify on both sides; Ctrl-C drops the typed line (on an empty"
                    + " line it ends the chat). TLS 1.3 and mutual authentication unless -v and -d say otherwise.",
            "",
            "The connecting side's flags serve the listener too: with --listen, -p is the port to listen on (0 picks"
                    + " a free one), -d asks for no client certificate, and -b or --bind choose the interfaces.",
            "",
            "Without a terminal (pipes, CI) it runs in line mode: input lines are sent, received lines are printed"
                    + " as 'name: text' (or JSON events with --json), and end of input ends the chat. Lines longer than"
                    + " 64 KiB close that chat; a peer has --timeout seconds to send its name.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # two terminals, mutual-auth TLS 1.3 on the TEST-ONLY demo certificates",
            "  tlskit chat --listen --name bob",
            "  tlskit chat -h localhost --name alice",
            "  # join with OpenSSL: the first line you type is your name",
            "  openssl s_client -quiet -nocommands -connect localhost:11111 \\",
            "      -cert client.pem -key client.key -CAfile ca.pem",
            "  # a script as the peer: one line, JSON events out",
            "  printf 'hello\\nquit\\n' | tlskit chat -h localhost --name bot --json",
        })
public final class ChatCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @OptionGroup.In(OptionGroup.CONNECTION)
    @Option(names = "--listen", description = "wait for a peer (and after each chat, for the next) instead of connecting")
    boolean listen;

    @Mixin
    PeerOptions peer;

    @Mixin
    BindOptions bind;

    @OptionGroup.In(OptionGroup.EXCHANGE)
    @Option(names = "--name", paramLabel = "NAME", description = "the name the peer sees (default: your login name)")
    String name;

    @Mixin
    TlsOptions tls;

    @Mixin
    KeyMaterialOptions keys;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        String localName = localName();
        validate(parsed);
        if (!parsed.hasMatchedOption("-v")) {
            OptionSpec v = spec.findOption("-v");
            v.setValue("1.3"); // the seed's chat is TLS 1.3 (wolfTLSv1_3_*_method)
        }
        return listen ? listen(localName, out, err) : connect(localName, out, err);
    }

    private int listen(String localName, PrintWriter out, PrintWriter err) throws Exception {
        boolean noVerify = peer.insecure();
        TlsConfig config = Configs.server(tls, null, keys, noVerify ? ClientAuth.NONE : ClientAuth.NEED, err,
                trace(out, err));
        TlsContext context = Configs.serverContext(config, err);
        InetAddress address = bind.address();
        int port = peer.listenPort();
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            try {
                server.bind(new InetSocketAddress(address, port), 16);
            } catch (BindException e) {
                throw new TlsException(TlsException.Kind.NETWORK, "cannot listen on " + Addresses.hostPort(address, port)
                        + ": " + e.getMessage(), e);
            }
            err.println("tlskit chat: listening on " + Addresses.hostPort(address, server.getLocalPort()) + " as " + localName
                    + (noVerify ? "" : " (client certificate required)"));
            err.flush();
            ChatUi ui = ui(localName, out, err);
            return new Chat(ui, localName, tls.timeout()).listen(server, context);
        }
    }

    private int connect(String localName, PrintWriter out, PrintWriter err) throws Exception {
        String target = peer.host();
        int port = peer.port();
        TlsConfig config = Configs.client(tls, null, keys, peer.insecure(), peer.noClientCert(), target, err,
                trace(out, err));
        if (peer.insecure()) {
            PeerOptions.warnNotVerified(err, "listener");
        }
        TlsContext context = Configs.context(config);
        IpFamily family = peer.family();
        String where = peer.where();
        TlsConnection c;
        try {
            c = Configs.connect(() -> TlsConnection.connect(context, target, port, family), target);
        } catch (TlsException e) {
            throw dev.tlskit.cli.Errors.timeoutNamed(dev.tlskit.cli.ChainReport.explained(e, config, target,
                    dev.tlskit.cli.ChainReport.CLIENT_SHOW_CERTS)
                    .withContext(where + ": "), tls.timeout());
        }
        ChatUi ui;
        try {
            ui = ui(localName, out, err);
        } catch (Exception | Error e) {
            c.abort();
            throw e;
        }
        try {
            return new Chat(ui, localName, tls.timeout()).talk(c, where);
        } catch (TlsException e) {
            ui.close();
            throw dev.tlskit.cli.Errors.timeoutNamed(e.withContext(where + ": "), tls.timeout());
        }
    }

    /** --trace: text lines on stderr, or {@code trace} events among the JSON lines. */
    private java.util.function.Consumer<dev.tlskit.engine.model.TraceEvent> trace(PrintWriter out, PrintWriter err) {
        return Configs.traceSink(output, err, t -> {
            java.util.Map<String, Object> e = Json.event("chat", "trace");
            e.putAll(t);
            Json.println(out, e);
        });
    }

    /** A terminal when a person sits at one; line mode for pipes, tests and --json. */
    private ChatUi ui(String localName, PrintWriter out, PrintWriter err) throws java.io.IOException {
        InputStream in = dev.tlskit.cli.TlskitCommand.stdin(spec);
        if (in == System.in && !output.json() && System.console() != null) {
            return TerminalUi.open(localName);
        }
        return new LineUi(in, out, err, output.json());
    }

    private String localName() {
        String n = name != null ? name : System.getProperty("user.name", "anonymous");
        if (n == null || n.isBlank()) {
            n = "anonymous";
        }
        if (n.length() > 32 || n.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new UsageException("--name " + n + ": at most 32 characters, no control characters");
        }
        return n.strip();
    }

    private void validate(CommandLine.ParseResult parsed) {
        if (listen) {
            for (String flag : new String[] {"-h", "-4", "-6", "-x"}) {
                if (parsed.hasMatchedOption(flag)) {
                    throw new UsageException("--listen and " + flag + " conflict: " + flag + " is for the connecting side");
                }
            }
            peer.listenPort();
            bind.validate();
            if (peer.insecure() && keys.hasTrust()) {
                throw new UsageException("-d and -A conflict: -d asks for no client certificate to verify");
            }
        } else {
            if (bind.given()) {
                throw new UsageException(bind.flag() + " needs --listen");
            }
            peer.port();
            peer.family();
        }
    }
}
