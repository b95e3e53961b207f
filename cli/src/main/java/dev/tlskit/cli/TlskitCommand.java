package dev.tlskit.cli;

import dev.tlskit.cli.bench.BenchCommand;
import dev.tlskit.cli.command.CertgenCommand;
import dev.tlskit.cli.command.ChatCommand;
import dev.tlskit.cli.command.ClientCommand;
import dev.tlskit.cli.command.EchoClientCommand;
import dev.tlskit.cli.command.EchoServerCommand;
import dev.tlskit.cli.command.ScanCommand;
import dev.tlskit.cli.command.ServerCommand;
import dev.tlskit.cli.option.OptionGroup;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The root command: dispatches to the subcommands. They are not in the annotation: {@link Main} adds them, all of
 * them for help and the docs, only the one named by the first argument for a run, so a {@code tlskit client}
 * never builds (by reflection) the model of six commands it does not run.
 */
@Command(name = "tlskit",
        header = "The TLS tool for the shell: client, server, echo and certificates on one Java TLS engine.",
        versionProvider = Version.class,
        description = "A TLS toolkit: wolfSSL's example programs, rebuilt on one Java TLS engine (SunJSSE or Bouncy"
                + " Castle), safe by default and scriptable.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # the seed's exchange: TLS 1.3, mutual auth, TEST-ONLY demo certificates",
            "  tlskit server & tlskit client",
            "  # a public server, with the platform's trust store; prints the HTTP response",
            "  tlskit client -h example.com -p 443 -A system -g",
            "  # your own CA, server and client certificates in ./tlskit-certs/",
            "  tlskit certgen",
            "  # every command has its own help and man page; the pages are in man/ of the",
            "  # source tree: 'man tlskit-client' finds them once MANPATH names that folder",
            "  tlskit client --help; man -l man/tlskit-client.1",
            "  export MANPATH=\"$PWD/man:$MANPATH\"; man tlskit-client",
        })
public final class TlskitCommand implements Runnable {
    /** The subcommands' names, in the order {@code --help}, the man pages and completions list them. */
    public static final List<String> SUBCOMMANDS =
            List.of("server", "client", "echoserver", "echoclient", "certgen", "chat", "bench", "scan");

    /**
     * A new instance of the subcommand {@code name}: a switch, not a table of classes or lambdas, so only the
     * command that runs is loaded.
     */
    /** What the commands read as stdin: System.in, or what {@link Main#run(java.io.InputStream,
     * java.io.PrintWriter, java.io.PrintWriter, String...)} was given (two in-process chats cannot share one). */
    private java.io.InputStream stdin = System.in;

    TlskitCommand stdin(java.io.InputStream in) {
        stdin = in;
        return this;
    }

    /** The stdin of the run {@code spec} belongs to. */
    public static java.io.InputStream stdin(picocli.CommandLine.Model.CommandSpec spec) {
        return spec.root().userObject() instanceof TlskitCommand root ? root.stdin : System.in;
    }

    public static Object subcommand(String name) {
        return switch (name) {
            case "server" -> new ServerCommand();
            case "client" -> new ClientCommand();
            case "echoserver" -> new EchoServerCommand();
            case "echoclient" -> new EchoClientCommand();
            case "certgen" -> new CertgenCommand();
            case "chat" -> new ChatCommand();
            case "bench" -> new BenchCommand();
            case "scan" -> new ScanCommand();
            default -> throw new IllegalArgumentException("no such command: " + name);
        };
    }

    @OptionGroup.In(OptionGroup.OUTPUT)
    @Option(names = {"-?", "--help"}, usageHelp = true, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "show this help and exit")
    boolean help;

    @OptionGroup.In(OptionGroup.OUTPUT)
    @Option(names = "--version", versionHelp = true, description = "print the version and exit")
    boolean version;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
