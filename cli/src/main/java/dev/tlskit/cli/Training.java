package dev.tlskit.cli;

import dev.tlskit.certs.DemoMaterial;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The training run the launcher records a class-data archive from (a class list for a static AppCDS archive on
 * Java 17-23, an AOT cache from {@code -XX:AOTMode=record} on 24+): in one JVM, the commands people run most, as they
 * run them — {@code --version}, help, and client/server handshakes on loopback (the seed's mutual-auth exchange on
 * the demo certificates, and the one-shot {@code client -g -x -A ca.pem} check on both providers). Whatever fails
 * here only makes the archive smaller: the run prints nothing and always exits 0.
 *
 * <p>{@code java -Xshare:off -XX:DumpLoadedClassList=tlskit.classlist -cp tlskit.jar dev.tlskit.cli.Training}
 */
public final class Training {
    private static final Pattern LISTENING = Pattern.compile("listening on \\S*:(\\d+)");
    private static final long WAIT_SECONDS = 30;

    private Training() {}

    public static void main(String[] args) {
        try {
            train();
        } catch (Exception | Error e) {
            if (Boolean.getBoolean("tlskit.training.verbose")) {
                e.printStackTrace();
            }
        }
        System.exit(0);
    }

    static void train() throws Exception {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        Main.run(quiet, quiet, "--version");
        Main.run(quiet, quiet, "--help");
        Main.run(quiet, quiet, "client", "--help");
        Main.run(quiet, quiet, "client", "--no-such-flag");
        Path dir = Files.createTempDirectory("tlskit-training");
        try {
            DemoMaterial.writeTo(dir);
            String ca = dir.resolve("ca.pem").toString();
            exchange(new String[] {"server", "-p", "0"}, new String[] {"client"});
            exchange(new String[] {"server", "-p", "0", "-g", "-d", "-C", "2"},
                    new String[] {"client", "-h", "127.0.0.1", "-A", ca, "-x", "-g"},
                    new String[] {"client", "-h", "127.0.0.1", "-A", ca, "-x", "-g", "--provider", "bc", "--json"});
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs the server in a thread, each client after the other against its port, and waits for the server. */
    private static void exchange(String[] server, String[]... clients) throws Exception {
        CompletableFuture<String> port = new CompletableFuture<>();
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        PrintWriter serverErr = new PrintWriter(new PortWatcher(port), true);
        Thread thread = new Thread(() -> {
            try {
                Main.run(quiet, serverErr, server);
            } finally {
                port.complete(null);
            }
        }, "tlskit-training-server");
        thread.setDaemon(true);
        thread.start();
        String p = port.get(WAIT_SECONDS, TimeUnit.SECONDS);
        if (p == null) {
            return;
        }
        for (String[] client : clients) {
            String[] args = java.util.Arrays.copyOf(client, client.length + 2);
            args[client.length] = "-p";
            args[client.length + 1] = p;
            Main.run(quiet, quiet, args);
        }
        thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
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
