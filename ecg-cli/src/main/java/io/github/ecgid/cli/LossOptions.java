package io.github.ecgid.cli;

import io.github.ecgid.model.nn.TrainingOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The training loss of {@code train} and {@code identify-eval} (a picocli mixin): the additive cosine margin
 * (CosFace, scale 16, margin 0.3, which every measured protocol where the network is trained on the people it
 * identifies prefers), or the origin's softmax at scale 0.
 */
final class LossOptions {

    @Option(names = "--margin-scale", defaultValue = "16", paramLabel = "S", description = "scale of the additive "
            + "cosine margin loss (CosFace): tighter people, better templates and verification "
            + "(docs/identification.md); 0 = the origin's softmax (default: ${DEFAULT-VALUE})")
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
