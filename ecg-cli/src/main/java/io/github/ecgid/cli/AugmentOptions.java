package io.github.ecgid.cli;

import io.github.ecgid.model.nn.BeatAugmenter;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Training-beat augmentation of {@code train} and {@code identify-eval} (a picocli mixin): how many extra copies of
 * each training beat, and which kind of change makes them.
 */
final class AugmentOptions {

    @Option(names = "--augment", defaultValue = "0", paramLabel = "N", description = "augmented copies of each "
            + "training beat, made by --augmenter (default: ${DEFAULT-VALUE})")
    int copies;

    @Option(names = "--augmenter", defaultValue = "shape", paramLabel = "KIND", description = "what the copies "
            + "change: shape (T wave time warp +-12 %%, shift +-2 samples, baseline tilt, noise) or waves (QRS and "
            + "T-wave amplitude relative to the rest of the beat, each x0.74 to x1.35: better on MIT-BIH's time "
            + "split) (default: ${DEFAULT-VALUE})")
    String kind;

    /** The augmenter {@code --augmenter} names; anything else is a usage error. */
    BeatAugmenter augmenter(CommandLine cl) {
        if (copies < 0) {
            throw new CommandLine.ParameterException(cl, "--augment must be >= 0, got " + copies);
        }
        return switch (kind) {
            case "shape" -> BeatAugmenter.defaults();
            case "waves" -> BeatAugmenter.waveAmplitudes(0.3, 0.3);
            default -> throw new CommandLine.ParameterException(cl, "--augmenter must be shape or waves, got "
                    + kind);
        };
    }
}
