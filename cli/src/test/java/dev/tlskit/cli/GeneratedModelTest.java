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
        CommandLine a = Main.annotated(sink(), sink());
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
