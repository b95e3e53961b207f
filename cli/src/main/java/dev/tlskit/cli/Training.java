package dev.tlskit.cli;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.certs.Pem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The training run the launcher records a class-data archive from (a class list for a static AppCDS archive on
 * Java 17-23, an AOT cache from {@code -XX:AOTMode=record} on 24+): in one JVM, the commands people run most, as they
 * run them — {@code --version}, help, and client/server handshakes on loopback (the seed's mutual-auth exchange on
 * the demo certificates, the one-shot {@code client -g -x -A ca.pem} check with and without {@code --json}, on both
 * providers, and one with {@code -A system}). With the argument {@code lean}, the lean archive's training (what the
 * launcher uses for one-shot commands on the jdk provider): {@code --version} and the same clients on the jdk
 * provider only, their servers in a JVM of their own, since the JVM maps and relocates the whole archive at every
 * start (a smaller one starts faster). Whatever fails here only makes the archive smaller: the run prints nothing
 * and always exits 0.
 *
 * <p>{@code java -Xshare:off -XX:DumpLoadedClassList=tlskit.classlist -cp tlskit.jar dev.tlskit.cli.Training}
 */
public final class Training {
    private static final Pattern LISTENING = Pattern.compile("listening on \\S*:(\\d+)");
    private static final long WAIT_SECONDS = 30;
    /** The argument for the lean archive's training: no Bouncy Castle or BoringSSL run (see the launcher). */
    static final String LEAN = "lean";
    /** The argument of the lean training's server JVM (see {@link #serve}). */
    private static final String SERVE = "serve";

    private Training() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(SERVE)) {
            serve(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        try {
            train(args.length > 0 && args[0].equals(LEAN));
        } catch (Exception | Error e) {
            if (Boolean.getBoolean("tlskit.training.verbose")) {
                e.printStackTrace();
            }
        }
        System.exit(0);
    }

    static void train(boolean lean) throws Exception {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        Main.run(quiet, quiet, "--version");
        if (!lean) {
            Main.run(quiet, quiet, "--help");
            Main.run(quiet, quiet, "client", "--help");
            Main.run(quiet, quiet, "client", "--no-such-flag");
        }
        Path dir = Files.createTempDirectory("tlskit-training");
        try {
            // The CA only: writing the demo keys would encode them with Bouncy Castle, which no client run does.
            String ca = dir.resolve("ca.pem").toString();
            Pem.write(Path.of(ca), Pem.encode(DemoMaterial.ca()), false);
            exchange(lean, new String[] {"server", "-p", "0"}, new String[] {"client"});
            String[] check = {"client", "-h", "127.0.0.1", "-A", ca, "-x", "-g"};
            List<String[]> clients = new ArrayList<>(List.of(check, plus(check, "--json"),
                    new String[] {"client", "-h", "127.0.0.1", "-A", "system", "-x", "-g"})); // refused: demo chain
            if (!lean) {
                clients.add(plus(check, "--provider", "bc", "--json"));
            }
            exchange(lean, new String[] {"server", "-p", "0", "-g", "-d", "-C", String.valueOf(clients.size())},
                    clients.toArray(String[][]::new));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String[] plus(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /**
     * Starts the server, runs each client after the other against its port, and waits for the server. The lean
     * training runs the server in a JVM of its own, so that the archive holds what the clients load, not what a
     * server does; the full one runs it in a thread of this JVM.
     */
    private static void exchange(boolean lean, String[] server, String[]... clients) throws Exception {
        CompletableFuture<String> port = new CompletableFuture<>();
        PrintWriter serverErr = new PrintWriter(new PortWatcher(port), true);
        Waiter waiter = lean ? child(server, serverErr, port) : thread(server, serverErr, port);
        try {
            String p = port.get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (p == null) {
                return;
            }
            PrintWriter quiet = new PrintWriter(Writer.nullWriter());
            for (String[] client : clients) {
                Main.run(quiet, quiet, plus(client, "-p", p));
            }
        } finally {
            waiter.await();
        }
    }

    /** Waits for a training server to end (and ends it if it does not within the time). */
    private interface Waiter {
        void await() throws Exception;
    }

    private static Waiter thread(String[] server, PrintWriter serverErr, CompletableFuture<String> port) {
        Thread thread = new Thread(() -> {
            try {
                Main.run(new PrintWriter(Writer.nullWriter()), serverErr, server);
            } finally {
                port.complete(null);
            }
        }, "tlskit-training-server");
        thread.setDaemon(true);
        thread.start();
        return () -> thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    /**
     * A training server in a JVM of its own: {@code tlskit server ...}, ended when its standard input ends, so that
     * it never outlives the training JVM (a server waits for its clients with no time limit), killed or not.
     */
    private static void serve(String[] server) {
        Thread watch = new Thread(() -> {
            try {
                System.in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the parent is gone either way
            }
            System.exit(0);
        }, "tlskit-training-parent");
        watch.setDaemon(true);
        watch.start();
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(Main.run(java.io.InputStream.nullInputStream(), quiet, err, server));
    }

    /** The server as {@code java -cp <this class path> dev.tlskit.cli.Training serve server ...}, on this java. */
    private static Waiter child(String[] server, PrintWriter serverErr, CompletableFuture<String> port)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Training.class.getName(), SERVE));
        command.addAll(List.of(server));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    serverErr.println(line);
                }
            } catch (IOException e) {
                // the server ended
            } finally {
                port.complete(null);
            }
        }, "tlskit-training-server-stderr");
        reader.setDaemon(true);
        reader.start();
        return () -> {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            process.getOutputStream().close();
        };
    }

    /** The server's stderr: completes {@code port} with the port of its {@code listening on} line. */
    private static final class PortWatcher extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final CompletableFuture<String> port;

        PortWatcher(CompletableFuture<String> port) {
            this.port = port;
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            if (port.isDone()) {
                return;
            }
            text.append(buf, off, len);
            Matcher m = LISTENING.matcher(text);
            if (m.find()) {
                port.complete(m.group(1));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() throws IOException {}
    }
}
