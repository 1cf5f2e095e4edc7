package io.github.ecgid.cli;

import io.github.ecgid.signal.filter.PowerLine;
import picocli.CommandLine;

/**
 * Reads {@code --power-line HZ}: 50 or 60, checked by the library's {@link PowerLine}. Anything else is a usage
 * error at parse time, so no command repeats the check.
 */
final class PowerLineConverter implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        double hz;
        try {
            hz = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a frequency; give 50 or 60");
        }
        if (!PowerLine.isSupported(hz)) {
            throw new CommandLine.TypeConversionException("must be 50 or 60 (the mains frequency where the ECG was "
                    + "recorded), got " + value);
        }
        return hz;
    }
}
