package dev.tlskit.cli.survival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * 1,000 hostile connections against a server while one healthy client echoes a line every 100 ms: the healthy
 * client gets every echo, the server prints nothing but its one-line errors, and its threads and open file
 * descriptors come back to their resting counts. The servers run as child JVMs so /proc can count those.
 */
@EnabledOnOs(OS.LINUX) // /proc
@Timeout(120)
class SurvivalTest {
    private static final int HOSTILE = 1_000;
    /** Concurrent attackers: about the server's -i connection slots, so that the storm really queues. */
    private static final int ATTACKERS = 64;
    /**
     * How many of each kind. The slow ones (they last until the server's 2 s timeout) are fewer, so the storm
     * stays short on a two-core machine; the fast ones make up the thousand.
     */
    private static final Map<Attack, Integer> MIX = new EnumMap<>(Map.of(
            Attack.SLOWLORIS, 50, Attack.CONNECT_AND_IDLE, 50, Attack.HELLO_THEN_SILENCE, 50,
            Attack.HALF_CLOSE, 150, Attack.ABRUPT_RESET, 175, Attack.GARBAGE, 175, Attack.TRUNCATED_HELLO, 175,
            Attack.RANDOM_BYTES, 175));
    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final Pattern STARTUP = Pattern.compile(
            "tlskit: using the TEST-ONLY demo certificate.*|tlskit \\w+: listening on .*");

    @Test
    void echoServerKeepsEchoingThroughAThousandHostileConnectionsAndReturnsToItsRestingCounts() throws Exception {
        try (ServerProcess server = new ServerProcess("echoserver", "-p", "0", "--timeout", "2",
                "--idle-timeout", "2", "--provider", "bc")) {
            Report r = storm(server, "echoserver --provider bc");
            // An echoserver's per-connection failure, as the server's: "tlskit: error: client 127.0.0.1:PORT: why".
            assertOnlyExpectedErrorLines(server.err(),
                    Pattern.compile("tlskit: error: client 127\\.0\\.0\\.1:\\d+: .+"));
            assertTrue(r.settled, r.toString());
        }
    }

    @Test
    void serverKeepsEchoingThroughAThousandHostileConnectionsAndReturnsToItsRestingCounts() throws Exception {
        try (ServerProcess server = new ServerProcess("server", "-p", "0", "-i", "-e", "-d", "--timeout", "2")) {
            Report r = storm(server, "server -i -e --provider jdk");
            assertOnlyExpectedErrorLines(server.err(),
                    Pattern.compile("tlskit: error: client 127\\.0\\.0\\.1:\\d+: .+"));
            assertTrue(r.settled, r.toString());
        }
    }

    /** What one storm showed; printed by the test. */
    private record Report(String server, ServerProcess.Counts resting, ServerProcess.Counts peak,
            ServerProcess.Counts after, boolean settled, int echoes, double p50, double p99,
            Map<Attack.End, Integer> ends, Map<String, Integer> threadsAfter) {}

