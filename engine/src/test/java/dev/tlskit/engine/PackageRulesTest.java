package dev.tlskit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages lean one way (issue 18): {@code wire} (the code points and codecs) imports nothing of the
 * engine; {@code internal} (the driver, the transports' cores, the observer) imports of the public package only its
 * values and interfaces, never the public transports; nothing outside the engine module reaches into
 * {@code internal}. Read from the sources, so a new import that breaks a rule fails here, naming the file.
 */
class PackageRulesTest {
    private static final Path ENGINE = Path.of("src/main/java/dev/tlskit/engine");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.tlskit\\.engine\\.([A-Za-z.]+);",
            Pattern.MULTILINE);
    /** The public package's values and callback interfaces: what {@code internal} may use. */
    private static final Set<String> VALUES = Set.of("Direction", "FailureAlert", "HandshakeSummary", "IpFamily", "IpLiteral",
            "KeyLog", "Session", "SessionHandler", "TlsConfig", "TlsContext", "TlsException", "TlsProvider",
            "TraceEvent", "Verification", "EventLoopServer", "DtlsServer");
    /** Of the two servers, internal may name only their value records. */
    private static final Pattern SERVER_MEMBER = Pattern.compile("\\b(EventLoopServer|DtlsServer)\\.([A-Za-z]+)");
    private static final Set<String> SERVER_VALUES = Set.of("Settings", "Stats");

    @Test
    void wireImportsNothingOfTheEngine() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path f : sources(ENGINE.resolve("wire"))) {
            Matcher m = IMPORT.matcher(Files.readString(f));
            while (m.find()) {
                if (!m.group(1).startsWith("wire.")) {
                    broken.add(f.getFileName() + " imports dev.tlskit.engine." + m.group(1));
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void internalUsesOnlyThePublicValues() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path f : sources(ENGINE.resolve("internal"))) {
            String text = Files.readString(f);
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                String top = name.split("\\.")[0];
                if (!top.equals("wire") && !top.equals("internal") && !top.equals("model") && !VALUES.contains(top)) {
                    broken.add(f.getFileName() + " imports dev.tlskit.engine." + name);
                }
            }
            Matcher member = SERVER_MEMBER.matcher(text);
            while (member.find()) {
                if (!SERVER_VALUES.contains(member.group(2))) {
                    broken.add(f.getFileName() + " uses " + member.group());
                }
            }
        }
        assertEquals(List.of(), broken);
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

    private static List<Path> sources(Path dir) throws IOException {
        assertTrue(Files.isDirectory(dir), "no sources at " + dir.toAbsolutePath());
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
