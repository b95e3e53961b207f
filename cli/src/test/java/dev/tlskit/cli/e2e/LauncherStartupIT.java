package dev.tlskit.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The launcher's choice of JDK and its start-up archive, on a copy of the launcher and the packaged jar in a
 * directory of its own (so the archives these tests build and break are not the worktree's). Never a timing.
 */
@Timeout(300)
class LauncherStartupIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));

    private Path kit;
    private Path jar;

    @BeforeEach
    void copyLauncherAndJar() throws IOException {
        kit = Files.createTempDirectory("tlskit-launcher");
        Files.copy(ROOT.resolve("tlskit"), kit.resolve("tlskit"), StandardCopyOption.COPY_ATTRIBUTES);
        jar = kit.resolve("cli/target/tlskit.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(ROOT.resolve("cli/target/tlskit.jar"), jar);
    }

    @AfterEach
    void removeCopy() throws IOException {
        try (Stream<Path> files = Files.walk(kit)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void versionNamesTheBouncyCastleReleaseAndTheJdkThatRuns() throws Exception {
        Run run = run(cds(THIS_JDK, "off"), "--version");
        assertEquals(0, run.code, run.err);
        List<String> lines = run.out.lines().toList();
        assertEquals(3, lines.size(), run.out);
        assertTrue(lines.get(0).startsWith("tlskit "), run.out);
        assertEquals("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") at " + THIS_JDK,
                lines.get(1));
        assertEquals("Bouncy Castle 1.84", lines.get(2));
        assertEquals("", run.err);
    }

    @Test
    void tlskitJavaIsTheJavaThatRunsAndWinsOverJavaHome() throws Exception {
        Path marker = kit.resolve("used");
        Path wrapper = wrapper(kit.resolve("wrapped/bin/java"), marker);
        Run run = run(Map.of("TLSKIT_JAVA", wrapper.toString(), "JAVA_HOME", "/no/such/jdk"), "--version");
        assertEquals(0, run.code, run.err);
        assertEquals(List.of(wrapper.toString()), Files.readAllLines(marker));
        assertTrue(run.out.contains("Bouncy Castle 1.84"), run.out);
    }

    @Test
    void javaHomeIsHonouredWithoutTlskitJava() throws Exception {
        Path marker = kit.resolve("used");
        Path home = kit.resolve("jdk");
        Path wrapper = wrapper(home.resolve("bin/java"), marker);
        Run run = run(Map.of("JAVA_HOME", home.toString()), "--version");
        assertEquals(0, run.code, run.err);
        assertEquals(List.of(wrapper.toString()), Files.readAllLines(marker));
    }

    @Test
    void oneShotCommandsRunOnTheOldestJdkAndLongRunningOnesOnTheNewest() throws Exception {
        Path jdks = kit.resolve("jdks");
        Path marker = kit.resolve("used");
        Path oldest = fakeJdk(jdks.resolve("jdk-old"), "17.0.0", "Old", marker);
        Path newest = fakeJdk(jdks.resolve("jdk-new"), "99.0.0", "New", marker);
        Map<String, String> env = Map.of("TLSKIT_JDKS", jdks.toString(), "TLSKIT_CDS", "off");

        Run version = run(env, "--version");
        assertEquals(0, version.code, version.err);
        assertEquals(List.of(oldest.toString()), Files.readAllLines(marker), "--version starts on the oldest");
        List<String> lines = version.out.lines().toList();
        assertEquals(4, lines.size(), version.out);
        assertEquals("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") at " + THIS_JDK
                + " (one-shot commands: the JDK that starts fastest)", lines.get(1));
        assertEquals("Java 99.0.0+7 (New) at " + newest.getParent().getParent().toRealPath()
                + " (server -i, echoserver, chat, bench: the newest)", lines.get(2));
        assertEquals("Bouncy Castle 1.84", lines.get(3));
        assertEquals("", version.err);

        // A server of one connection (its default) is one-shot; one that serves on (-i, also in a cluster) or
        // serves 50 connections or more is long-running.
        for (List<String> args : List.of(List.of("client", "--help"), List.of("certgen", "--help"),
                List.of("echoclient", "--help"), List.of("server", "--help"), List.of("server", "-C", "5", "--help"),
                List.of("server", "-i", "--help"), List.of("server", "-di", "--help"),
                List.of("server", "-C", "50", "--help"), List.of("server", "-C500", "--help"),
                List.of("server", "-C=64", "--help"), List.of("echoserver", "--help"), List.of("chat", "--help"),
                List.of("bench", "--help"), List.of("echoclient", "--file", "big.bin", "--help"))) {
            Files.delete(marker);
            Run run = run(env, args.toArray(String[]::new));
            assertEquals(0, run.code, args + ": " + run.err);
            boolean longRunning = Set.of("echoserver", "chat", "bench").contains(args.get(0)) || args.contains("--file")
                    || args.get(0).equals("server") && (args.contains("-i") || args.contains("-di")
                            || args.contains("50") || args.contains("-C500") || args.contains("-C=64"));
            assertEquals(List.of((longRunning ? newest : oldest).toString()), Files.readAllLines(marker),
                    String.join(" ", args));
        }

        // JAVA_HOME still wins, for every command.
        Files.delete(marker);
        assertEquals(0, run(Map.of("TLSKIT_JDKS", jdks.toString(), "JAVA_HOME", oldest.getParent().getParent()
                .toString(), "TLSKIT_CDS", "off"), "server", "--help").code);
        assertEquals(List.of(oldest.toString()), Files.readAllLines(marker));
    }

    /** A JDK home whose release file says {@code version}; its java notes itself in {@code marker}, runs ours. */
    private static Path fakeJdk(Path home, String version, String vendor, Path marker) throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"" + vendor + "\"\nJAVA_RUNTIME_VERSION=\""
                + version + "+7\"\nJAVA_VERSION=\"" + version + "\"\n");
        return wrapper(home.resolve("bin/java"), marker);
    }

    @Test
    void aTlskitJavaThatIsNotExecutableIsAUsageError() throws Exception {
        Run run = run(Map.of("TLSKIT_JAVA", "/no/such/java"), "--version");
        assertEquals(2, run.code, run.err);
        assertEquals("tlskit: error: TLSKIT_JAVA=/no/such/java: not an executable java", run.err.strip());
        assertEquals("", run.out);
    }

    @Test
    void oneShotCommandsRunOnC1WhileLongRunningServersAndBenchKeepTheFullJit() throws Exception {
        Path echo = kit.resolve("echo/bin/java");
        Files.createDirectories(echo.getParent());
        Files.writeString(echo, "#!/bin/sh\necho \"$@\"\n");
        assertTrue(echo.toFile().setExecutable(true));
        Map<String, String> env = Map.of("TLSKIT_JAVA", echo.toString());
        for (List<String> args : List.of(List.of("client", "-p", "1"), List.of("--version"), List.of("certgen"),
                List.of("echoclient"), List.of("server"), List.of("server", "-C", "2"))) {
            Run run = run(env, args.toArray(String[]::new));
            assertTrue(run.out.startsWith("-XX:TieredStopAtLevel=1 "), args + ": " + run.out);
        }
        for (List<String> args : List.of(List.of("server", "-i"), List.of("server", "-C", "100"),
                List.of("echoserver", "-p", "0"), List.of("bench", "crypto"), List.of("chat"),
                List.of("echoclient", "--file", "big.bin"))) {
            Run run = run(env, args.toArray(String[]::new));
            assertFalse(run.out.contains("TieredStopAtLevel"), args + ": " + run.out);
            assertTrue(run.out.strip().endsWith("-cp " + jar + " dev.tlskit.cli.Main " + String.join(" ", args)), run.out);
        }
    }

    /** Every JDK >= 17 on the machine: this test's own and those in /usr/lib/jvm (17 writes AppCDS, 25 AOT). */
    static List<Path> jdks() throws IOException {
        Set<Path> homes = new LinkedHashSet<>();
        homes.add(THIS_JDK.toRealPath());
        Path jvm = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvm)) {
            try (Stream<Path> dirs = Files.list(jvm)) {
                for (Path d : dirs.sorted().toList()) {
                    if (Files.isExecutable(d.resolve("bin/java")) && major(d) >= 17) {
                        homes.add(d.toRealPath());
                    }
                }
            }
        }
        return new ArrayList<>(homes);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void anArchiveBuiltForTheJarIsUsedAndAFreshJarInvalidatesIt(Path jdk) throws Exception {
        Run first = buildArchive(jdk);
        assertEquals("", first.err);
        Path archive = archiveOf(onlyStamp());
        assertEquals(Files.getLastModifiedTime(jar), Files.getLastModifiedTime(archive), "the archive names its jar");
        assertTrue(mainFromArchive(jdk, "use"), "the archive serves tlskit's own classes");

        // A rebuilt jar: same bytes, a new mtime, as `mvn package` leaves it.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        assertFalse(mainFromArchive(jdk, "use"), "an archive of the previous jar is not used");
        Run stale = run(cds(jdk, "use"), "--version", "--verbose");
        assertEquals(0, stale.code, stale.err);
        assertEquals(1, stale.err.lines().count(), stale.err);
        assertTrue(stale.err.startsWith("tlskit: start-up archive ") && stale.err.contains("plain start"), stale.err);

        buildArchive(jdk);
        assertEquals(Files.getLastModifiedTime(jar), Files.getLastModifiedTime(archive), "retrained for the new jar");
        assertTrue(mainFromArchive(jdk, "use"));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aCorruptArchiveMeansAPlainStartWithCleanOutput(Path jdk) throws Exception {
        Run clean = buildArchive(jdk);
        Path archive = archiveOf(onlyStamp());
        assertTrue(Files.size(archive) > 0);

        // Garbage of the same size, its mtime forged to the jar's: only the JVM's own checks stand in the way.
        byte[] garbage = new byte[(int) Files.size(archive)];
        new java.util.Random(16).nextBytes(garbage);
        archive.toFile().setWritable(true);
        Files.write(archive, garbage);
        Files.setLastModifiedTime(archive, Files.getLastModifiedTime(jar));

        Run forged = run(cds(jdk, "use"), "--version");
        assertEquals(0, forged.code, forged.err);
        assertEquals(clean.out, forged.out);
        assertEquals("", forged.err);

        // Truncated: the launcher sees it changed and starts plain, saying so only with --verbose.
        Files.write(archive, new byte[] {1, 2, 3});
        Run truncated = run(cds(jdk, "use"), "--version");
        assertEquals(0, truncated.code, truncated.err);
        assertEquals(clean.out, truncated.out);
        assertEquals("", truncated.err);
        Run verbose = run(cds(jdk, "use"), "--version", "--verbose");
        assertTrue(verbose.err.contains("missing or stale: plain start"), verbose.err);
    }

    /**
     * A one-shot command on the jdk provider maps the lean archive, a command that names Bouncy Castle the full one,
     * in which BC's classes are: two archives side by side, the lean one the smaller.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void jdkOneShotCommandsMapTheLeanArchiveAndBouncyCastleRunsTheFullOne(Path jdk) throws Exception {
        buildArchive(jdk);
        Path lean = archiveOf(onlyStamp());
        assertTrue(lean.getFileName().toString().contains(".lean."), lean.toString());

        int closed = closedPort();
        Path log = Files.createTempFile(kit, "classes", ".log");
        Map<String, String> env = Map.of("TLSKIT_JAVA", javaOf(jdk), "TLSKIT_CDS", "now",
                "TLSKIT_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        Run bc = run(env, "client", "--provider", "bc", "-h", "127.0.0.1", "-p", String.valueOf(closed));
        assertNotEquals(0, bc.code, "nothing listens there");
        assertTrue(Files.readAllLines(log).stream().anyMatch(l -> l.contains(
                " org.bouncycastle.jsse.provider.BouncyCastleJsseProvider source: shared objects file")),
                "BC's JSSE provider comes from the full archive");
        Path full = Path.of(lean.toString().replace(".lean.", "."));
        assertTrue(Files.exists(full), full.toString());
        assertTrue(Files.size(lean) < Files.size(full), Files.size(lean) + " vs " + Files.size(full));
        assertTrue(mainFromArchive(jdk, "use"), "the lean one still serves --version");
    }

    /**
     * The launcher runs the class path and main class, not -jar, so the manifest's Enable-Native-Access does not
     * apply: it passes the flag itself, and Java 22+ prints no warning when tcnative's library loads.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void boringSslLoadsWithoutNativeAccessWarnings(Path jdk) throws Exception {
        int closed = closedPort();
        Run run = run(cds(jdk, "off"), "client", "--provider", "boringssl", "-h", "127.0.0.1", "-p",
                String.valueOf(closed));
        assertEquals(1, run.code, run.err);
        assertEquals(1, run.err.lines().count(), run.err);
        assertTrue(run.err.startsWith("tlskit: error: 127.0.0.1:" + closed + ": "), run.err);
    }

    @Test
    void aLinkToTheLauncherRunsTheCheckoutItPointsTo() throws Exception {
        Path link = kit.resolve("bin/tlskit");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, kit.resolve("tlskit"));
        Path log = Files.createTempFile(kit, "classes", ".log");
        Run run = finish(start(link, Map.of("TLSKIT_JAVA", javaOf(THIS_JDK), "TLSKIT_CDS", "now",
                "TLSKIT_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "--version"));
        assertEquals(0, run.code, run.err);
        assertEquals("", run.err);
        assertTrue(run.out.contains("Bouncy Castle 1.84"), run.out);
        assertTrue(Files.readAllLines(log).stream()
                .anyMatch(l -> l.contains(" dev.tlskit.cli.Main source: shared objects file")), "the checkout's archive");
        assertFalse(Files.exists(link.getParent().resolve("cli")), "nothing built beside the link");
    }

    @Test
    void twoLaunchersBuildingAtOnceLeaveOneUsableArchive() throws Exception {
        Map<String, String> env = cds(THIS_JDK, "now");
        Process a = start(env, "--version");
        Process b = start(env, "--version");
        Run ra = finish(a);
        Run rb = finish(b);
        assertEquals(0, ra.code, ra.err);
        assertEquals(0, rb.code, rb.err);
        assertEquals(ra.out, rb.out);
        assertEquals("", ra.err + rb.err);
        assertTrue(mainFromArchive(THIS_JDK, "now"), "the archive left behind maps and serves tlskit's classes");
        try (Stream<Path> files = Files.list(jar.getParent())) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.contains("tmp")).toList(),
                    "no temp files left");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private record Run(int code, String out, String err) {}

    private Run run(Map<String, String> env, String... args) throws Exception {
        return finish(start(env, args));
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        return start(kit.resolve("tlskit"), env, args);
    }

    private Process start(Path launcher, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(kit.toFile());
        pb.environment().remove("TLSKIT_JAVA");
        pb.environment().remove("TLSKIT_JAVA_OPTS");
        pb.environment().remove("TLSKIT_CDS");
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    private static Run finish(Process p) throws Exception {
        // Both pipes drained before waiting, on another thread for stderr, so neither can fill and block the child.
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "launcher finished");
        return new Run(p.exitValue(), out, err.get(60, TimeUnit.SECONDS));
    }

    /** Whether tlskit's Main came from the archive in a run with {@code TLSKIT_CDS=mode}. */
    private boolean mainFromArchive(Path jdk, String mode) throws Exception {
        Path log = Files.createTempFile(kit, "classes", ".log");
        Run run = run(Map.of("TLSKIT_JAVA", javaOf(jdk), "TLSKIT_CDS", mode,
                "TLSKIT_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "--version");
        assertEquals(0, run.code, run.err);
        return Files.readAllLines(log).stream()
                .anyMatch(l -> l.contains(" dev.tlskit.cli.Main source: shared objects file"));
    }

    private Path onlyStamp() throws IOException {
        try (Stream<Path> files = Files.list(jar.getParent())) {
            List<Path> stamps = files.filter(p -> p.toString().endsWith(".stamp")).toList();
            assertEquals(1, stamps.size(), "one archive: " + stamps);
            return stamps.get(0);
        }
    }

    /** A loopback port nothing listens on (it was bound, then closed). */
    private static int closedPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The archive a stamp is beside. */
    private static Path archiveOf(Path stamp) {
        return Path.of(stamp.toString().replaceFirst("\\.stamp$", ""));
    }

    /** A java that notes its own path in {@code marker}, then runs this test's JDK. */
    private static Path wrapper(Path at, Path marker) throws IOException {
        Files.createDirectories(at.getParent());
        Files.writeString(at, "#!/bin/sh\necho \"$0\" >> '" + marker + "'\nexec '" + javaOf(THIS_JDK) + "' \"$@\"\n");
        assertTrue(at.toFile().setExecutable(true));
        return at;
    }

    /** A run with {@code TLSKIT_CDS=now} on {@code jdk}, which builds the archive for the jar; it exits 0. */
    private Run buildArchive(Path jdk) throws Exception {
        Run run = run(cds(jdk, "now"), "--version");
        assertEquals(0, run.code, run.err);
        return run;
    }

    /** The launcher's environment for a run on {@code jdk} with {@code TLSKIT_CDS=mode}. */
    private static Map<String, String> cds(Path jdk, String mode) {
        return Map.of("TLSKIT_JAVA", javaOf(jdk), "TLSKIT_CDS", mode);
    }

    private static String javaOf(Path jdk) {
        return jdk.resolve("bin").resolve("java").toString();
    }

    private static int major(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return Integer.parseInt(line.replaceAll("JAVA_VERSION=\"?(\\d+).*", "$1"));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
