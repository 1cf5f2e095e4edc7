package io.github.ecgid.cli;

import io.github.ecgid.model.identify.EcgIdentifier;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How {@code identify} and {@code verify} decide: the open-set threshold and how many beats one decision fuses
 * (a picocli mixin). A threshold from {@code ecgid calibrate --beats K} holds for decisions of K beats.
 */
final class DecisionOptions {

    @Option(names = "--threshold", paramLabel = "COS",
            description = "open-set acceptance threshold, cosine in [-1, 1]; verify applies it to the combined score "
                    + "too (default: " + EcgIdentifier.DEFAULT_THRESHOLD + "; measure one for your population with "
                    + "`ecgid calibrate`)")
    Double cosine;

    @Option(names = "--beats", paramLabel = "K",
            description = "decide on the first K usable beats (default: all of them); use the K you calibrated with")
    Integer beats;

    /** Checks the options and sets the threshold on the identifier's builder when one was given. */
    EcgIdentifier.Builder applyTo(CommandLine cl, EcgIdentifier.Builder b) {
        if (cosine != null && !(cosine >= -1 && cosine <= 1)) {
            throw new CommandLine.ParameterException(cl, "--threshold must be a cosine in [-1, 1], got " + cosine);
        }
        if (beats != null && beats < 1) {
            throw new CommandLine.ParameterException(cl, "--beats must be >= 1, got " + beats);
        }
        return cosine != null ? b.threshold(cosine) : b; // the combined threshold follows the cosine's
    }

    /** Most beats a decision fuses: {@code --beats}, or all of the record's usable beats. */
    int maxBeats() {
        return beats == null ? Integer.MAX_VALUE : beats;
    }
}
