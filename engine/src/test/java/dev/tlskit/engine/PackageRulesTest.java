package dev.tlskit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages lean one way (issue 18): {@code wire} (the code points and codecs) uses nothing of the
 * engine; {@code model} (the values: configuration, summary, failure, trace events, the session callbacks) uses only
 * {@code wire}; {@code internal} (the driver, the transports' cores, the observer) uses only {@code model} and
 * {@code wire}, never the public package; nothing outside the engine module reaches into {@code internal}; and no
 * two of the engine's packages depend on each other, directly or round a longer loop. Read from the sources (the
 * imports and qualified names in code, not in comments), so a new import that breaks a rule fails here, naming the
 * file.
 */
class PackageRulesTest {
    private static final String ENGINE = "dev.tlskit.engine";
    private static final Path MAIN = Path.of("src/main/java/dev/tlskit/engine");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** One of the engine's types named in code: the package's segments (lower case), then the type. */
    private static final Pattern ENGINE_TYPE = Pattern.compile("\\bdev\\.tlskit\\.engine((?:\\.[a-z]\\w*)*)\\.[A-Z]");
    /** Comments and literals, blanked before reading names: a javadoc link is no dependency. */
    private static final Pattern NOT_CODE = Pattern.compile(
            "//[^\\n]*|/\\*(?s:.*?)\\*/|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'");

    @Test
    void wireUsesNothingOfTheEngine() {
        assertEquals(List.of(), usesOutside(ENGINE + ".wire", Set.of()));
    }

    @Test
    void modelUsesOnlyWire() {
        assertEquals(List.of(), usesOutside(ENGINE + ".model", Set.of(ENGINE + ".wire")));
    }

    @Test
    void internalUsesOnlyModelAndWire() {
        assertEquals(List.of(), usesOutside(ENGINE + ".internal", Set.of(ENGINE + ".model", ENGINE + ".wire")));
    }

    @Test
    void nothingOutsideTheEngineReachesIntoInternal() throws IOException {
        List<String> broken = new ArrayList<>();
        for (String module : List.of("../cli/src", "../certs/src")) {
            for (Path f : sources(Path.of(module))) {
                if (Files.readString(f).contains("dev.tlskit.engine.internal")) {
                    broken.add(f.toString());
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void theEnginesPackagesHaveNoCycle() {
        Map<String, Map<String, Set<String>>> graph = graph();
        assertTrue(graph.keySet().containsAll(Set.of(ENGINE, ENGINE + ".internal", ENGINE + ".model")),
                graph::toString);
        List<String> cycle = cycle(graph);
        List<String> shown = new ArrayList<>();
        for (int i = 0; i + 1 < cycle.size(); i++) {
            shown.add(cycle.get(i) + " -> " + cycle.get(i + 1) + " " + graph.get(cycle.get(i)).get(cycle.get(i + 1)));
        }
        assertEquals(List.of(), shown, "a package cycle");
    }

    @Test
    void theCycleSearchFindsALoopAndOnlyALoop() {
        Map<String, Map<String, Set<String>>> loop = new TreeMap<>(Map.of(
                "a", Map.of("b", Set.of("A.java")), "b", Map.of("c", Set.of("B.java")),
                "c", Map.of("a", Set.of("C.java")), "d", Map.of("a", Set.of("D.java"))));
        assertEquals(List.of("a", "b", "c", "a"), cycle(loop));
        Map<String, Map<String, Set<String>>> tree = new TreeMap<>(Map.of(
                "a", Map.of("b", Set.of("A.java"), "c", Set.of("A.java")), "b", Map.of("c", Set.of("B.java"))));
        assertEquals(List.of(), cycle(tree));
    }

    /** Each file of {@code pkg} that uses one of the engine's packages outside {@code allowed}, with that package. */
    private static List<String> usesOutside(String pkg, Set<String> allowed) {
        List<String> broken = new ArrayList<>();
        graph().getOrDefault(pkg, Map.of()).forEach((used, files) -> {
            if (!allowed.contains(used)) {
                files.forEach(f -> broken.add(f + " uses " + used));
            }
        });
        return broken;
    }

    /**
     * The engine's main packages, each with the engine's packages it uses and the files that use each; a package's
     * use of itself is no edge.
     */
    private static Map<String, Map<String, Set<String>>> graph() {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        try {
            for (Path f : sources(MAIN)) {
                String text = Files.readString(f);
                Matcher p = PACKAGE.matcher(text);
                assertTrue(p.find(), "no package line in " + f);
                String from = p.group(1);
                Map<String, Set<String>> uses = graph.computeIfAbsent(from, k -> new TreeMap<>());
                Matcher m = ENGINE_TYPE.matcher(NOT_CODE.matcher(text).replaceAll(" "));
                while (m.find()) {
                    String to = ENGINE + m.group(1);
                    if (!to.equals(from)) {
                        uses.computeIfAbsent(to, k -> new TreeSet<>()).add(MAIN.relativize(f).toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** A loop in the graph as its nodes, the first repeated at the end (a, b, a), or empty when there is none. */
    private static List<String> cycle(Map<String, Map<String, Set<String>>> graph) {
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            List<String> found = cycleFrom(start, graph, new ArrayList<>(), done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    /** Depth first from {@code node}; {@code path} is the way here, {@code done} the nodes fully searched. */
    private static List<String> cycleFrom(String node, Map<String, Map<String, Set<String>>> graph, List<String> path,
            Set<String> done) {
        int seen = path.indexOf(node);
        if (seen >= 0) {
            List<String> loop = new ArrayList<>(path.subList(seen, path.size()));
            loop.add(node);
            return loop;
        }
        if (done.contains(node)) {
            return List.of();
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, Map.of()).keySet()) {
            List<String> found = cycleFrom(next, graph, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return List.of();
    }

    private static List<Path> sources(Path dir) throws IOException {
        assertTrue(Files.isDirectory(dir), "no sources at " + dir.toAbsolutePath());
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
