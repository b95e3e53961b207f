package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A command on a real terminal: a private tmux server (-L, away from anyone's sessions) runs it on a
 * pseudo-terminal; {@link #type} sends keys and {@link #screen} polls what the pane shows. Close kills the server.
 */
public final class Tmux implements AutoCloseable {
    private final String socket = "tlskit-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String session;

    /**
     * Starts {@code shellCommand} in a detached session of {@code columns} x {@code rows}; when it ends, the pane
     * shows {@code EXIT=<code>} and stays open a minute for the test to read.
     */
    public Tmux(String session, int columns, int rows, String shellCommand) throws Exception {
        Interop.requireBinary("tmux");
        this.session = session;
        run("new-session", "-d", "-s", session, "-x", String.valueOf(columns), "-y", String.valueOf(rows),
                "TERM=xterm-256color " + shellCommand + "; echo EXIT=$?; sleep 60");
    }

    /** Types {@code text} literally, then Enter. */
    public void typeLine(String text) throws Exception {
        type(text);
        run("send-keys", "-t", session, "Enter");
    }

    /** Types {@code text} literally (no key names). */
    public void type(String text) throws Exception {
        run("send-keys", "-t", session, "-l", text);
    }

    /** Sends tmux key names ({@code C-d}, {@code Enter}). */
    public void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        run(args.toArray(String[]::new));
    }

    /** Polls the pane until {@code ready} holds, for up to 30 s (tmux has no way to wait for screen content). */
    public String screen(Predicate<String> ready, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String s = "";
        while (System.nanoTime() < deadline) {
            s = run("capture-pane", "-p", "-t", session);
            if (ready.test(s)) {
                return s;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        fail("the screen never showed " + what + "; it shows:\n" + s);
        return s;
    }

    @Override
    public void close() {
        try {
            run("kill-server");
        } catch (AssertionError | Exception ignored) {
            // no server left to kill
        }
    }

    private String run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Interop.Result r = Interop.run(Path.of("."), null, Duration.ofSeconds(10), cmd);
        if (r.exitCode() != 0) {
            throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + r.output());
        }
        return r.output();
    }
}
