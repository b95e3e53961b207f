package dev.tlskit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code tlskit --version}: our version, the JDK that runs (vendor, version, where), and the Bouncy Castle release.
 * When the launcher runs one-shot commands on another JDK than the long-running ones (it passes that one's home as
 * {@code tlskit.launcher.longRunningJdk}), both are named, each with its role.
 * The releases come from {@code versions.properties}, which the build fills in: the shaded jar keeps no Bouncy Castle
 * manifest, and asking the provider itself both loads it (slow) and answers with its internal number (1.0023 for the
 * 1.84 release).
 */
public final class Version implements IVersionProvider {
    static final String LONG_RUNNING_JDK = "tlskit.launcher.longRunningJdk";

    @Override
    public String[] getVersion() {
        Properties versions = versions();
        String running = "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") at "
                + System.getProperty("java.home");
        String tlskit = "tlskit " + versions.getProperty("tlskit", "dev");
        String bc = "Bouncy Castle " + versions.getProperty("bouncycastle", "unknown");
        String other = System.getProperty(LONG_RUNNING_JDK);
        if (other == null || other.isBlank()) {
            return new String[] {tlskit, running, bc};
        }
        return new String[] {
            tlskit,
            running + " (one-shot commands: the JDK that starts fastest)",
            describe(Path.of(other)) + " (server -i, echoserver, chat, bench: the newest)",
            bc,
        };
    }

    /** A JDK as {@code Java VERSION (VENDOR) at HOME}, from its {@code release} file (no JVM started). */
    private static String describe(Path home) {
        Properties release = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("release"))) {
            release.load(in);
        } catch (IOException e) {
            return "Java at " + home;
        }
        String version = unquote(release.getProperty("JAVA_RUNTIME_VERSION",
                release.getProperty("JAVA_VERSION", "")));
        String vendor = unquote(release.getProperty("IMPLEMENTOR", ""));
        return "Java " + (version.isEmpty() ? "?" : version) + (vendor.isEmpty() ? "" : " (" + vendor + ")")
                + " at " + home;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static Properties versions() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // a jar we cannot read our own resource from: the defaults say so
        }
        return p;
    }
}
