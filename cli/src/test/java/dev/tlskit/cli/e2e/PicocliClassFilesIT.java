package dev.tlskit.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's picocli classes, as the build rewrites them (cli/src/build/java/.../PicocliClassFiles.java):
 * class-file version 52 or later with frames the default verifier accepts, so that Java 17's CDS dump archives
 * picocli.CommandLine instead of skipping it as a linked old class.
 */
@Timeout(180)
class PicocliClassFilesIT {
    private static final Path JAR = Path.of("target/tlskit.jar").toAbsolutePath();
    private static final int JAVA_8 = 52;

    @Test
    void everyPicocliClassIsJava8OrLaterAndPassesTheVerifier() throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().startsWith("picocli/") && entry.getName().endsWith(".class")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        assertTrue(major(in.readNBytes(8)) >= JAVA_8, entry.getName());
                    }
                    names.add(entry.getName().replace('/', '.').replace(".class", ""));
                }
            }
        }
        assertTrue(names.contains("picocli.CommandLine") && names.size() > 100, names.toString());
        // From a 52 class file the JVM takes no missing or wrong frame: VerifyError, no fallback to the old verifier.
        try (URLClassLoader fresh = new URLClassLoader(new URL[] {JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String name : names) {
                assertEquals(fresh, Class.forName(name, true, fresh).getClassLoader(), name);
            }
        }
    }

    @Test
    void theVerifierRejectsPicocliAsPublishedWithOnlyItsVersionRaised() throws Exception {
        // The check above can fail: picocli's own jar (on this test's class path) at version 52, without frames.
        byte[] published = null;
        for (URL url : Collections.list(ClassLoader.getSystemClassLoader().getResources("picocli/CommandLine.class"))) {
            try (InputStream in = url.openStream()) {
                byte[] bytes = in.readAllBytes();
                if (major(bytes) < JAVA_8) {
                    published = bytes;
                }
            }
        }
        assertTrue(published != null, "picocli's published CommandLine.class (version 49) on the class path");
        published[6] = 0;
        published[7] = JAVA_8;
        byte[] raised = published;
        ClassLoader loader = new ClassLoader(ClassLoader.getSystemClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals("picocli.CommandLine")) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, raised, 0, raised.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
        assertThrows(VerifyError.class, () -> Class.forName("picocli.CommandLine", true, loader));
    }

    @Test
    void java17sCdsDumpArchivesPicocliCommandLine(@TempDir Path dir) throws Exception {
        assumeTrue(Runtime.version().feature() < 24, "Java 24+: the launcher makes an AOT cache, not a CDS dump");
        Path list = dir.resolve("help.classlist");
        Path archive = dir.resolve("help.jsa");
        // The classes of a help run: picocli.CommandLine, and Main's lambdas that return one, which link it at dump.
        run("-Xshare:off", "-XX:DumpLoadedClassList=" + list, "-cp", JAR.toString(), "dev.tlskit.cli.Main", "--help");
        assertTrue(Files.readAllLines(list).contains("picocli/CommandLine"), "picocli/CommandLine in the class list");

        String dump = run("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive,
                "-Xlog:cds", "-cp", JAR.toString());
        assertFalse(dump.contains("Skipping picocli/"), dump.lines()
                .filter(l -> l.contains("Skipping picocli/")).toList().toString());

        String run = run("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load", "-cp", JAR.toString(),
                "dev.tlskit.cli.Main", "--help");
        assertTrue(run.contains(" picocli.CommandLine source: shared objects file"), run.lines()
                .filter(l -> l.contains(" picocli.CommandLine ")).toList().toString());
    }

    /** The class file's major version, from its first eight bytes. */
    private static int major(byte[] classFile) {
        return (classFile[6] & 0xff) << 8 | (classFile[7] & 0xff);
    }

    /** Runs this test's java with {@code args}; returns stdout and stderr together, after asserting exit code 0. */
    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
        return out;
    }
}