    private static Report storm(ServerProcess server, String name) throws Exception {
        byte[] hello = Attack.clientHello();
        ServerProcess.Counts atStart = server.counts();
        // Warm up: one of each kind and one healthy exchange, so that first-use costs (classes, jars opened) are
        // paid before the resting counts are taken.
        ExecutorService attackers = Executors.newFixedThreadPool(ATTACKERS, r -> {
            Thread t = new Thread(r, "survival-attacker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Callable<Attack.End>> warmUp = new ArrayList<>();
            for (Attack a : Attack.values()) {
                warmUp.add(() -> a.against(server.port, hello));
            }
            try (HealthyClient once = new HealthyClient(server.port)) {
                once.start(() -> { });
                attackers.invokeAll(warmUp);
                once.stop();
                assertNull(once.failure(), () -> "warm-up echo failed: " + once.failure());
            }
            ServerProcess.poll(SETTLE, () -> server.counts().threads() <= atStart.threads());
            ServerProcess.Counts resting = server.counts();
            Map<String, Integer> restingThreads = server.threadNames();

            AtomicInteger peakThreads = new AtomicInteger();
            AtomicInteger peakFds = new AtomicInteger();
            Map<Attack.End, Integer> ends = new EnumMap<>(Attack.End.class);
            HealthyClient healthy = new HealthyClient(server.port);
            try {
                healthy.start(() -> {
                    ServerProcess.Counts c = server.counts();
                    peakThreads.accumulateAndGet(c.threads(), Math::max);
                    peakFds.accumulateAndGet(c.fds(), Math::max);
                });
                List<Callable<Attack.End>> storm = new ArrayList<>();
                for (int i = 0; storm.size() < HOSTILE; i++) {
                    for (Map.Entry<Attack, Integer> kind : MIX.entrySet()) {
                        if (i < kind.getValue()) {
                            Attack a = kind.getKey();
                            storm.add(() -> a.against(server.port, hello));
                        }
                    }
                }
                assertEquals(HOSTILE, storm.size());
                for (Future<Attack.End> f : attackers.invokeAll(storm, 90, TimeUnit.SECONDS)) {
                    ends.merge(f.get(), 1, Integer::sum);
                }
                healthy.stop();
                assertNull(healthy.failure(), () -> "the healthy client failed during the storm: " + healthy.failure()
                        + "\nserver stderr:\n" + server.err());
                assertTrue(server.alive(), "the server died; stderr:\n" + server.err());
            } finally {
                healthy.close();
            }
            boolean settled = ServerProcess.poll(SETTLE, () -> {
                ServerProcess.Counts c = server.counts();
                return c.threads() <= resting.threads() && c.fds() <= resting.fds();
            });
            if (!settled) {
                System.out.println("[survival] " + name + " not back to rest; its threads:\n" + server.threadDump());
            }
            Report r = new Report(name, resting, new ServerProcess.Counts(peakThreads.get(), peakFds.get()),
                    server.counts(), settled, healthy.echoes(), healthy.quantileMillis(0.5),
                    healthy.quantileMillis(0.99), ends, server.threadNames());
            System.out.printf("[survival] %s: %d hostile connections (%s); healthy client %d echoes, all correct,"
                            + " round trip p50 %.1f ms, p99 %.1f ms; server at rest %s, peak %s, after %s (%s)%n",
                    name, HOSTILE, ends, r.echoes(), r.p50(), r.p99(), resting, r.peak(), r.after(),
                    settled ? "back to rest" : "NOT back to rest: threads " + r.threadsAfter() + " at rest " + restingThreads);
            assertEquals(0, ends.getOrDefault(Attack.End.REFUSED, 0), "connections refused: " + ends);
            assertEquals(0, ends.getOrDefault(Attack.End.STILL_OPEN_AT_LIMIT, 0),
                    "the server left hostile connections open: " + ends);
            assertTrue(r.echoes() > 0, "no echo at all during the storm");
            return r;
        } finally {
            attackers.shutdownNow();
        }
    }

    /** Every stderr line is a start-up line or one expected one-line error: no trace, no escaped exception. */
    private static void assertOnlyExpectedErrorLines(String stderr, Pattern errorLine) {
        Map<String, Long> why = new java.util.TreeMap<>(stderr.lines().filter(l -> errorLine.matcher(l).matches())
                .map(l -> l.replaceFirst(".*127\\.0\\.0\\.1:\\d+: ", "").replaceAll("\\d+", "N"))
                .collect(java.util.stream.Collectors.groupingBy(l -> l, java.util.stream.Collectors.counting())));
        System.out.println("[survival] the server's error lines, by reason: " + why);
        List<String> unexpected = stderr.lines()
                .filter(l -> !STARTUP.matcher(l).matches() && !errorLine.matcher(l).matches())
                .toList();
        assertEquals(List.of(), unexpected, "unexpected stderr lines; all of stderr:\n" + stderr);
        assertTrue(stderr.lines().noneMatch(l -> l.contains("internal error") || l.contains("Exception in thread")),
                stderr);
    }
}
