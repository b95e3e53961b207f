package dev.tlskit.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Drives the committed completions/tlskit.bash in a real bash, as the shell does on TAB. */
@Timeout(60)
class BashCompletionTest {
    private static final Path SCRIPT = Path.of("..", Docs.COMPLETION).toAbsolutePath().normalize();

    @BeforeAll
    static void bashIsThere() {
        boolean ok;
        try {
            ok = new ProcessBuilder("bash", "-c", "true").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        // CI images always have bash; a developer machine without it skips rather than fails.
        Interop.requireOr(ok, "no bash on this machine");
    }

    @Test
    void completesSubcommands() throws Exception {
        assertEquals(List.of("client"), complete("tlskit", "cl"));
        assertEquals(List.of("echoclient", "echoserver"), sorted(complete("tlskit", "echo")));
    }

    @Test
    void completesOptionNames() throws Exception {
        assertEquals(List.of("--provider"), complete("tlskit", "client", "--prov"));
        assertEquals(List.of("--key-type"), complete("tlskit", "certgen", "--key-t"));
    }

    @Test
    void completesEnumValues() throws Exception {
        assertEquals(List.of("jdk", "bc", "boringssl"), complete("tlskit", "client", "--provider", ""));
        assertEquals(List.of("bc", "boringssl"), complete("tlskit", "client", "--provider", "b"));
        assertEquals(List.of("none", "want", "need"), complete("tlskit", "echoserver", "--client-auth", ""));
        assertEquals(List.of("ec-p256", "ec-p384"), complete("tlskit", "certgen", "--key-type", "ec"));
    }

    @Test
    void completesFilesForCertificateAndTrustOptions(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("server.pem"), "x", StandardCharsets.UTF_8);
        String prefix = dir.resolve("serv").toString();
        String expected = dir.resolve("server.pem").toString();
        for (String flag : List.of("-c", "-k", "-A", "--ca")) {
            assertEquals(List.of(expected), complete("tlskit", "client", flag, prefix), flag);
        }
        assertEquals(List.of(expected), complete("tlskit", "echoclient", "--file", prefix));
    }

    @Test
    void offersEveryFlagOfTheCommandAfterADash() throws Exception {
        List<String> all = complete("tlskit", "server", "-");
        for (String flag : List.of("-p", "--port", "--bind", "-c", "-A", "--provider", "--json", "--help")) {
            assertTrue(all.contains(flag), flag + " not in " + all);
        }
    }

    /** COMPREPLY after completing the last word of {@code words} with the committed script. */
    private static List<String> complete(String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w.replace("'", "'\\''")).append('\'');
        }
        String script = "source '" + SCRIPT + "'\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "COMPREPLY=()\n"
                // the function name and arguments bash passes for `complete -F _complete_tlskit tlskit`
                + "_complete_tlskit tlskit \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\" 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", script)
                .redirectErrorStream(false).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }
}
