package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way the tests run tlskit in-process: {@link #run} to completion, {@link #start} on a daemon thread; both
 * with captured stdout and stderr and, if given, their own stdin ({@link Main#run(InputStream, PrintWriter,
 * PrintWriter, String...)}), so two in-process chats can type at each other.
 */
public final class Tlskit {
    /** The line every listening command prints on stderr: {@code tlskit server: listening on HOST:PORT ...}. */
    public static final Pattern LISTENING = Pattern.compile("tlskit [\\w-]+: listening on (\\S+):(\\d+)");
    /** How long the fixture waits for a line or for the end of a run. */
    public static final Duration LIMIT = Duration.ofSeconds(20);

    private Tlskit() {}

    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err) {
        public String describe() {
            return "exit " + exitCode + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /** Runs {@code args} to completion on the calling thread, stdin as the JVM's. */
    public static Result run(String... args) {
        return run(System.in, args);
    }

    /** Runs {@code args} to completion on the calling thread, reading {@code stdin}. */
    public static Result run(InputStream stdin, String... args) {
        Capture out = new Capture();
        Capture err = new Capture();
        int code = Main.run(stdin, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.text(), err.text());
    }

    /**
     * Runs tlskit in a JVM of its own (this test's JDK and class path), {@code jvmOptions} first, stdin at EOF: for
     * what only a fresh JVM shows (the classes a run loads).
     */
    public static Result subprocess(java.util.List<String> jvmOptions, String... args) throws Exception {
        Process p = new ProcessBuilder(subprocessCommand(jvmOptions, args)).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tlskit subprocess still running after " + LIMIT);
        }
        return new Result(p.exitValue(), new String(out, java.nio.charset.StandardCharsets.UTF_8),
                new String(err.get(LIMIT.toSeconds(), TimeUnit.SECONDS), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The command line of {@link #subprocess}: this test's JDK and class path, {@code jvmOptions} first. */
    public static java.util.List<String> subprocessCommand(java.util.List<String> jvmOptions, String... args) {
        return javaCommand(jvmOptions, Main.class, args);
    }

    /** {@code java jvmOptions -cp <this test's class path> mainClass args} on this test's JDK. */
    public static java.util.List<String> javaCommand(java.util.List<String> jvmOptions, Class<?> mainClass,
            String... args) {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(java.util.List.of(args));
        return cmd;
    }

    /** {@code args} (normally a server with {@code -p 0}) on its own daemon thread, stdin as the JVM's. */
    public static Background start(String... args) {
        return start(System.in, args);
    }

    /** What a client and the one-shot server it talked to printed and returned; the port the server listened on. */
    public record Pair(Result client, Result server, int port) {}

    /**
     * A one-shot {@code server -p 0} with {@code serverArgs} on its own thread, a {@code client -p PORT} with
     * {@code clientArgs} against it, and the server's end (within 30 s).
     */
    public static Pair pair(List<String> serverArgs, String... clientArgs) throws Exception {
        List<String> s = new ArrayList<>(List.of("server", "-p", "0"));
        s.addAll(serverArgs);
        Background server = start(s.toArray(String[]::new));
        List<String> c = new ArrayList<>(List.of("client", "-p", String.valueOf(server.port())));
        c.addAll(List.of(clientArgs));
        Result client = run(c.toArray(String[]::new));
        return new Pair(client, server.await(Duration.ofSeconds(30)), server.port());
    }

    /** {@code args} on its own daemon thread, reading {@code stdin}. */
    public static Background start(InputStream stdin, String... args) {
        return new Background(stdin, args);
    }

    /** A tlskit command running on its own thread; stdout and stderr can be waited on for a pattern. */
    public static final class Background implements AutoCloseable {
        private final Capture out = new Capture();
        private final Capture err = new Capture();
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final String[] args;
        private final Thread thread;
        private int port = -1;
        private String host;

        private Background(InputStream stdin, String[] args) {
            this.args = args;
            this.thread = new Thread(() -> {
                try {
                    exit.complete(Main.run(stdin, new PrintWriter(out, true), new PrintWriter(err, true), args));
                } catch (Throwable t) {
                    exit.completeExceptionally(t);
                }
            }, "tlskit-test-" + String.join("-", args));
            thread.setDaemon(true);
            thread.start();
        }

        /** The port of the {@link #LISTENING} line; fails if the command ends before printing it. */
        public int port() throws InterruptedException {
            if (port < 0) {
                Matcher m = awaitErr(LISTENING);
                host = m.group(1).replace("[", "").replace("]", "");
                port = Integer.parseInt(m.group(2));
            }
            return port;
        }

        /** The host of the {@link #LISTENING} line, IPv6 without brackets ({@code *} for every interface). */
        public String host() throws InterruptedException {
            port();
            return host;
        }

        public String out() {
            return out.text();
        }

        public String err() {
            return err.text();
        }

        /** Waits for {@code p} on stdout; fails with what was printed if it does not come. */
        public Matcher awaitOut(Pattern p) throws InterruptedException {
            return await(out, "stdout", p);
        }

        /** Waits for {@code p} on stderr; fails with what was printed if it does not come. */
        public Matcher awaitErr(Pattern p) throws InterruptedException {
            return await(err, "stderr", p);
        }

        private Matcher await(Capture c, String which, Pattern p) throws InterruptedException {
            Matcher m = c.await(p, LIMIT, exit::isDone);
            if (m == null) {
                fail("tlskit " + String.join(" ", args) + ": no /" + p + "/ on " + which + " within " + LIMIT
                        + "\n" + describe());
            }
            return m;
        }

        public boolean exited() {
            return exit.isDone();
        }

        /** Waits for the command to end by itself; fails with what it printed at the limit. */
        public Result await(Duration limit) throws Exception {
            try {
                return new Result(exit.get(limit.toMillis(), TimeUnit.MILLISECONDS), out.text(), err.text());
            } catch (TimeoutException e) {
                throw new AssertionError("tlskit " + String.join(" ", args) + " still running after " + limit
                        + "\n" + describe(), e);
            }
        }

        /** {@link #await(Duration)} within {@link #LIMIT}. */
        public Result await() throws Exception {
            return await(LIMIT);
        }

        /** The exit so far and everything printed, for failure messages. */
        public String describe() {
            return (exit.isDone() ? "exited with " + exit.getNow(null) : "still running") + "\n--- stdout:\n"
                    + out.text() + "\n--- stderr:\n" + err.text();
        }

        /**
         * Gives a command still running a moment to end (threads cannot be killed: the caller ends it first, by the
         * command's own means; the thread is a daemon anyway).
         */
        @Override
        public void close() throws InterruptedException {
            thread.join(2_000);
        }
    }
}
