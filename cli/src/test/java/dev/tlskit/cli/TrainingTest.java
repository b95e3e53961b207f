package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training runs the launcher records its start-up archives from, each in a JVM of its own as the launcher runs
 * them: the lean one holds what the jdk provider's one-shot clients load and nothing a server or Bouncy Castle
 * does; the full one holds those too. Its server JVM never outlives it.
 */
class TrainingTest {

    @Test
    @Timeout(120)
    void theLeanTrainingLoadsTheClientsAndNeitherAServerNorBouncyCastle(@TempDir Path dir)
            throws Exception {
        List<String> lean = trainingClasses(dir.resolve("lean.log"), Training.LEAN);
        assertTrue(lean.contains("dev.tlskit.cli.command.ClientCommand"), "the client ran");
        assertTrue(lean.contains("dev.tlskit.cli.command.ClientDocument"), "with --json too");
        assertTrue(lean.contains("sun.security.ssl.ClientHello"), "a real handshake");
        assertFalse(lean.contains("dev.tlskit.cli.command.ServerCommand"), "the server ran in a JVM of its own");
        // but the exception types a failed handshake is tested against (the -A system check fails, as it should)
        assertEquals(List.of(), lean.stream().filter(c -> c.startsWith("org.bouncycastle.")
                && !c.matches("org\\.bouncycastle\\.tls\\.Tls\\w*(Exception|Alert|AlertReceived)")).toList(), "no Bouncy Castle class");

        List<String> full = trainingClasses(dir.resolve("full.log"));
        assertTrue(full.contains("dev.tlskit.cli.command.ServerCommand"));
        assertTrue(full.contains("org.bouncycastle.jsse.provider.BouncyCastleJsseProvider"));
        assertTrue(full.containsAll(lean.stream().filter(c -> c.startsWith("dev.tlskit.") && !c.contains("$$Lambda"))
                .toList()), "the full training runs what the lean one does");
    }

    @Test
    @Timeout(60)
    void aLeanTrainingServerEndsWithItsStandardInput() throws Exception {
        Process server = new ProcessBuilder(Tlskit.javaCommand(List.of(), Training.class, "serve", "server", "-p", "0"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(),
                    StandardCharsets.UTF_8));
            String line = err.readLine();
            while (line != null && !Tlskit.LISTENING.matcher(line).find()) {
                line = err.readLine();
            }
            assertTrue(line != null, "the server listened");
            assertFalse(server.waitFor(1, TimeUnit.SECONDS), "a server waits for its client");
            server.getOutputStream().close(); // what the training JVM's end does to it, killed or not
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "it ends with its standard input");
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }

    /** The classes a training run loads, as {@code -Xlog:class+load} names them. */
    private static List<String> trainingClasses(Path log, String... args) throws Exception {
        Process p = new ProcessBuilder(Tlskit.javaCommand(List.of("-Xlog:class+load=info:file=" + log), Training.class,
                args)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "training finished");
        assertEquals(0, p.exitValue());
        List<String> classes = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            int at = l.indexOf("] ", l.indexOf("[class,load]"));
            if (at > 0) {
                classes.add(l.substring(at + 2).split(" ", 2)[0]);
            }
        }
        return classes;
    }
}
