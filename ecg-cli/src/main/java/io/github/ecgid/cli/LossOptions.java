package io.github.ecgid.cli;

import io.github.ecgid.model.nn.TrainingOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The training loss of {@code train} and {@code identify-eval} (a picocli mixin): the origin's softmax, or the
 * additive cosine margin (CosFace) at a scale and margin.
 */
final class LossOptions {

    @Option(names = "--margin-scale", defaultValue = "0", paramLabel = "S", description = "train with the additive "
            + "cosine margin loss (CosFace) at this scale, e.g. 16: tighter people, better when the people you "
            + "identify are the ones trained on; 0 = the origin's softmax (default: ${DEFAULT-VALUE})")
    double marginScale;

    @Option(names = "--margin", defaultValue = "0.3", paramLabel = "M", description = "cosine margin of "
            + "--margin-scale (default: ${DEFAULT-VALUE})")
    double margin;

    /** {@code options} with this loss, built; settings out of range are a usage error. */
    TrainingOptions build(CommandLine cl, TrainingOptions.Builder options) {
        try {
            return options.cosineMargin(marginScale, margin).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
