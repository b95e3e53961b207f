package dev.tlskit.cli;

import dev.tlskit.cli.command.CertgenCommand;
import dev.tlskit.cli.command.ClientCommand;
import dev.tlskit.cli.command.EchoClientCommand;
import dev.tlskit.cli.command.EchoServerCommand;
import dev.tlskit.cli.command.ServerCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root command: dispatches to the subcommands. */
@Command(name = "tlskit",
        versionProvider = Version.class,
        subcommands = {ServerCommand.class, ClientCommand.class, EchoServerCommand.class, EchoClientCommand.class,
            CertgenCommand.class},
        description = "A TLS toolkit: wolfSSL's example programs, rebuilt on one Java TLS engine (SunJSSE or Bouncy"
                + " Castle), safe by default and scriptable.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {},
        footerHeading = "%nExamples:%n",
        footer = {
            "  tlskit server & tlskit client     the seed's exchange on the TEST-ONLY demo certificates",
            "  tlskit client --help              the client's options",
        })
public final class TlskitCommand implements Runnable {
    @Option(names = {"-?", "--help"}, usageHelp = true, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "show this help and exit")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "print the version and exit")
    boolean version;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
