package dev.tlskit.cli.docs;

import dev.tlskit.cli.Main;
import dev.tlskit.cli.OptionTables;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The one regeneration entry point for everything generated from the picocli model: {@code man/*.1},
 * {@code completions/tlskit.bash}, the README's option tables and the model itself in code
 * ({@code dev.tlskit.cli.model.Specs}, see {@link ModelSource}). Run it with
 * {@code mvn -q -B install -DskipTests -Pdocs} (the {@code docs} profile of cli/pom.xml runs {@link #main} with the
 * repository root); {@code GeneratedDocsTest} fails when the committed files differ from {@link #render}.
 * It lives with the tests because Asciidoctor (JRuby) has no place in the runnable jar.
 */
public final class Docs {
    static final String MAN = "man";
    static final String COMPLETION = "completions/tlskit.bash";
    static final String README = "README.md";

    private static Map<String, String> cachedMan;

    private Docs() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Map<String, String> files = render(root);
        int changed = 0;
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = root.resolve(e.getKey());
            if (!Files.exists(p) || !Files.readString(p, StandardCharsets.UTF_8).equals(e.getValue())) {
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
                System.err.println("tlskit docs: wrote " + e.getKey());
                changed++;
            }
        }
        for (String stale : stalePages(root, files)) {
            Files.delete(root.resolve(stale));
            System.err.println("tlskit docs: removed " + stale);
            changed++;
        }
        System.err.println("tlskit docs: " + files.size() + " files checked, " + changed + " changed");
    }

    /** Every generated file (path relative to the repository root, '/'-separated) and its content. */
    public static Map<String, String> render(Path root) {
        Map<String, String> files = new LinkedHashMap<>();
        manPages().forEach((name, troff) -> files.put(MAN + "/" + name + ".1", troff));
        files.put(COMPLETION, bashCompletion());
        files.put(ModelSource.PATH, ModelSource.render());
        try {
            files.put(README, OptionTables.render(Files.readString(root.resolve(README), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Man pages under {@code man/} that no command produces any more. */
    public static List<String> stalePages(Path root, Map<String, String> files) {
        List<String> stale = new ArrayList<>();
        Path dir = root.resolve(MAN);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> MAN + "/" + p.getFileName()).filter(p -> !files.containsKey(p)).sorted()
                        .forEach(stale::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stale;
    }

    /** Man page name to troff; converted once per JVM (Asciidoctor starts JRuby, which takes seconds). */
    public static synchronized Map<String, String> manPages() {
        if (cachedMan == null) {
            cachedMan = ManPages.troff(ManPages.asciidoc(model()));
        }
        return cachedMan;
    }

    /** picocli's bash completion script for the whole command tree. */
    public static String bashCompletion() {
        return AutoComplete.bash("tlskit", model());
    }

    /** A fresh model from the one factory that {@code main} uses. */
    static CommandLine model() {
        return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }
}
