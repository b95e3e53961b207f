package dev.tlskit.cli.bench;

import dev.tlskit.certs.KeyType;
import dev.tlskit.cli.option.KeyTypeNames;
import dev.tlskit.cli.option.OptionGroup;
import dev.tlskit.cli.option.ProviderNames;
import dev.tlskit.engine.model.TlsProvider;
import picocli.CommandLine.Option;

/** Who runs the benchmark's two ends: {@code --provider}, {@code --server-provider}, {@code --key-type}. */
public final class BenchProviders {
    @OptionGroup.In(OptionGroup.TLS)
    @Option(names = "--provider", paramLabel = "NAME", converter = ProviderNames.class,
            completionCandidates = ProviderNames.class, description = "the client's TLS implementation: jdk, bc or boringssl"
                    + " (default: jdk)")
    TlsProvider client = TlsProvider.JDK;

    @OptionGroup.In(OptionGroup.TLS)
    @Option(names = "--server-provider", paramLabel = "NAME", converter = ProviderNames.class,
            completionCandidates = ProviderNames.class,
            description = "the in-process server's TLS implementation (default: as --provider)")
    TlsProvider server;

    @OptionGroup.In(OptionGroup.CERTIFICATES)
    @Option(names = "--key-type", paramLabel = "TYPE", converter = KeyTypeNames.class,
            completionCandidates = KeyTypeNames.class,
            description = "the in-process server's key: ${COMPLETION-CANDIDATES} (default: ec-p256)")
    KeyType keyType;

    TlsProvider client() {
        return client;
    }

    /** The in-process server's provider: {@code --server-provider}, else the client's. */
    TlsProvider server() {
        return server == null ? client : server;
    }

    KeyType keyType() {
        return keyType == null ? KeyType.EC_P256 : keyType;
    }

    /** The first option given that only an in-process server can use, or null. */
    String inProcessServerOption() {
        return keyType != null ? "--key-type" : server != null ? "--server-provider" : null;
    }
}
