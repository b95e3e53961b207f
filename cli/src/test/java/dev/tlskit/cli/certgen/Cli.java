package dev.tlskit.cli.certgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tlskit.cli.Tlskit;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** tlskit in-process (foreground and background) and external peers as real processes, for the certgen tests. */
/** Certgen tests' helpers; running tlskit in-process is {@link Tlskit}'s. */
final class Cli {
    private Cli() {}

    static void assertOneErrorLine(Tlskit.Result r, String... fragments) {
        assertEquals(2, r.exitCode(), r.err());
        String[] lines = r.err().lines().toArray(String[]::new);
        assertTrue(lines.length >= 1 && lines[0].startsWith("tlskit: error: "), r.err());
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), "'" + f + "' not in: " + lines[0]);
        }
        for (int i = 1; i < lines.length; i++) {
            // after the error line: hints, and for parse errors the short usage and the "see --help" line
            assertTrue(lines[i].startsWith("hint: ") || lines[i].startsWith("Usage: ")
                    || lines[i].startsWith("See '"), "extra line: " + lines[i]);
        }
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals("", r.out());
    }

    // ---- external peers

    /** Skips when {@code binary} is missing, except with CI=true, where it fails. */
    static void assumePeer(String binary) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, binary).canExecute()) {
                found = true;
                break;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(found, binary + " must be installed in CI");
        }
        assumeTrue(found, binary + " not installed");
    }

    /** Runs a peer to completion, stdin from {@code input}; merged output. */
    static Tlskit.Result process(Path dir, String input, Duration limit, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "(output unreadable: " + e + ")";
                }
            });
            try (var stdin = p.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the peer may have exited already; its output says why
            }
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new Tlskit.Result(p.exitValue(), output.get(10, TimeUnit.SECONDS), "");
        } finally {
            p.destroyForcibly();
        }
    }

    /** A long-running peer (openssl s_server): started, waited for until {@code ready} appears, destroyed by close. */
    static final class Peer implements AutoCloseable {
        final Process process;
        private final StringBuffer output = new StringBuffer();
        private final CompletableFuture<Void> ready = new CompletableFuture<>();

        Peer(Path dir, String ready, String... command) throws Exception {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (var in = process.getInputStream()) {
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        if (output.indexOf(ready) >= 0) {
                            this.ready.complete(null);
                        }
                    }
                } catch (IOException ignored) {
                    // process destroyed
                }
                this.ready.completeExceptionally(new AssertionError("peer ended before '" + ready + "': " + output));
            }, "peer-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                this.ready.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
        }

        String output() {
            return output.toString();
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static List<String> list(String... items) {
        return new ArrayList<>(List.of(items));
    }
}
