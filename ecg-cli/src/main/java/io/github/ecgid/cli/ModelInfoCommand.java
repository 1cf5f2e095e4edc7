package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.IdentifierSettings;
import io.github.ecgid.model.identify.IdentitySpace;
import io.github.ecgid.model.train.IdentityRecipe;
import io.github.ecgid.model.onnx.ModelProvenance;
import io.github.ecgid.model.onnx.OnnxModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ecgid model-info model.onnx [--json]}: architecture, parameter count, classes and provenance. */
@Command(name = "model-info", mixinStandardHelpOptions = true,
        description = "Describe an ONNX beat model: architecture, parameter count, classes, provenance.")
final class ModelInfoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .onnx model file, or pretrained (the general "
            + "identity model that ships with ecgid)")
    String model;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        OnnxModel m = ModelEvaluations.load(model);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap(m)));
        } else {
            out.println("Model:        " + model);
            out.println("Producer:     " + m.producer() + " (ONNX opset " + m.opsetVersion() + ")");
            out.println("Architecture: " + m.architecture());
            out.printf("Parameters:   %,d trainable (BatchNorm folded into the convolutions in the file)%n",
                    m.parameterCount());
            out.println("Input:        " + m.inputName() + " float32 [batch,1," + BeatClassifier.BEAT_LENGTH + "]");
            out.println("Outputs:      " + m.logitsName() + " [batch," + m.classCount() + "], embedding [batch,"
                    + BeatClassifier.EMBEDDING_SIZE + "]" + (m.hasEmbeddingOutput() ? ""
                    : " (not a file output; taken from tensor '" + m.embeddingName() + "')"));
            out.println("Fingerprint:  " + m.fingerprint() + (m.metadata().containsKey("ecgid.sha256") ? " (sealed)"
                    : " (no seal in the file)"));
            out.println("Classes (" + m.classCount() + "):  " + (m.classCount() <= 12 ? String.join(", ", m.classLabels())
                    : String.join(", ", m.classLabels().subList(0, 6)) + ", ... " + m.classLabels().get(m.classCount() - 1)));
            IdentifierSettings settings = IdentifierSettings.of(m).orElse(null);
            out.println("Identifier:   " + (settings == null ? "no settings in the file (defaults: full gate, "
                    + "threshold " + EcgIdentifier.DEFAULT_THRESHOLD + ")" : "gate " + settings.qualityGate().label()
                    + ", detector " + settings.detector() + ", threshold " + settings.threshold() + " for "
                    + settings.beatsPerDecision() + " beats per decision"));
            out.println("Open set:     " + IdentitySpace.of(m).map(s -> "identity space (whitened " + s.embeddingSize()
                    + "-value embedding + " + (s.dimension() - s.embeddingSize()) + " waveform components of "
                    + s.beatLength() + "-sample beats), templates of " + s.dimension() + " values")
                    .orElse("centred embedding (no identity space in the file), templates of "
                            + BeatClassifier.EMBEDDING_SIZE + " values"));
            if (m.provenance().isPresent()) {
                ModelProvenance p = m.provenance().get();
                out.println("Provenance:");
                out.println("  sampling rate:      " + p.samplingRateHz() + " Hz");
                out.println("  preprocessing:      " + p.preprocessing());
                out.println("  training data:      SHA-256 " + (p.trainingDataSha256().isEmpty() ? "(unknown)"
                        : p.trainingDataSha256()));
                out.println("  library version:    " + p.libraryVersion());
                out.println("  seed:               " + p.seed());
                if (m.metadata().containsKey(IdentityRecipe.RECIPE_KEY)) {
                    out.println("  recipe:             " + m.metadata().get(IdentityRecipe.RECIPE_KEY));
                }
                if (m.metadata().containsKey(IdentityRecipe.DATASETS_KEY)) {
                    out.println("  data sets:          " + m.metadata().get(IdentityRecipe.DATASETS_KEY));
                }
            } else {
                out.println("Provenance:   none (not exported by ecgid; class labels are indices)");
            }
        }
        out.flush();
        return 0;
    }

    static Map<String, Object> toMap(OnnxModel m) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("producer", m.producer());
        j.put("opset", m.opsetVersion());
        j.put("architecture", m.architecture());
        j.put("parameters", m.parameterCount());
        j.put("input", Map.of("name", m.inputName(), "shape", List.of("batch", 1, BeatClassifier.BEAT_LENGTH)));
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("logits", Map.of("name", m.logitsName(), "shape", List.of("batch", m.classCount())));
        outputs.put("embedding", Map.of("name", m.embeddingName(), "shape",
                List.of("batch", BeatClassifier.EMBEDDING_SIZE), "inFile", m.hasEmbeddingOutput()));
        j.put("outputs", outputs);
        j.put("fingerprint", m.fingerprint());
        j.put("classes", m.classLabels());
        j.put("identifier", IdentifierSettings.of(m).map(IdentifierSettings::encode).orElse(null));
        j.put("identity_space", IdentitySpace.of(m).map(s -> Map.of("embedding", s.embeddingSize(), "beat_samples",
                s.beatLength(), "components", s.dimension() - s.embeddingSize(), "template_values", s.dimension()))
                .orElse(null));
        Map<String, Object> prov = null;
        if (m.provenance().isPresent()) {
            ModelProvenance p = m.provenance().get();
            prov = new LinkedHashMap<>();
            prov.put("samplingRateHz", p.samplingRateHz());
            prov.put("preprocessing", p.preprocessing());
            prov.put("trainingDataSha256", p.trainingDataSha256());
            prov.put("libraryVersion", p.libraryVersion());
            prov.put("seed", p.seed());
        }
        j.put("provenance", prov);
        j.put("metadata", m.metadata());
        return j;
    }
}
