package dev.tlskit.engine.wire;

import static dev.tlskit.engine.wire.HelloWriter.checkWidth;
import static dev.tlskit.engine.wire.HelloWriter.write;

import dev.tlskit.engine.wire.ClientHelloBuilder.Field;
import dev.tlskit.engine.wire.ClientHelloBuilder.Length;
import dev.tlskit.engine.wire.HelloWriter.Written;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The lies and cuts of a {@link ClientHelloBuilder}: length fields that declare another value than the true one,
 * and the point where the body ends. Ranges are checked here, sense never is.
 */
final class HelloDistortions {
    private final EnumMap<Length, Integer> lengths = new EnumMap<>(Length.class);
    private Field truncatedAfter;
    private Integer truncatedAt;

    void length(Length field, int value) {
        checkWidth(value, field.width(), field.name().toLowerCase(Locale.ROOT) + " length");
        lengths.put(field, value);
    }

    /** What {@code field} declares: the override if one is set, else {@code trueValue}. */
    int declared(Length field, int trueValue) {
        return lengths.getOrDefault(field, trueValue);
    }

    boolean overrides(Length field) {
        return lengths.containsKey(field);
    }

    void truncateAfter(Field field) {
        this.truncatedAfter = field;
        this.truncatedAt = null;
    }

    void truncateAt(int bodyBytes) {
        if (bodyBytes < 0) {
            throw new IllegalArgumentException("truncation point must not be negative: " + bodyBytes);
        }
        this.truncatedAt = bodyBytes;
        this.truncatedAfter = null;
    }

    /** {@code full} cut where the truncation says, {@code ends} giving the offset after each field. */
    byte[] cut(byte[] full, Map<Field, Integer> ends) {
        int cut = truncatedAfter != null ? ends.get(truncatedAfter) : truncatedAt != null ? truncatedAt : full.length;
        return Arrays.copyOf(full, Math.min(cut, full.length));
    }

    static void extensionLength(Written e, int value) {
        checkWidth(value, 2, "extension length");
        e.declaredLength = value;
    }

    static void innerLength(Written e, int index, int value) {
        checkIndex(e, index, e.lengthOffsets.length);
        checkWidth(value, e.lengthWidths[index], "inner length");
        write(e.data, e.lengthOffsets[index], e.lengthWidths[index], value);
    }

    static int innerLengthOf(Written e, int index) {
        checkIndex(e, index, e.lengthValues.length);
        return e.lengthValues[index];
    }

    private static void checkIndex(Written e, int index, int count) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("extension " + e.type + " has " + count
                    + " inner length fields, no index " + index);
        }
    }
}
