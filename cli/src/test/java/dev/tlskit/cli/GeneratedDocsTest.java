package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.docs.Docs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What is generated from the picocli model (README option tables, man/, completions/) matches the model: this
 * fails when someone changed a flag and forgot to regenerate. Regenerate with
 * {@code mvn -q -B install -DskipTests -Pdocs}.
 */
class GeneratedDocsTest {
    static final String REGENERATE = "run `mvn -q -B install -DskipTests -Pdocs` (it rewrites man/, completions/,"
            + " the README's option tables and cli/.../model/Specs.java from the picocli model)";
    private static final Path ROOT = Path.of("..");

    @Test
    void readmeOptionTablesMatchTheCommandModel() throws Exception {
        Path readme = ROOT.resolve("README.md");
        String committed = Files.readString(readme, StandardCharsets.UTF_8);
        assertTrue(committed.contains("<!-- options:client -->"), "README has the client's table marker");
        assertEquals(OptionTables.render(committed), committed, "README.md option tables are stale: " + REGENERATE);
    }

    @Test
    void manPagesAndCompletionMatchTheCommandModel() throws Exception {
        Map<String, String> generated = Docs.render(ROOT);
        assertTrue(generated.containsKey("man/tlskit.1") && generated.containsKey("man/tlskit-client.1"));
        for (Map.Entry<String, String> e : generated.entrySet()) {
            Path p = ROOT.resolve(e.getKey());
            assertTrue(Files.exists(p), e.getKey() + " is missing: " + REGENERATE);
            assertEquals(e.getValue(), Files.readString(p, StandardCharsets.UTF_8), e.getKey() + " is stale: "
                    + REGENERATE);
        }
        assertEquals(List.of(), Docs.stalePages(ROOT, generated), "man pages of commands that no longer exist: "
                + REGENERATE);
    }

    @Test
    void everyCommandHasAManPageWithItsSections() {
        Map<String, String> pages = Docs.manPages();
        for (CommandLine cmd : all(model())) {
            String name = cmd.getCommandSpec().qualifiedName("-");
            String troff = pages.get(name);
            assertTrue(troff != null, "no man page for " + name);
            assertTrue(troff.startsWith("'\\\" t\n") && troff.contains(".TH \"" + name.toUpperCase().replace("-", "\\-")),
                    name + " is not troff");
            for (String section : List.of(".SH \"NAME\"", ".SH \"SYNOPSIS\"", ".SH \"DESCRIPTION\"",
                    ".SH \"EXIT CODES\"", ".SH \"SEE ALSO\"")) {
                assertTrue(troff.contains(section), name + " lacks " + section);
            }
            assertTrue(troff.contains("openssl\\-s_client(1)") && troff.contains("gnutls\\-cli(1)"), name);
            assertTrue(troff.contains("peer verification failed"), name + " lacks the exit-code table");
            if (cmd.getCommandSpec().usageMessage().footer().length > 0) {
                assertTrue(troff.contains(".SH \"EXAMPLES\""), name + " lacks its examples");
            }
            assertFalse(troff.contains("\u001b"), name + " has ANSI escapes");
            // the version provider's lines (JVM build, vendor) must not leak into committed pages
            assertFalse(troff.contains(Runtime.version().toString()), name + " names the JVM build");
            assertFalse(troff.contains(String.valueOf(System.getProperty("java.vendor"))), name + " names the JVM vendor");
        }
        String client = pages.get("tlskit-client");
        for (String heading : List.of("CONNECTION", "TLS", "CERTIFICATES AND TRUST", "OUTPUT")) {
            assertTrue(client.contains(".SH \"" + heading + "\""), "client page lacks " + heading);
        }
    }

    @Test
    void helpListsTheExitCodeTable() {
        Tlskit.Result r = Tlskit.run("client", "--help");
        assertEquals(0, r.exitCode());
        for (String line : ExitCode.TABLE) {
            String[] parts = line.trim().split("\\s+", 2);
            assertTrue(r.out().contains(parts[0]) && r.out().contains(parts[1].substring(0, Math.min(20, parts[1].length()))), r.out());
        }
    }

    @Test
    void helpOfTheTlsCommandsTeachesInGroupsWithExamples() {
        for (String command : List.of("server", "client", "echoserver", "echoclient")) {
            Tlskit.Result r = Tlskit.run(command, "--help");
            assertEquals(0, r.exitCode(), r.err());
            String out = r.out();
            String header = out.lines().findFirst().orElse("");
            assertFalse(header.startsWith("Usage:"), command + ": no one-line header: " + header);
            int connection = out.indexOf("\nConnection:\n");
            int tls = out.indexOf("\nTLS:\n");
            int certificates = out.indexOf("\nCertificates and trust:\n");
            int output = out.indexOf("\nOutput:\n");
            int examples = out.indexOf("\nExamples:\n");
            assertTrue(0 < connection && connection < tls && tls < certificates && certificates < output
                    && output < examples, command + ": groups out of order or missing:\n" + out);
            assertTrue(out.substring(examples).contains("tlskit " + command), command + ": no example runs it");
        }
    }

    @Test
    void examplesFitTheHelpWidthSoNoneIsWrapped() {
        for (CommandLine cmd : all(model())) {
            for (String line : cmd.getCommandSpec().usageMessage().footer()) {
                assertTrue(line.length() <= 80, cmd.getCommandSpec().qualifiedName() + ": example longer than 80"
                        + " columns: " + line);
            }
        }
    }

    @Test
    void usageErrorsPrintOneErrorLineTheShortUsageAndAHint() {
        Tlskit.Result r = Tlskit.run("client", "--prov", "bc");
        assertEquals(ExitCode.USAGE, r.exitCode());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("tlskit: error: ") && lines.get(0).contains("--prov"), r.err());
        assertTrue(lines.contains("hint: did you mean --provider?"), r.err());
        assertTrue(lines.contains("Usage: tlskit client [OPTIONS]"), r.err());
        assertEquals("See 'tlskit client --help' for the options and examples.", lines.get(lines.size() - 1));
        assertEquals("", r.out());

        Tlskit.Result none = Tlskit.run();
        assertEquals(ExitCode.USAGE, none.exitCode());
        assertTrue(none.err().startsWith("tlskit: error: a command is required"), none.err());
        assertTrue(none.err().contains("\nCommands: server, client, "), none.err());
    }

    private static CommandLine model() {
        return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    private static List<CommandLine> all(CommandLine root) {
        List<CommandLine> out = new ArrayList<>();
        out.add(root);
        root.getSubcommands().values().forEach(c -> out.addAll(all(c)));
        return out;
    }
}
