package dev.tlskit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs tlskit in-process, as the CLI tests do: {@link #run} to completion, {@link #start} in the background. */
public final class Tlskit {
    private static final Pattern LISTENING = Pattern.compile("listening on \\S*:(\\d+)");

    private Tlskit() {}

    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err) {}

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A tlskit server (or any command) running on its own thread. */
    public static final class Background {
        private final StringWriter out = new StringWriter();
        private final Watcher err = new Watcher();
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();

        /** The port the server printed once it listens. */
        public int port() throws Exception {
            return err.port.get(20, TimeUnit.SECONDS);
        }

        /** Waits for the command to end and returns what it printed. */
        public Result await(Duration limit) throws Exception {
            int code = exit.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(code, out.toString(), err.toString());
        }
    }

    public static Background start(String... args) {
        Background b = new Background();
        Thread t = new Thread(() -> {
            try {
                b.exit.complete(Main.run(new PrintWriter(b.out, true), new PrintWriter(b.err, true), args));
            } catch (Throwable e) {
                b.exit.completeExceptionally(e);
                b.err.port.completeExceptionally(e);
            }
        }, "tlskit-test-background");
        t.setDaemon(true);
        t.start();
        b.exit.whenComplete((code, e) -> b.err.port.completeExceptionally(
                new IllegalStateException("exited with " + code + " before listening: " + b.err)));
        return b;
    }

    /** A stderr writer that completes a future when the "listening on" line appears. */
    private static final class Watcher extends Writer {
        private final StringBuffer text = new StringBuffer();
        final CompletableFuture<Integer> port = new CompletableFuture<>();

        @Override
        public void write(char[] cbuf, int off, int len) {
            text.append(cbuf, off, len);
            if (!port.isDone()) {
                Matcher m = LISTENING.matcher(text);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
