package io.github.ecgid.cli;

import io.github.ecgid.signal.detect.Detector;
import picocli.CommandLine;

/** Reads {@code --detector NAME} as a {@link Detector}; an unknown name is a usage error listing the known ones. */
final class DetectorConverter implements CommandLine.ITypeConverter<Detector> {
    @Override
    public Detector convert(String value) {
        try {
            return Detector.of(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
