package dev.tlskit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code tlskit --version}: our version, the JDK that runs (vendor, version, where), and the Bouncy Castle release.
 * The releases come from {@code versions.properties}, which the build fills in: the shaded jar keeps no Bouncy Castle
 * manifest, and asking the provider itself both loads it (slow) and answers with its internal number (1.0023 for the
 * 1.84 release).
 */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties versions = versions();
        return new String[] {
            "tlskit " + versions.getProperty("tlskit", "dev"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") at "
                    + System.getProperty("java.home"),
            "Bouncy Castle " + versions.getProperty("bouncycastle", "unknown"),
        };
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
