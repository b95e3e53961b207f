package dev.tlskit.cli.option;

import dev.tlskit.certs.KeyType;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --key-type} values by {@link KeyType#cliName()}, for help, completion and parsing. */
public final class KeyTypeNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(KeyType.values()).map(KeyType::cliName).iterator();
    }

    public static final class Converter implements ITypeConverter<KeyType> {
        @Override
        public KeyType convert(String value) {
            try {
                return KeyType.fromCliName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
