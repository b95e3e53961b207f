package dev.tlskit.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code tlskit --version}: our version, the JVM's, and the TLS providers'. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {
            "tlskit " + (v == null ? "dev" : v),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
            // The shaded jar drops Bouncy Castle's manifest, so ask the provider itself.
            "Bouncy Castle " + new org.bouncycastle.jsse.provider.BouncyCastleJsseProvider().getVersionStr(),
        };
    }
}
