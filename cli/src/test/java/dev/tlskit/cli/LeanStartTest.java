package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run builds: only the command it runs, and --version without a command model at all. */
class LeanStartTest {
    @Test
    void versionPrintsWhatPicocliVersionHelpPrints() {
        Tlskit.Result lean = Tlskit.run("--version");
        assertEquals(0, lean.exitCode());
        StringWriter picocli = new StringWriter();
        Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .printVersionHelp(new PrintWriter(picocli, true));
        assertEquals(picocli.toString().lines().toList(), lean.out().lines().toList());
    }

    @Test
    void versionNamesTheBouncyCastleReleaseAndTheRunningJdk() {
        List<String> lines = Tlskit.run("--version").out().lines().toList();
        assertEquals("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") at "
                + System.getProperty("java.home"), lines.get(1));
        assertEquals("Bouncy Castle 1.84", lines.get(2));
    }

    @Test
    void aRunBuildsOnlyTheCommandItsFirstArgumentNames() {
        assertEquals(List.of("client"), Main.commandsFor("client", "-p", "443"));
        assertEquals(List.of("bench"), Main.commandsFor("bench", "crypto"));
    }

    @Test
    void helpAndMisspeltCommandsGetEveryCommand() {
        assertEquals(TlskitCommand.SUBCOMMANDS, Main.commandsFor("--help"));
        assertEquals(TlskitCommand.SUBCOMMANDS, Main.commandsFor("clinet"));
        assertEquals(TlskitCommand.SUBCOMMANDS, Main.commandsFor());
        Tlskit.Result out = Tlskit.run("--help");
        assertEquals(0, out.exitCode());
        for (String command : TlskitCommand.SUBCOMMANDS) {
            assertTrue(out.out().contains("  " + command + " "), command + " in\n" + out);
        }
    }

    @Test
    void theModelOfEveryCommandIsTheOneTheAnnotationsName() {
        var cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(TlskitCommand.SUBCOMMANDS, List.copyOf(cl.getSubcommands().keySet()));
        for (var e : cl.getSubcommands().entrySet()) {
            assertEquals(e.getKey(), e.getValue().getCommandSpec().userObject().getClass()
                    .getAnnotation(picocli.CommandLine.Command.class).name());
        }
    }
}
