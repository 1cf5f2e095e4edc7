package io.github.ecgid.cli;

import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.train.IdentityTrainer;
import io.github.ecgid.signal.beat.QualityGate;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The beat quality gate of the commands that cut beats for the network (a picocli mixin): {@code train},
 * {@code identify-eval}, {@code enroll}, {@code identify}, {@code verify}, {@code calibrate} and
 * {@code stream --identify}. Enroll and identify with the gate the model was trained with.
 */
final class GateOptions {

    /** The gates by their option value. */
    enum Choice {
        full, recurring, amplitude, off;

        /** The gate, {@code null} for {@code off}. */
        QualityGate gate() {
            return switch (this) {
                case full -> QualityGate.defaults();
                case recurring -> QualityGate.recurring();
                case amplitude -> QualityGate.amplitudeOnly();
                case off -> null;
            };
        }
    }

    /** An unknown name is a usage error that lists the choices (picocli's own enum message is terser). */
    static final class ChoiceConverter implements CommandLine.ITypeConverter<Choice> {
        @Override
        public Choice convert(String value) {
            for (Choice c : Choice.values()) {
                if (c.name().equals(value)) {
                    return c;
                }
            }
            throw new CommandLine.TypeConversionException("--quality-gate must be full, recurring, amplitude or off, "
                    + "got " + value);
        }
    }

    @Option(names = "--quality-gate", paramLabel = "GATE", converter = ChoiceConverter.class, description = "beat "
            + "quality gate: full (amplitude, saturation, correlation with the running median beat: for healthy "
            + "people's noisy records), recurring (amplitude, saturation, correlation with 2 of the last 30 beats: "
            + "keeps recurring ectopic beats, drops noise; for arrhythmia patients), amplitude (no shape check: "
            + "keeps ectopic beats and noise) or off (every detected beat whose window is whole and finite); default: "
            + "full")
    Choice choice;

    /** {@code pipeline} with the gate chosen, or unchanged when the option is absent. */
    BeatPipeline apply(BeatPipeline pipeline) {
        return choice == null ? pipeline : pipeline.withQualityGate(choice.gate());
    }

    /** {@code builder} with the gate chosen, or unchanged when the option is absent. */
    IdentityTrainer.Builder apply(IdentityTrainer.Builder builder) {
        return choice == null ? builder : builder.qualityGate(choice.gate());
    }

    EcgIdentifier.Builder apply(EcgIdentifier.Builder builder) {
        if (choice == null) {
            return builder;
        }
        QualityGate gate = choice.gate();
        return gate == null ? builder.qualityGate(false) : builder.qualityGate(gate);
    }
}
