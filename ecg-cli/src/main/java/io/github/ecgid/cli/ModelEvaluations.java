package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ecgid.core.data.DataLocation;
import io.github.ecgid.core.data.EcgIdDb;
import io.github.ecgid.core.data.MitDb;
import io.github.ecgid.core.data.WfdbDatabase;
import io.github.ecgid.model.PretrainedModels;
import io.github.ecgid.model.eval.GalleryEvaluation;
import io.github.ecgid.model.eval.GalleryReport;
import io.github.ecgid.model.eval.RecipeEvaluation;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.IdentifierSettings;
import io.github.ecgid.model.onnx.OnnxModel;
import io.github.ecgid.model.train.CorpusPerson;
import io.github.ecgid.model.train.IdentityCorpus;
import io.github.ecgid.model.train.IdentityRecipe;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The two evaluations of {@code identify-eval} that go through the model an application uses: a given model
 * without training ({@code --model}), and the general recipe over person-disjoint folds ({@code --recipe}).
 */
final class ModelEvaluations {
    private final CommandLine cl;
    private final boolean json;
    private final Path out;

    ModelEvaluations(CommandLine cl, boolean json, Path out) {
        this.cl = cl;
        this.json = json;
        this.out = out;
    }

    /** The model named by {@code --model}: the shipped one or a file. */
    static OnnxModel load(String model) {
        return IdentifierOptions.PRETRAINED.equals(model) ? PretrainedModels.general() : OnnxModel.read(Path.of(model));
    }

    int model(String modelName, String dataset, Path dir, String protocol, String lead, Double powerLineHz,
              Path strangersDir, int[] beats, Integer persons, GateOptions.Choice gate) throws IOException {
        String expected = dataset.equals(EcgIdDb.NAME) ? "record-disjoint" : "time-split";
        String proto = protocol != null ? protocol : expected;
        if (!proto.equals(expected)) {
            throw new CommandLine.ParameterException(cl, "with --model, " + dataset + " is evaluated by " + expected
                    + ", not " + proto);
        }
        double mains = powerLineHz != null ? powerLineHz : 50;
        if (mains != 50 && mains != 60) {
            throw new CommandLine.ParameterException(cl, "--power-line must be 50 or 60, got " + mains);
        }
        PrintWriter err = cl.getErr();
        OnnxModel m = load(modelName);
        IdentifierSettings settings = IdentifierSettings.of(m).orElse(IdentifierSettings.defaults());
        IdentityCorpus.Pipelines pipelines = (fs, hz) -> gate == null ? settings.pipeline(fs, hz)
                : settings.pipeline(fs, hz).withQualityGate(gate.gate());
        List<CorpusPerson> people = switch (dataset) {
            case MitDb.NAME -> IdentityCorpus.mitdb(MitDb.open(dir), pipelines, line -> progress(err, line));
            case EcgIdDb.NAME -> IdentityCorpus.ecgiddb(EcgIdDb.open(dir), pipelines, line -> progress(err, line));
            default -> IdentityCorpus.timeSplit(WfdbDatabase.open(dir), lead, mains, pipelines,
                    line -> progress(err, line));
        };
        if (persons != null && persons < people.size()) {
            people = people.subList(0, persons);
        }
        List<float[][]> strangers = strangersDir == null ? List.of()
                : IdentityCorpus.recordings(WfdbDatabase.open(strangersDir), null, mains, pipelines);
        GalleryEvaluation eval = new GalleryEvaluation(beats, EcgIdentifier.DEFAULT_BEATS_PER_DECISION);
        try (EcgIdentifier id = gate(EcgIdentifier.builder(), gate).samplingRateHz(500).model(m).build()) {
            eval.add(id, people, strangers);
        }
        List<String> notes = new ArrayList<>();
        notes.add("model: " + (IdentifierOptions.PRETRAINED.equals(modelName) ? "pretrained general model"
                : modelName) + " (" + m.fingerprint() + "), no training");
        if (strangersDir != null) {
            notes.add("strangers: " + strangers.size() + " recordings of " + strangersDir);
        }
        if (gate != null) {
            notes.add("beat quality gate: " + gate);
        }
        GalleryReport r = eval.report(dataset, proto, notes);
        emit(r.toJson(), () -> print(cl.getOut(), r));
        return 0;
    }

    private static EcgIdentifier.Builder gate(EcgIdentifier.Builder b, GateOptions.Choice gate) {
        if (gate == null) {
            return b;
        }
        return gate.gate() == null ? b.qualityGate(false) : b.qualityGate(gate.gate());
    }

    int recipe(String name, int folds, long seed) throws IOException {
        if (!name.equals(IdentityRecipe.GENERAL)) {
            throw new CommandLine.ParameterException(cl, "--recipe must be " + IdentityRecipe.GENERAL + ", got " + name);
        }
        PrintWriter err = cl.getErr();
        IdentityRecipe recipe = IdentityRecipe.general();
        IdentityCorpus.Corpus corpus = IdentityCorpus.general(DataLocation.resolve(), recipe, line -> { });
        progress(err, corpus.people().size() + " people read");
        Map<String, GalleryReport> reports = RecipeEvaluation.builder(recipe, corpus.people()).folds(folds).seed(seed)
                .progress(line -> progress(err, line)).build().run();
        Map<String, Object> j = new LinkedHashMap<>();
        reports.forEach((k, v) -> j.put(k, v.toJson()));
        emit(j, () -> reports.values().forEach(r -> print(cl.getOut(), r)));
        return 0;
    }

    private void emit(Map<String, Object> j, Runnable text) throws IOException {
        String s = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(j);
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(out, s);
        }
        if (json) {
            cl.getOut().println(s);
        } else {
            text.run();
        }
        cl.getOut().flush();
    }

    static void print(PrintWriter o, GalleryReport r) {
        o.printf("%s, %s, %d people identified over %d test beats (%d galler%s)%n", r.dataset(), r.protocol(),
                r.persons(), r.testBeats(), r.galleries(), r.galleries() == 1 ? "y" : "ies");
        r.rank1().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.printf(
                "rank-1, %2d beat%s: %6.2f %%   EER %6.2f %%%n", e.getKey(), e.getKey() == 1 ? " " : "s",
                100 * e.getValue(), 100 * r.eer().getOrDefault(e.getKey(), Double.NaN)));
        o.printf("FRR at 0.1 %% FAR (1 beat): %.2f %%%n", 100 * r.frrAtFar01Pct());
        GalleryReport.OpenSet os = r.openSet();
        o.printf("open set, %d beats per decision, threshold %.3f: %d strangers, FAR %.2f %% (%d windows), "
                + "FRR %.2f %% (%d windows)%n", os.beatsPerDecision(), os.threshold(), os.strangers(),
                100 * os.far(), os.strangerWindows(), 100 * os.frr(), os.genuineWindows());
        r.notes().forEach(n -> o.println("note: " + n));
    }

    private static void progress(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }
}
