package io.github.ecgid.cli;

import io.github.ecgid.core.EcgFormatException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.signal.preprocess.SampleGap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The model, template store, beat quality gate and decision settings shared by {@code enroll}, {@code identify},
 * {@code verify} and {@code calibrate} (a picocli mixin). The store's HMAC key comes from a file
 * ({@code --key-file}) or {@code $ECGID_TEMPLATE_KEY}, never from the command line itself, so that it stays out
 * of shell histories and process lists.
 */
final class IdentifierOptions {
    static final String KEY_VARIABLE = "ECGID_TEMPLATE_KEY";

    @Option(names = "--model", defaultValue = PRETRAINED, paramLabel = "FILE|pretrained", description = "the .onnx "
            + "model, e.g. from `ecgid train`, or pretrained: the general identity model that ships with ecgid "
            + "(default: ${DEFAULT-VALUE})")
    String model;

    /** The value of {@code --model} that names the shipped general model. */
    static final String PRETRAINED = "pretrained";

    /** {@code builder} with the model {@code --model} names. */
    static EcgIdentifier.Builder withModel(EcgIdentifier.Builder builder, String model) {
        return PRETRAINED.equals(model) ? builder : builder.model(Path.of(model));
    }

    @Option(names = "--templates", paramLabel = "FILE",
            description = "template store of enrolled people (HMAC key from --key-file or $" + KEY_VARIABLE + ")")
    Path templates;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "file holding the template store's HMAC key (at least 128 bits of key material, e.g. "
                    + "32 hex digits; at most 4 KiB; one trailing newline is ignored; keep it chmod 600); default: the environment variable " + KEY_VARIABLE)
    Path keyFile;

    @Option(names = "--power-line", paramLabel = "HZ", defaultValue = "50", converter = PowerLineConverter.class,
            description = "mains frequency to notch, 50 or 60 (default: ${DEFAULT-VALUE})")
    double powerLineHz;

    @Option(names = "--max-gap-seconds", paramLabel = "S", defaultValue = "" + SampleGap.DEFAULT_MAX_GAP_SECONDS, description = "bridge runs of "
            + "invalid samples (WFDB's missing-value code: -32768 in format 16, -2048 in 212) up to this long by "
            + "linear interpolation, and refuse longer ones; 0 refuses any (default: ${DEFAULT-VALUE})")
    double maxGapSeconds;

    @CommandLine.Mixin
    GateOptions gate;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "auto", converter = PredictCommand.EngineConverter.class,
            description = "auto (pure Java on SIMD kernels, else ONNX Runtime), pure-java or onnx-runtime (default: ${DEFAULT-VALUE})")
    Engine engine;

    /** An identifier for the record's sampling rate and lead, with the store's templates when it exists. */
    EcgIdentifier open(CommandLine cl, EcgRecord rec, String lead, boolean storeMustExist) {
        return open(cl, rec, lead, storeMustExist, b -> b);
    }

    /** The same, with the command's own settings applied to the builder by {@code tune}. */
    EcgIdentifier open(CommandLine cl, EcgRecord rec, String lead, boolean storeMustExist,
                       UnaryOperator<EcgIdentifier.Builder> tune) {
        return open(cl, rec.samplingRateHz(), lead, storeMustExist, EcgIdentifier.DEFAULT_BEATS_PER_DECISION, tune);
    }

    /** An identifier for this sampling rate, lead and decision window, with the store's templates. */
    EcgIdentifier open(CommandLine cl, double samplingRateHz, String lead, boolean storeMustExist,
                       int beatsPerDecision) {
        return open(cl, samplingRateHz, lead, storeMustExist, beatsPerDecision, b -> b);
    }

    private EcgIdentifier open(CommandLine cl, double samplingRateHz, String lead, boolean storeMustExist,
                               int beatsPerDecision, UnaryOperator<EcgIdentifier.Builder> tune) {
        if (!(maxGapSeconds >= 0) || Double.isInfinite(maxGapSeconds)) {
            throw new CommandLine.ParameterException(cl, "--max-gap-seconds must be >= 0, got " + maxGapSeconds);
        }
        boolean load = templates != null && (storeMustExist || Files.exists(templates));
        byte[] key = templates != null ? key(cl) : null;
        EcgIdentifier id = tune.apply(withModel(gate.apply(EcgIdentifier.builder()), model)
                .samplingRateHz(samplingRateHz).powerLineHz(powerLineHz).engine(engine).lead(lead)
                .beatsPerDecision(beatsPerDecision).maxGapSeconds(maxGapSeconds)).build();
        if (load) {
            loadStore(id, templates, key, storeMustExist);
        }
        return id;
    }

    /**
     * Loads a template store into {@code id}; a store that fails to load, or holds nobody when people are
     * required, closes {@code id} and throws (naming the store).
     */
    static void loadStore(EcgIdentifier id, Path templates, byte[] key, boolean requirePeople) {
        try {
            id.loadTemplates(templates, key);
        } catch (RuntimeException e) {
            id.close();
            throw e;
        }
        if (requirePeople && id.templates().isEmpty()) {
            id.close();
            throw EcgFormatException.inFile(templates, "the template store holds nobody; enroll people first "
                    + "(ecgid enroll)");
        }
    }

    /**
     * The key's bytes: the key file's (less one trailing newline; a regular file of at most
     * {@value KeyFiles#MAX_BYTES} bytes, warned about when others may read it), else the environment
     * variable's, UTF-8; either must hold at least {@value KeyFiles#MIN_BITS} bits of key material.
     */
    byte[] key(CommandLine cl) {
        return readKey(cl, keyFile);
    }

    /** As {@link #key(CommandLine)}, for commands with their own {@code --key-file} option. */
    static byte[] readKey(CommandLine cl, Path keyFile) {
        if (keyFile != null) {
            return KeyFiles.read(keyFile, cl.getErr());
        }
        String env = System.getenv(KEY_VARIABLE);
        byte[] key = env == null ? new byte[0] : env.getBytes(StandardCharsets.UTF_8);
        if (key.length == 0) {
            throw new CommandLine.ParameterException(cl, "--templates needs the store's HMAC key (at least "
                    + KeyFiles.MIN_BITS + " bits, e.g. 32 hex digits) in --key-file FILE or the environment variable "
                    + KEY_VARIABLE);
        }
        KeyFiles.requireStrong(key, "$" + KEY_VARIABLE, "FILE");
        return key;
    }
}
