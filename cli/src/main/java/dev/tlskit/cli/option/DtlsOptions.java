package dev.tlskit.cli.option;

import dev.tlskit.cli.UsageException;
import dev.tlskit.engine.model.TlsConfig;
import picocli.CommandLine.Option;

/** {@code -u/--dtls} and {@code --mtu}: DTLS 1.2 over UDP, for the commands that speak it. */
@OptionGroup.In(OptionGroup.CONNECTION)
public final class DtlsOptions {
    @Option(names = {"-u", "--dtls"}, description = "DTLS 1.2 over UDP instead of TLS over TCP (jdk provider only)")
    boolean dtls;

    @Option(names = "--mtu", paramLabel = "BYTES",
            description = "with -u: the largest UDP payload to send (default: " + TlsConfig.DEFAULT_MTU + ")")
    Integer mtu;

    public boolean dtls() {
        return dtls;
    }

    /** Applies -u and --mtu; the engine refuses DTLS with --provider bc or boringssl, or -v 1.3, which becomes a usage error. */
    public void applyTo(TlsConfig.Builder b) {
        if (mtu != null && !dtls) {
            throw new UsageException("--mtu " + mtu + ": only with -u (DTLS)");
        }
        if (dtls) {
            b.dtls();
            if (mtu != null) {
                try {
                    b.mtu(mtu);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--mtu " + mtu + ": " + e.getMessage());
                }
            }
        }
    }
}
