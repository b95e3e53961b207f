package dev.tlskit.cli.chat;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External programs the chat tests drive: found on the PATH, skipped locally when missing, required in CI. */
final class Peers {
    static final boolean CI = "true".equals(System.getenv("CI"));

    private Peers() {}

    static void requireBinary(String binary) {
        boolean found = false;
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            found |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, binary));
        }
        if (CI && !found) {
            fail(binary + " is not installed, and CI=true: these tests must not skip in CI (.ci/run installs it)");
        }
        assumeTrue(found, binary + " is not installed; test skipped");
    }

    /** {@code java -cp <test classpath> dev.tlskit.cli.Main args...}: tlskit as its own process. */
    static List<String> tlskit(String... args) {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, "dev.tlskit.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static String sh(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            b.append(b.length() == 0 ? "" : " ").append("'").append(w.replace("'", "'\\''")).append("'");
        }
        return b.toString();
    }

    /** Destroys a process and its descendants. */
    static void destroy(Process p) {
        List<ProcessHandle> children = new ArrayList<>(p.descendants().toList());
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
