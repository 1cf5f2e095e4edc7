package io.github.ecgid.cli;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.model.identify.EcgIdentifier;
import java.nio.file.Path;
import java.util.Arrays;
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

    /** Sets the threshold on the identifier when one was given; returns it for try-with-resources. */
    EcgIdentifier applyTo(CommandLine cl, EcgIdentifier id) {
        if (cosine != null && !(cosine >= -1 && cosine <= 1)) {
            id.close();
            throw new CommandLine.ParameterException(cl, "--threshold must be a cosine in [-1, 1], got " + cosine);
        }
        if (beats != null && beats < 1) {
            id.close();
            throw new CommandLine.ParameterException(cl, "--beats must be >= 1, got " + beats);
        }
        if (cosine != null) {
            id.setThreshold(cosine); // the combined threshold too
        }
        return id;
    }

    /** The record's usable beats that enter the decision; none is bad input, named with the file. */
    float[][] beats(EcgIdentifier id, EcgRecord rec, Path file) {
        float[][] all = id.beats(rec);
        if (all.length == 0) {
            throw new EcgSignalException(file + ": no usable beats to decide on (too short, too noisy or no ECG in "
                    + "this lead)");
        }
        return beats != null && all.length > beats ? Arrays.copyOf(all, beats) : all;
    }
}
