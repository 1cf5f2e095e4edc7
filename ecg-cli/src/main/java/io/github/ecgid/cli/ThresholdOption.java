package io.github.ecgid.cli;

import io.github.ecgid.model.identify.EcgIdentifier;
import picocli.CommandLine.Option;

/** {@code --threshold}: the open-set acceptance threshold of {@code identify} and {@code verify} (a picocli mixin). */
final class ThresholdOption {

    @Option(names = "--threshold", paramLabel = "COS",
            description = "open-set acceptance threshold, cosine in [-1, 1] (default: "
                    + EcgIdentifier.DEFAULT_THRESHOLD + "; measure one for your population with `ecgid calibrate`)")
    Double cosine;

    /** Sets the threshold on the identifier when one was given; returns it for try-with-resources. */
    EcgIdentifier applyTo(EcgIdentifier id) {
        if (cosine != null) {
            try {
                id.setThreshold(cosine);
            } catch (RuntimeException e) {
                id.close();
                throw e;
            }
        }
        return id;
    }
}
