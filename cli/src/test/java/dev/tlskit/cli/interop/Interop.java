package dev.tlskit.cli.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.cli.Capture;
import dev.tlskit.cli.Main;
import dev.tlskit.cli.Tlskit;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shared plumbing of the interop tests: peers as processes (always destroyed), tlskit in-process on a background
 * thread, loopback ports, and a tiny JSON reader. Every network address used here is loopback, or lives in a
 * network namespace the test created.
 */
public final class Interop {
    static final boolean CI = "true".equals(System.getenv("CI"));
    static final Duration PEER_START = Duration.ofSeconds(10);
    /** The line {@code openssl s_server} prints once it listens: {@code ACCEPT 127.0.0.1:PORT} (group 1: the port). */
    public static final Pattern S_SERVER_ACCEPT = Pattern.compile("ACCEPT \\S*:(\\d+)");
    static final Duration RUN_LIMIT = Duration.ofSeconds(30);
    
    private Interop() {}

    // ---------------------------------------------------------------- binaries

    /**
     * The one skip-or-fail policy: skips the test when {@code present} is false, except in CI ({@code CI=true}),
     * where it fails: interop tests must not skip in CI (.ci/run installs the peers).
     */
    public static void requireOr(boolean present, String missing) {
        if (CI && !present) {
            fail(missing + ", and CI=true: interop tests must not skip in CI (.ci/run installs the peers)");
        }
        assumeTrue(present, missing + "; test skipped");
    }

    /** Skips the test when {@code binary} is not on the PATH, except in CI ({@code CI=true}), where it fails. */
    public static void requireBinary(String binary) {
        requireOr(onPath(binary), binary + " is not installed");
    }

