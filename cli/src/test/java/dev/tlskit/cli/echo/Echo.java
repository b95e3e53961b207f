package dev.tlskit.cli.echo;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.cli.Capture;
import dev.tlskit.cli.Main;
import dev.tlskit.cli.interop.Interop;
import dev.tlskit.engine.IpFamily;
import dev.tlskit.engine.TlsConfig;
import dev.tlskit.engine.TlsConnection;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.TlsException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plumbing of the echoserver/echoclient tests: tlskit in-process (foreground and background), a raw TLS client,
 * peers as processes (always destroyed), and a tiny JSON reader. Loopback only.
 */
final class Echo {
    static final Duration LIMIT = Duration.ofSeconds(20);
    static final boolean CI = "true".equals(System.getenv("CI"));
    private static final Pattern LISTENING = Pattern.compile("tlskit echoserver: listening on (\\S+):(\\d+)");

    private Echo() {}

    /** One run: exit code, stdout and stderr kept apart. */
    record Run(int exitCode, String out, String err) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /** Runs tlskit in-process to completion on the calling thread. */
    static Run tlskit(String... args) {
        Capture out = new Capture();
        Capture err = new Capture();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.text(), err.text());
    }

    /** Writes {@code lines}, each with \n, to {@code dir/name}. */
    static Path lines(Path dir, String name, String... lines) {
        try {
            return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- an echoserver in the background

    /** {@code tlskit echoserver ...} on a daemon thread. {@link #close} sends 'quit' if it still runs. */
    static final class Server implements AutoCloseable {
        private final Capture out = new Capture();
        private final Capture err = new Capture();
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final String[] args;
        private int port = -1;

        Server(String... args) {
            this.args = args;
            Thread t = new Thread(() -> {
                try {
                    exit.complete(Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args));
                } catch (Throwable e) {
                    exit.completeExceptionally(e);
                }
            }, "echo-test-" + args[0]);
            t.setDaemon(true);
            t.start();
        }

        /** The port of the "listening on" line; fails if the server exits before printing it. */
        int port() throws InterruptedException {
            if (port < 0) {
                Matcher m = err.await(LISTENING, LIMIT, exit::isDone);
                if (m == null) {
                    fail("tlskit " + String.join(" ", args) + " never printed 'listening on'\n" + describeSoFar());
                }
                port = Integer.parseInt(m.group(2));
            }
            return port;
        }

        String out() {
            return out.text();
        }

        String err() {
            return err.text();
        }

        boolean exited() {
            return exit.isDone();
        }

        /** Waits until stdout shows {@code p}. */
        void awaitOut(Pattern p) throws InterruptedException {
            if (out.await(p, LIMIT, exit::isDone) == null) {
                fail("the server's stdout never showed /" + p + "/\n" + describeSoFar());
            }
        }

        /** Waits for the server to finish by itself. */
        Run await() throws Exception {
            try {
                return new Run(exit.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS), out.text(), err.text());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("tlskit " + String.join(" ", args) + " still running after " + LIMIT + "\n"
                        + describeSoFar(), e);
            }
        }

        private String describeSoFar() {
            return (exit.isDone() ? "exited with " + exit.getNow(null) : "still running") + "\n--- stdout:\n"
                    + out.text() + "\n--- stderr:\n" + err.text();
        }

        /** Stops a server a failed test left running: a 'quit' line on a fresh connection. */
        @Override
        public void close() throws Exception {
            if (exit.isDone() || port < 0) {
                return;
            }
            try (TlsConnection c = connect(port)) {
                c.write("quit\n".getBytes(StandardCharsets.US_ASCII));
            } catch (TlsException e) {
                // the server is going away anyway
            }
            try {
                exit.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // a daemon thread: it dies with the JVM
            }
        }
    }

    // ---------------------------------------------------------------- a raw TLS client

    /** A TLS 1.3 client of the engine that trusts the demo CA and sends the demo client certificate. */
    static TlsConnection connect(int port) throws TlsException {
        return connect(port, Duration.ofSeconds(10));
    }

    /** The same, with {@code timeout} for the handshake and each read. */
    static TlsConnection connect(int port, Duration timeout) throws TlsException {
        TlsConfig config = TlsConfig.forClient().trustAnchors(List.of(DemoMaterial.ca()))
                .identity(DemoMaterial.client().privateKey(), DemoMaterial.client().chain())
                .handshakeTimeout(timeout).readTimeout(timeout).build();
        return TlsConnection.connect(TlsContext.create(config), "localhost", port, IpFamily.ANY);
    }

    /** Reads exactly {@code n} bytes, or fails. */
    static String read(TlsConnection c, int n) throws TlsException {
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int r = c.read(buf, got, n - got);
            if (r < 0) {
                fail("the server closed after " + got + " of " + n + " bytes: "
                        + new String(buf, 0, got, StandardCharsets.UTF_8));
            }
            got += r;
        }
        return new String(buf, StandardCharsets.UTF_8);
    }

    /** Reads until the server closes. */
    static String readToEnd(TlsConnection c) throws TlsException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int r;
        while ((r = c.read(buf, 0, buf.length)) >= 0) {
            all.write(buf, 0, r);
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- external processes

    /** A process with stdout+stderr merged and captured; {@link #close} always destroys it and its children. */
    static final class Peer implements AutoCloseable {
        private final Process process;
        private final List<String> command;
        private final Capture output = new Capture();
        private final Capture stderr;
        private final Thread reader;

        /** Starts {@code command} in {@code dir}; {@code stdin} is written then closed (null: /dev/null). */
        Peer(Path dir, byte[] stdin, boolean mergeStderr, List<String> command) throws IOException {
            this.command = command;
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(mergeStderr);
            if (stdin == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            process = pb.start();
            reader = pump(process.getInputStream(), output);
            stderr = mergeStderr ? null : new Capture();
            if (!mergeStderr) {
                pump(process.getErrorStream(), stderr);
            }
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException e) {
                    // the process may have exited already; its output says why
                }
            }
        }

        Peer(Path dir, byte[] stdin, String... command) throws IOException {
            this(dir, stdin, true, List.of(command));
        }

        String output() {
            return output.text();
        }

        String stderr() {
            return stderr == null ? "" : stderr.text();
        }

        Matcher await(Pattern p) throws InterruptedException {
            Matcher m = output.await(p, LIMIT, () -> !process.isAlive() && !reader.isAlive());
            if (m == null) {
                fail(describe() + " did not print /" + p + "/ within " + LIMIT + "; output:\n" + output.text());
            }
            return m;
        }

        /** Waits for the process to exit by itself; fails (and destroys it) at the limit. */
        int waitFor() throws InterruptedException {
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                fail(describe() + " still running after " + LIMIT + "; output:\n" + output.text()
                        + "\n--- stderr:\n" + stderr());
            }
            reader.join(5_000);
            return process.exitValue();
        }

        private String describe() {
            return "process " + String.join(" ", command);
        }

        @Override
        public void close() {
            Interop.destroy(process);
        }
    }

    private static Thread pump(InputStream in, Writer to) {
        Thread t = new Thread(() -> Interop.pump(in, to), "echo-test-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    // ---------------------------------------------------------------- JSON

    /** A JSON object parsed by {@link Interop#parseJson}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String s) {
        Object v = Interop.parseJson(s);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object: " + s);
        }
        return (Map<String, Object>) v;
    }
}
