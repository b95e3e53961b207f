package dev.tlskit.cli.command;

import dev.tlskit.engine.ClientAuth;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --client-auth none|want|need}, lower case in help, completion and parsing. */
final class ClientAuthConverter implements ITypeConverter<ClientAuth> {
    @Override
    public ClientAuth convert(String value) {
        for (ClientAuth a : ClientAuth.values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new TypeConversionException("'" + value + "' is not a client-auth mode (use none, want or need)");
    }

    /** Completion candidates. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ClientAuth.values()).map(a -> a.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }
}