    static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }

    /** Skips (fails in CI) unless an IPv6 loopback address can be bound. */
    static void requireIpv6Loopback() {
        boolean ok;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            ok = true;
        } catch (IOException e) {
            ok = false;
        }
        requireOr(ok, "no IPv6 loopback (::1) on this machine");
    }

    // ---------------------------------------------------------------- files and ports

    /** The demo material in {@code dir} (ca.pem, server.pem/.key, client.pem/.key, *-rsa.*). */
    public static Path demo(Path dir) {
        DemoMaterial.writeTo(dir);
        return dir;
    }

    /** A loopback port nobody listens on right now (racy by nature; prefer port 0 where the peer prints it). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- external processes

    public record Result(int exitCode, String output) {}

    /** An external peer process with stdout+stderr captured; {@link #close} always destroys it and its children. */
    public static final class Peer implements AutoCloseable {
        private final Process process;
        private final List<String> command;
        private final Capture output = new Capture();
        private final Capture stderr;
        private final Thread reader;
        private OutputStream stdin;

        private Peer(Process process, List<String> command, boolean stderrApart) {
            this.process = process;
            this.command = command;
            this.reader = new Thread(() -> pump(process.getInputStream(), output), "interop-peer-output");
            reader.setDaemon(true);
            reader.start();
            this.stderr = stderrApart ? new Capture() : null;
            if (stderrApart) {
                Thread errors = new Thread(() -> pump(process.getErrorStream(), stderr), "interop-peer-stderr");
                errors.setDaemon(true);
                errors.start();
            }
        }

        /** What the peer printed: stdout and stderr, unless started with stderr apart. */
        public String output() {
            return output.text();
        }

        /** The peer's stderr when started with it apart; "" otherwise (it is in {@link #output}). */
        public String stderr() {
            return stderr == null ? "" : stderr.text();
        }

        boolean exited() {
            return !process.isAlive();
        }

        /** Waits for {@code p} in the peer's output; fails with the output so far if it does not come. */
        public Matcher await(Pattern p, Duration limit) throws InterruptedException {
            Matcher m = output.await(p, limit, () -> !process.isAlive() && !reader.isAlive());
            if (m == null) {
                fail("peer " + String.join(" ", command) + " did not print /" + p + "/ within " + limit
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                        + "; its output:\n" + output.text());
            }
            return m;
        }

        /** Waits for the peer to exit by itself; destroys it and fails at the limit. */
        public Result waitFor(Duration limit) throws InterruptedException {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                fail("peer " + String.join(" ", command) + " still running after " + limit + "; output:\n"
                        + output.text());
            }
            reader.join(5_000);
            return new Result(process.exitValue(), output.text());
        }

        /** Writes {@code text} to the stdin of a peer started with {@link #startWithOpenStdin}. */
        public void write(String text) throws IOException {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        /** Closes the stdin of a peer started with {@link #startWithOpenStdin}: its end of input. */
        public void closeInput() throws IOException {
            stdin.close();
        }

        @Override
        public void close() {
            if (stdin != null) {
                try {
                    stdin.close();
                } catch (IOException e) {
                    // the peer is being destroyed anyway
                }
            }
            destroy(process);
            try {
                reader.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts {@code command} in {@code dir}; {@code stdin} is written then closed (null: /dev/null). */
    public static Peer start(Path dir, byte[] stdin, List<String> command) throws IOException {
        return start(dir, stdin, true, command);
    }

    /** As {@link #start(Path, byte[], List)}; {@code mergeStderr} false keeps stderr apart ({@link Peer#stderr}). */
    public static Peer start(Path dir, byte[] stdin, boolean mergeStderr, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(mergeStderr);
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p = pb.start();
        Peer peer = new Peer(p, command, !mergeStderr);
        if (stdin != null) {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // the peer may have exited already; its output tells why
            }
        }
        return peer;
    }

    /**
     * Starts {@code command} in {@code dir} with stdin a pipe that stays open until {@link Peer#close}: for peers
     * that quit at the end of their input, such as {@code openssl s_server} in its default mode.
     */
    public static Peer startWithOpenStdin(Path dir, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        Peer peer = new Peer(p, command, false);
        peer.stdin = p.getOutputStream();
        return peer;
    }

    /**
     * {@code openssl s_server -accept 127.0.0.1:0} and {@code options} in {@code dir}, its stdin kept open (it quits
     * at the end of its input), added to {@code started} for the caller to close; its port, once it prints
     * {@link #S_SERVER_ACCEPT}.
     */
    public static int sServer(Path dir, Collection<? super Peer> started, List<String> options) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0"));
        command.addAll(options);
        Peer p = startWithOpenStdin(dir, command);
        started.add(p);
        return Integer.parseInt(p.await(S_SERVER_ACCEPT, Duration.ofSeconds(10)).group(1));
    }

    public static Peer start(Path dir, byte[] stdin, String... command) throws IOException {
        return start(dir, stdin, List.of(command));
    }

    /** Runs {@code command} to completion within {@code limit}, destroying it if it overruns. */
    public static Result run(Path dir, byte[] stdin, Duration limit, List<String> command) throws Exception {
        try (Peer peer = start(dir, stdin, command)) {
            return peer.waitFor(limit);
        }
    }

    public static Result run(Path dir, byte[] stdin, Duration limit, String... command) throws Exception {
        return run(dir, stdin, limit, List.of(command));
    }

    /** Destroys a process and every descendant (wrappers such as {@code unshare bash -c} leave children). */
    public static void destroy(Process p) {
        List<ProcessHandle> children = new ArrayList<>(p.descendants().toList());
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        for (ProcessHandle c : children) {
            if (c.isAlive()) {
                c.destroyForcibly();
            }
        }
    }

    /** Copies a process's output into {@code to} until the process closes it. */
    public static void pump(InputStream in, Writer to) {
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) >= 0) {
                to.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the process went away
        }
    }

    // ---------------------------------------------------------------- tlskit

    /**
     * What one tlskit run printed and returned: {@link Tlskit.Result} under the name the interop tests (and the
     * STARTTLS ones) already use.
     */
    record Run(int exitCode, String out, String err) {
        static Run of(Tlskit.Result r) {
            return new Run(r.exitCode(), r.out(), r.err());
        }

        String describe() {
            return "exit " + exitCode + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /** Runs tlskit in-process to completion on the calling thread (bounded by the test's @Timeout). */
    static Run tlskit(String... args) {
        return Run.of(Tlskit.run(args));
    }

    /** A tlskit server ({@code server -p 0 ...}) in-process on {@link Tlskit}'s daemon thread. */
    public static final class Background implements AutoCloseable {
        private final Tlskit.Background run;
        private boolean listened;

        private Background(String[] args) {
            run = Tlskit.start(args);
        }

        /** The port from the server's "listening on" line (fails if the server exits before printing it). */
        public int port() throws InterruptedException {
            int port = run.port();
            listened = true;
            return port;
        }

        public String out() {
            return run.out();
        }

        public String err() {
            return run.err();
        }

        public boolean exited() {
            return run.exited();
        }

        Run await(Duration limit) throws Exception {
            return Run.of(run.await(limit));
        }

        /**
         * Ends a server that is still waiting in accept(): empty connections are served (and fail) until its -C
         * count is used up. Threads cannot be killed; this is the clean way out, and the thread is a daemon anyway.
         */
        @Override
        public void close() throws Exception {
            if (listened) {
                String host = run.host().equals("*") ? "127.0.0.1" : run.host();
                for (int i = 0; i < 20 && !run.exited(); i++) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(host, run.port()), 500);
                    } catch (IOException e) {
                        break;
                    }
                    try {
                        run.await(Duration.ofSeconds(1));
                    } catch (AssertionError e) {
                        // still serving: poke again
                    }
                }
            }
            run.close();
        }
    }

    public static Background tlskitInBackground(String... args) {
        return new Background(args);
    }

    /**
     * The command line that runs tlskit as a separate JVM from the test classpath (the shaded jar exists only after
     * {@code package}, and surefire runs before it).
     */
    public static List<String> tlskitCommand(String... args) {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(cp);
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Runs tlskit as a separate JVM to completion (destroyed, and the test failed, at {@code limit}), stdin empty,
     * stdout and stderr kept apart. {@code environment} edits the child's copy of this JVM's environment: for what
     * an in-process run cannot have (SSLKEYLOGFILE, NO_COLOR, ...).
     */
    static Run tlskitProcess(Duration limit, Consumer<Map<String, String>> environment, String... args)
            throws Exception {
        return runApart(limit, environment, tlskitCommand(args));
    }

    /**
     * Runs {@code command} to completion with stdin empty, stdout and stderr kept apart (tools such as tshark
     * print warnings on stderr next to the data on stdout); at {@code limit} it is destroyed and the test fails.
     */
    static Run runApart(Duration limit, Consumer<Map<String, String>> environment, List<String> command)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        environment.accept(pb.environment());
        Process p = pb.start();
        Capture out = new Capture();
        Capture err = new Capture();
        Thread outReader = new Thread(() -> pump(p.getInputStream(), out), "interop-stdout");
        Thread errReader = new Thread(() -> pump(p.getErrorStream(), err), "interop-stderr");
        outReader.setDaemon(true);
        errReader.setDaemon(true);
        outReader.start();
        errReader.start();
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(String.join(" ", command) + " still running after " + limit + "\n--- stdout:\n" + out.text()
                        + "\n--- stderr:\n" + err.text());
            }
            outReader.join(5_000);
            errReader.join(5_000);
            return new Run(p.exitValue(), out.text(), err.text());
        } finally {
            destroy(p);
        }
    }

    /** Quotes one word for sh. */
    public static String sh(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public static String sh(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            b.append(b.length() == 0 ? "" : " ").append(sh(w));
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- a tiny JSON reader (no library here)

    /**
     * A server's {@code --json} stdout: its first line is the {@code listening} event, the last one the document of
     * its (last) connection; this parses the last.
     */
    public static Object lastJsonLine(String out) {
        return parseJson(out.strip().lines().reduce((a, b) -> b).orElse(""));
    }

    /** Parses one JSON value into Map (insertion order), List, String, Double/Long, Boolean or null. */
    public static Object parseJson(String s) {
        JsonReader r = new JsonReader(s);
        Object v = r.value();
        r.skipSpace();
        if (r.pos != s.length()) {
            throw new IllegalArgumentException("trailing text at " + r.pos + ": " + s.substring(r.pos));
        }
        return v;
    }

    /** Follows a path of keys (String) and indexes (Integer) through parsed JSON. */
    public static Object at(Object json, Object... path) {
        Object v = json;
        for (Object k : path) {
            if (k instanceof Integer i) {
                v = ((List<?>) v).get(i);
            } else {
                if (!(v instanceof Map<?, ?> m) || !m.containsKey(k)) {
                    throw new AssertionError("no '" + k + "' in " + v);
                }
                v = m.get(k);
            }
        }
        return v;
    }

    private static final class JsonReader {
        private final String s;
        private int pos;

        JsonReader(String s) {
            this.s = s;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Object value() {
            skipSpace();
            char c = s.charAt(pos);
            switch (c) {
                case '{': {
                    pos++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    skipSpace();
                    if (s.charAt(pos) == '}') {
                        pos++;
                        return m;
                    }
                    while (true) {
                        skipSpace();
                        String k = string();
                        skipSpace();
                        expect(':');
                        m.put(k, value());
                        skipSpace();
                        if (s.charAt(pos) == ',') {
                            pos++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[': {
                    pos++;
                    List<Object> l = new ArrayList<>();
                    skipSpace();
                    if (s.charAt(pos) == ']') {
                        pos++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        skipSpace();
                        if (s.charAt(pos) == ',') {
                            pos++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"':
                    return string();
                default:
                    if (s.startsWith("true", pos)) {
                        pos += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", pos)) {
                        pos += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", pos)) {
                        pos += 4;
                        return null;
                    }
                    int start = pos;
                    while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                        pos++;
                    }
                    if (start == pos) {
                        throw new IllegalArgumentException("unexpected '" + c + "' at " + pos);
                    }
                    String num = s.substring(start, pos);
                    return num.matches("-?\\d+") ? (Object) Long.parseLong(num) : (Object) Double.parseDouble(num);
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        private void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + pos);
            }
            pos++;
        }
    }
}
