package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.docs.ModelSource;
import dev.tlskit.cli.model.Specs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The model built by the generated {@link Specs} is the one picocli builds from the annotations: attribute by
 * attribute for every command, mixin, option and positional; the same help and version text; the same fields
 * and matched options after parsing the same lines. And Specs.java is what the generator writes today.
 */
class GeneratedModelTest {
    @Test
    void theGeneratedSourceIsFresh() throws Exception {
        String committed = Files.readString(Path.of("..").resolve(ModelSource.PATH), StandardCharsets.UTF_8);
        assertEquals(ModelSource.render(), committed, ModelSource.PATH + " is stale: " + GeneratedDocsTest.REGENERATE);
    }

    @Test
    void everyCommandsModelHasEveryAttributeTheAnnotationsGive() {
        List<CommandSpec> annotated = ModelSource.annotated();
        assertEquals(TlskitCommand.SUBCOMMANDS.size() + 1, annotated.size());
        for (CommandSpec a : annotated) {
            Object fresh = newInstance(a.userObject().getClass());
            CommandSpec g = new CommandLine(Specs.of(fresh)).getCommandSpec();
            same(SpecText.of(a), SpecText.of(g), a.qualifiedName());
        }
    }

    @Test
    void theUsageAndVersionHelpOfEveryCommandAreTheSame() {
        CommandLine a = Main.annotated(sink(), sink(), TlskitCommand.SUBCOMMANDS);
        CommandLine g = Main.commandLine(sink(), sink());
        List<CommandLine> as = all(a);
        List<CommandLine> gs = all(g);
        assertEquals(names(as), names(gs));
        assertEquals(13, as.size());
        for (int i = 0; i < as.size(); i++) {
            assertEquals(as.get(i).getUsageMessage(), gs.get(i).getUsageMessage(), names(as).get(i));
            same(SpecText.of(as.get(i).getCommandSpec()), SpecText.of(gs.get(i).getCommandSpec()), names(as).get(i));
            StringWriter av = new StringWriter();
            StringWriter gv = new StringWriter();
            as.get(i).printVersionHelp(new PrintWriter(av, true));
            gs.get(i).printVersionHelp(new PrintWriter(gv, true));
            assertEquals(av.toString(), gv.toString());
        }
        assertTrue(a.getUsageMessage().contains("Exit codes:"));
    }

    /** Values tried for every option that takes one: one of them at least must be valid for each option. */
    private static final List<String> VALUES = List.of("1", "x", "2", "0", "-1", "1.3", "1.2", "tls1.3", "TLSv1.3",
            "1s", "500ms", "127.0.0.1:443", "localhost", "a,b", "ec-p256", "none", "TLS_AES_128_GCM_SHA256", "x25519",
            "2020-06-01", "pass:s3cret", "smtp", "jdk", "a.pem", "-", "");

    /** Lines as the existing tests run them. */
    private static final List<List<String>> TYPICAL = List.of(
            List.of("client", "-h", "127.0.0.1", "-p", "4433", "-A", "ca.pem", "-x", "-g"),
            List.of("client", "-4", "-h", "localhost", "-p", "4433", "-x", "-A", "ca.pem", "--json"),
            List.of("client", "--provider", "bc", "-v", "1.3", "-h", "localhost", "-p", "1", "-A", "ca.pem"),
            List.of("client", "-p", "4433", "-x", "-d", "--expect-version", "1.3", "--alpn", "h2,http/1.1"),
            List.of("client", "--targets", "-", "--parallel", "4", "--json"),
            List.of("server", "-p", "0", "-i", "-d"), List.of("server", "-c", "s.pem", "-k", "s.key", "-A", "ca.pem"),
            List.of("server", "-g", "-d", "-C", "3", "--trace", "--verbose"),
            List.of("echoserver", "-p", "0", "--json"), List.of("echoclient", "-p", "7", "-A", "ca.pem"),
            List.of("certgen", "-o", "out"), List.of("certgen", "--demo", "demo", "--key-type", "rsa-2048"),
            List.of("certgen", "-o", "out", "example.test", "*.example.test", "10.0.0.1"),
            List.of("certgen", "--ca", "-o", "ca", "--ca-name", "Team CA"),
            List.of("certgen", "--self-signed", "-o", "self", "--key-type", "ED25519"),
            List.of("certgen", "-o", "out", "--truststore", "--password", "pass:s3cret", "--jks"),
            List.of("certgen", "-o", "out", "--not-after", "2020-06-01"),
            List.of("chat", "-p", "1", "-A", "ca.pem"), List.of("scan", "127.0.0.1:443", "--json"),
            List.of("bench", "handshake"), List.of("bench", "crypto"), List.of("bench", "memory"),
            List.of("bench", "throughput"), List.of("client", "--help"), List.of("--help"), List.of("--version"),
            List.of("clinet"), List.of("client", "--no-such-option"), List.of("client", "-p"));

