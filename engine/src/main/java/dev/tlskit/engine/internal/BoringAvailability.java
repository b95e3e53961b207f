package dev.tlskit.engine.internal;

import io.netty.handler.ssl.OpenSsl;
import java.util.Locale;

/**
 * Whether tcnative's BoringSSL loads on this machine. The jar carries the native library for linux-x86_64,
 * linux-aarch_64, osx-x86_64, osx-aarch_64 and windows-x86_64; elsewhere (or with a libc it cannot link against)
 * the boringssl provider is refused with one line, and nothing else changes.
 */
public final class BoringAvailability {
    private BoringAvailability() {}

    /** Whether the native library loaded (it is loaded, once per JVM, by the first call). */
    public static boolean available() {
        return OpenSsl.isAvailable();
    }

    /** @throws IllegalArgumentException naming the platform, the cause and the other providers */
    public static void require() {
        if (!OpenSsl.isAvailable()) {
            Throwable cause = OpenSsl.unavailabilityCause();
            throw new IllegalArgumentException("the boringssl provider cannot load on " + platform() + " ("
                    + firstLine(cause) + "); the jdk and bc providers work here");
        }
    }

    /** As tcnative names its native libraries: {@code linux-x86_64}, {@code linux-aarch_64}, ... */
    public static String platform() {
        String os = System.getProperty("os.name", "?").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "?").toLowerCase(Locale.ROOT);
        String o = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "osx" : os.startsWith("windows")
                ? "windows" : os.replace(' ', '_');
        String a = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> arch;
        };
        return o + "-" + a;
    }

    private static String firstLine(Throwable t) {
        if (t == null) {
            return "no cause given";
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
