package dev.tlskit.cli.option;

import dev.tlskit.engine.model.TlsProvider;

/** {@code --provider} values in lower case, for help, completion and parsing. */
public final class ProviderNames extends EnumNames<TlsProvider> {
    public ProviderNames() {
        super(TlsProvider.class, TlsProvider::cliName, "provider");
    }
}
