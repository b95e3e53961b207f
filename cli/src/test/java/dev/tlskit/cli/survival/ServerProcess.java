package dev.tlskit.cli.survival;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tlskit.cli.Capture;
import dev.tlskit.cli.Tlskit;
import dev.tlskit.cli.interop.Interop;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/** tlskit as a child JVM, so that its threads and open file descriptors can be counted from /proc. */
final class ServerProcess implements AutoCloseable {
    /**
     * Steady JVM thread counts: no GC worker threads, no compiler threads added and removed under load. And Bouncy
     * Castle's DRBG, when it reseeds, gathers entropy on a thread of its own ("Thread-N", EntropyGatherer) that
     * sleeps {@code gather_pause_secs} (default 5) between increments and so outlives a short test: one per JVM,
     * not per connection; without the pause it ends as soon as it has gathered.
     */
    private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:-UseDynamicNumberOfCompilerThreads", "-Xmx256m", "-Dorg.bouncycastle.drbg.gather_pause_secs=0");

    private final Process process;
    private final Capture out = new Capture();
    private final Capture err = new Capture();
    final int port;

    /** The counts /proc shows for the process. */
    record Counts(int threads, int fds) {
        @Override
        public String toString() {
            return threads + " threads, " + fds + " fds";
        }
    }

    ServerProcess(String... args) throws Exception {
        List<String> command = new ArrayList<>(Interop.tlskitCommand(args));
        command.addAll(1, JVM_FLAGS);
        process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        start(() -> Interop.pump(process.getInputStream(), out), "survival-server-stdout");
        start(() -> Interop.pump(process.getErrorStream(), err), "survival-server-stderr");
        Matcher m = err.await(Tlskit.LISTENING, Duration.ofSeconds(20), () -> !process.isAlive());
        if (m == null) {
            close();
            fail("tlskit " + String.join(" ", args) + " did not start listening; stderr:\n" + err.text());
        }
        port = Integer.parseInt(m.group(2));
    }

    private static void start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    Counts counts() {
        return new Counts(count(Path.of("/proc", String.valueOf(process.pid()), "task")),
                count(Path.of("/proc", String.valueOf(process.pid()), "fd")));
    }

    /** Thread names (as /proc truncates them, 15 characters) and how many of each: for failure messages. */
    Map<String, Integer> threadNames() {
        Map<String, Integer> names = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            for (Path t : tasks.toList()) {
                try {
                    names.merge(Files.readString(t.resolve("comm")).strip(), 1, Integer::sum);
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /**
     * Polls (every 50 ms, up to {@code limit}) until {@code settled} holds; returns whether it did. A settling
     * wait, not a timing assertion: a fast machine just returns sooner.
     */
    static boolean poll(Duration limit, BooleanSupplier settled) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!settled.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static int count(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return (int) entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + " (is the server still running?)", e);
        }
    }

    /** jcmd's thread dump of the process, for a failure message. */
    String threadDump() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jcmd.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        return dump;
    }

    boolean alive() {
        return process.isAlive();
    }

    String out() {
        return out.text();
    }

    String err() {
        return err.text();
    }

    /** Waits for the process to end by itself; null when it is still running at {@code limit}. */
    Integer exitCode(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                ? process.exitValue() : null;
    }

    @Override
    public void close() {
        Interop.destroy(process);
    }
}
