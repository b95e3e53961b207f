package dev.tlskit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's option tables, generated from the picocli model so they cannot drift from the code. Each table
 * sits between {@code <!-- options:NAME -->} and {@code <!-- /options:NAME -->} markers. Run
 * {@code java -cp cli/target/tlskit.jar dev.tlskit.cli.OptionTables README.md} to rewrite them; a test fails when
 * the committed README differs.
 */
public final class OptionTables {
    private static final Pattern BLOCK = Pattern.compile(
            "(<!-- options:([a-z-]+) -->\\n)(.*?)(<!-- /options:\\2 -->)", Pattern.DOTALL);

    private OptionTables() {}

    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args.length > 0 ? args[0] : "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String updated = render(text);
        if (!updated.equals(text)) {
            Files.writeString(readme, updated, StandardCharsets.UTF_8);
            System.err.println("tlskit: updated option tables in " + readme);
        }
    }

    /** {@code text} with every marked table regenerated. */
    public static String render(String text) {
        CommandLine root = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        Map<String, CommandLine> subs = root.getSubcommands();
        Matcher m = BLOCK.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            CommandLine cmd = find(subs, m.group(2));
            if (cmd == null) {
                throw new IllegalArgumentException("README marks options of unknown command '" + m.group(2) + "'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table(cmd) + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A direct subcommand by name, or a nested one as {@code parent-child} (e.g. {@code bench-handshake}). */
    private static CommandLine find(Map<String, CommandLine> subs, String name) {
        CommandLine cmd = subs.get(name);
        int dash = name.indexOf('-');
        if (cmd == null && dash > 0 && subs.containsKey(name.substring(0, dash))) {
            return find(subs.get(name.substring(0, dash)).getSubcommands(), name.substring(dash + 1));
        }
        return cmd;
    }

    static String table(CommandLine cmd) {
        StringBuilder sb = new StringBuilder("| option | meaning |\n|---|---|\n");
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            if (o.hidden()) {
                continue;
            }
            String names = String.join(", ", o.names());
            String label = o.arity().max() > 0 ? " " + o.paramLabel().replace("|", "\\|") : "";
            String description = String.join(" ", o.description()).replace("|", "\\|");
            sb.append("| `").append(names).append(label).append("` | ").append(description).append(" |\n");
        }
        return sb.toString();
    }
}
