package dev.tlskit.cli.bench;

import dev.tlskit.cli.UsageException;
import dev.tlskit.engine.wire.CipherSuite;
import dev.tlskit.engine.wire.NamedGroup;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code openssl} for {@code --baseline openssl}: only on 127.0.0.1, on a free port, and every process it
 * starts is destroyed when the run ends, whatever happens.
 */
final class OpenSsl implements AutoCloseable {
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux, the unit of /proc/PID/stat

    private final String binary;
    private final List<Process> started = new ArrayList<>();

    private OpenSsl(String binary) {
        this.binary = binary;
    }

    /** Checks the --baseline value and that openssl is on PATH; a usage error naming the problem otherwise. */
    static OpenSsl require(String baseline) {
        if (!"openssl".equalsIgnoreCase(baseline)) {
            throw new UsageException("--baseline " + baseline + ": the only baseline is openssl");
        }
        String found = onPath("openssl");
        if (found == null) {
            throw new UsageException("--baseline openssl: no openssl on PATH", "install OpenSSL or drop --baseline",
                    null);
        }
        return new OpenSsl(found);
    }

    static String onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** {@code openssl version}, e.g. {@code OpenSSL 3.0.19 27 Jan 2026}. */
    String version() throws IOException, InterruptedException {
        return run(List.of("version"), 10).strip();
    }

    /** Runs {@code openssl args} to completion (stderr merged) and returns its output. */
    String run(List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = start(args, ProcessBuilder.Redirect.PIPE);
        String output;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder sb = new StringBuilder();
            String line;
            while ((line = r.readLine()) != null) {
                sb.append(line).append('\n');
            }
            output = sb.toString();
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            destroy(p);
            throw new IOException("openssl " + args.get(0) + " did not finish in " + timeoutSeconds + " s");
        }
        return output;
    }

    /** Starts {@code openssl args}; stderr goes with stdout. The caller reads or discards it. */
    Process start(List<String> args, ProcessBuilder.Redirect stdout) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary);
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(stdout).start();
        synchronized (started) {
            started.add(p);
        }
        return p;
    }

    /**
     * Starts {@code openssl s_server} on 127.0.0.1 on a free port with {@code args} and waits until it accepts.
     * Its stdin stays open (s_server stops at end of input); its output is discarded.
     */
    Server server(List<String> args) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> all = new ArrayList<>(List.of("s_server", "-accept", "127.0.0.1:" + port));
            all.addAll(args);
            Process p = start(all, ProcessBuilder.Redirect.DISCARD);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (p.isAlive() && System.nanoTime() < deadline) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                    return new Server(p, port);
                } catch (IOException notYet) {
                    Thread.sleep(50); // polling another process's listener: there is nothing to wait on
                }
            }
            destroy(p);
        }
        throw new IOException("openssl s_server did not start listening (args: " + String.join(" ", args) + ")");
    }

    record Server(Process process, int port) {
        /** CPU time (user + system) the server process has used so far, in ns. */
        long cpuNanos() {
            return OpenSsl.cpuNanos(process.pid());
        }
    }

    /** CPU time (user + system) of a live process, from /proc; -1 when unknown. */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** OpenSSL's name of a JSSE named group. */
    static String group(String jsse) {
        NamedGroup g = NamedGroup.named(jsse);
        return g != null ? g.opensslName() : jsse;
    }

    /** OpenSSL's names (its {@code -cipher} takes no IANA names) for suites given in any spelling; unknown as given. */
    static String cipherList(List<String> names) {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            CipherSuite s = CipherSuite.named(n);
            out.add(s != null && s.opensslName() != null ? s.opensslName() : n);
        }
        return String.join(":", out);
    }

    static void destroy(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Destroys every process this run started. */
    @Override
    public void close() {
        List<Process> all;
        synchronized (started) {
            all = new ArrayList<>(started);
            started.clear();
        }
        for (Process p : all) {
            if (p.isAlive()) {
                destroy(p);
            }
        }
    }
}