    @Test
    void everyOptionAndTypicalLineParsesToTheSameFieldsAndMatches() {
        List<String> noValidValue = new ArrayList<>();
        int parsed = 0;
        for (CommandLine cmd : all(Main.commandLine(sink(), sink()))) {
            List<String> path = new ArrayList<>(List.of(cmd.getCommandSpec().qualifiedName().split(" ")));
            path.remove(0);
            for (CommandLine.Model.OptionSpec o : cmd.getCommandSpec().options()) {
                boolean valid = false;
                for (List<String> value : values(o)) {
                    List<String> args = new ArrayList<>(path);
                    args.add(o.longestName());
                    args.addAll(value);
                    valid |= bothParse(args);
                    parsed++;
                    if (o.negatable()) {
                        List<String> negated = new ArrayList<>(path);
                        negated.add(cmd.getCommandSpec().negatedOptionsMap().entrySet().stream()
                                .filter(e -> e.getValue() == o).map(java.util.Map.Entry::getKey).findFirst()
                                .orElseThrow());
                        bothParse(negated);
                    }
                }
                if (!valid && !o.usageHelp() && !o.versionHelp()) {
                    noValidValue.add(String.join(" ", path) + " " + o.longestName());
                }
            }
            for (CommandLine.Model.PositionalParamSpec p : cmd.getCommandSpec().positionalParameters()) {
                for (String v : List.of("x", "127.0.0.1:443", "a.test", "10.0.0.1")) {
                    List<String> args = new ArrayList<>(path);
                    args.add(v);
                    bothParse(args);
                    args.add("b.test");
                    bothParse(args);
                    parsed += 2;
                }
            }
        }
        for (List<String> line : TYPICAL) {
            bothParse(line);
        }
        assertEquals(List.of(), noValidValue, "options that no tried value parses for: add one to VALUES");
        assertTrue(parsed > 221, "parsed " + parsed);
    }

    /** The values to try for {@code o}: none for a flag, else its candidates, its default and {@link #VALUES}. */
    private static List<List<String>> values(CommandLine.Model.OptionSpec o) {
        List<List<String>> values = new ArrayList<>();
        if (o.arity().max() == 0) {
            values.add(List.of());
            return values;
        }
        if (o.arity().min() == 0) {
            values.add(List.of());
        }
        if (o.completionCandidates() != null) {
            o.completionCandidates().forEach(c -> values.add(List.of(c)));
        }
        if (o.defaultValue() != null) {
            values.add(List.of(o.defaultValue()));
        }
        VALUES.forEach(v -> values.add(List.of(v)));
        return values;
    }

    /** Parses {@code args} on fresh command objects of each model; the outcomes are the same. True if it parsed. */
    private static boolean bothParse(List<String> args) {
        String[] a = args.toArray(String[]::new);
        List<String> subs = Main.commandsFor(a);
        String annotated = ParsedFields.parse(Main.annotated(sink(), sink(), subs), a);
        String generated = ParsedFields.parse(Main.commandLine(sink(), sink(), subs), a);
        same(annotated, generated, String.join(" ", args));
        return !annotated.startsWith("usage error") && !annotated.startsWith("exception");
    }

    /** Equal texts, or a failure that lists the lines that differ (annotations {@code -}, generated {@code +}). */
    static void same(String annotated, String generated, String what) {
        if (annotated.equals(generated)) {
            return;
        }
        List<String> a = annotated.lines().toList();
        List<String> g = generated.lines().toList();
        StringBuilder diff = new StringBuilder();
        int n = 0;
        for (int i = 0; i < Math.max(a.size(), g.size()) && n < 40; i++) {
            String x = i < a.size() ? a.get(i) : "<none>";
            String y = i < g.size() ? g.get(i) : "<none>";
            if (!x.equals(y)) {
                diff.append("\n- ").append(x).append("\n+ ").append(y);
                n++;
            }
        }
        org.junit.jupiter.api.Assertions.fail(what + ": the generated model differs from the annotations'" + diff);
    }

    static Object newInstance(Class<?> c) {
        try {
            var ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrintWriter sink() {
        return new PrintWriter(new StringWriter());
    }

    static List<CommandLine> all(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        root.getSubcommands().values().forEach(c -> all.addAll(all(c)));
        return all;
    }

    static List<String> names(List<CommandLine> cls) {
        return cls.stream().map(c -> c.getCommandSpec().qualifiedName()).toList();
    }
}
