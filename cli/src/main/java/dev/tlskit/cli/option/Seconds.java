package dev.tlskit.cli.option;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A number of seconds ({@code 10}, {@code 0.5}); anything else is said in those words, not as "not a double". */
public final class Seconds implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        try {
            double d = Double.parseDouble(value.strip());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException(value);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expected a number of seconds (10, 0.5), got '" + value + "'");
        }
    }
}
