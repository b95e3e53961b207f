package dev.tlskit.cli.option;

import dev.tlskit.engine.TlsProvider;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --provider} values in lower case, for help, completion and parsing. */
public final class ProviderNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(TlsProvider.values()).map(TlsProvider::cliName).iterator();
    }

    public static final class Converter implements ITypeConverter<TlsProvider> {
        @Override
        public TlsProvider convert(String value) {
            for (TlsProvider p : TlsProvider.values()) {
                if (p.cliName().equals(value.toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a provider (use jdk, bc or boringssl)");
        }
    }
}
