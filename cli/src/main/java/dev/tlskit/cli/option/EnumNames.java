package dev.tlskit.cli.option;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The command-line names of an enum's constants, for help ({@code ${COMPLETION-CANDIDATES}}), completion and
 * parsing: a subclass names the enum and its name function, and serves as both {@code completionCandidates} and
 * {@code converter} of an option.
 */
public abstract class EnumNames<E extends Enum<E>> implements Iterable<String>, ITypeConverter<E> {
    private final Class<E> type;
    private final Function<E, String> name;
    private final Function<String, E> parse;

    /** Parsing by {@code parse}, whose {@link IllegalArgumentException} message becomes the usage error. */
    protected EnumNames(Class<E> type, Function<E, String> name, Function<String, E> parse) {
        this.type = type;
        this.name = name;
        this.parse = parse;
    }

    /**
     * Parsing by name, case-insensitively; an unknown value is "'VALUE' is not a {@code what} (use a, b or c)".
     */
    protected EnumNames(Class<E> type, Function<E, String> name, String what) {
        this.type = type;
        this.name = name;
        this.parse = value -> byName(value, what);
    }

    @Override
    public final Iterator<String> iterator() {
        return names().iterator();
    }

    @Override
    public final E convert(String value) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private List<String> names() {
        return Arrays.stream(type.getEnumConstants()).map(name).toList();
    }

    private E byName(String value, String what) {
        for (E e : type.getEnumConstants()) {
            if (name.apply(e).equals(value.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        List<String> all = names();
        String choices = all.size() == 1 ? all.get(0)
                : String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
        throw new IllegalArgumentException("'" + value + "' is not a " + what + " (use " + choices + ")");
    }
}
