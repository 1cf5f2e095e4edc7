package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.data.DataLocation;
import io.github.ecgid.core.data.EcgIdDb;
import io.github.ecgid.core.data.MitDb;
import io.github.ecgid.core.data.WfdbDatabase;
import io.github.ecgid.core.io.WfdbReader;
import io.github.ecgid.model.PretrainedModels;
import io.github.ecgid.eval.GalleryEvaluation;
import io.github.ecgid.eval.GalleryReport;
import io.github.ecgid.eval.NoisyStreamEvaluation;
import io.github.ecgid.eval.RecipeEvaluation;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.IdentifierSettings;
import io.github.ecgid.model.nn.EpochMetrics;
import io.github.ecgid.model.nn.TrainingListener;
import io.github.ecgid.model.onnx.OnnxModel;
import io.github.ecgid.model.train.CorpusPerson;
import io.github.ecgid.model.train.IdentityCorpus;
import io.github.ecgid.model.train.IdentityRecipe;
import io.github.ecgid.signal.eval.NoiseStress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        PrintWriter err = cl.getErr();
        OnnxModel m = load(modelName);
        IdentifierSettings settings = IdentifierSettings.of(m).orElse(IdentifierSettings.defaults());
        IdentityCorpus.Pipelines pipelines = (fs, hz) -> gate == null ? settings.pipeline(fs, hz)
                : settings.pipeline(fs, hz).withQualityGate(gate.gate());
        int limit = persons != null ? persons : Integer.MAX_VALUE;
        List<CorpusPerson> people = switch (dataset) {
            case MitDb.NAME -> IdentityCorpus.mitdb(MitDb.open(dir), pipelines, limit, line -> progress(err, line));
            case EcgIdDb.NAME -> IdentityCorpus.ecgiddb(EcgIdDb.open(dir), pipelines, limit,
                    line -> progress(err, line));
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
        ProgressBar bar = ProgressBar.onStderr(err);
        Map<String, GalleryReport> reports;
        try {
            reports = RecipeEvaluation.builder(recipe, corpus.people()).folds(folds).seed(seed)
                    .listener(new FoldEpochs(bar, folds)).progress(bar::line).build().run();
        } finally {
            bar.finish();
        }
        Map<String, Object> j = new LinkedHashMap<>();
        reports.forEach((k, v) -> j.put(k, v.toJson()));
        emit(j, () -> reports.values().forEach(r -> print(cl.getOut(), r)));
        return 0;
    }

    /**
     * The recipe's progress as one bar over all folds' epochs: fold {@code f} (0-based) at epoch {@code e} of
     * {@code E} is {@code (f + e / E) / folds} done. Each fold trains one network, so its epoch 1 starts the next
     * fold; a fold that stops early leaves the rest of its share to the next.
     */
    static final class FoldEpochs implements TrainingListener {
        private final ProgressBar bar;
        private final int folds;
        private int fold = -1;

        FoldEpochs(ProgressBar bar, int folds) {
            this.bar = bar;
            this.folds = folds;
        }

        @Override
        public void onEpoch(EpochMetrics m) {
            if (m.epoch() == 1 || fold < 0) {
                fold++;
            }
            double fraction = Math.min(1, (fold + (double) m.epoch() / m.maxEpochs()) / folds);
            bar.update(fraction, String.format("fold %d/%d epoch %d/%d  loss %.4f  acc %.3f  val acc %.3f",
                    fold + 1, folds, m.epoch(), m.maxEpochs(), m.trainLoss(), m.trainAccuracy(),
                    m.validationAccuracy()));
        }
    }

    /**
     * {@code --noise-stress}: every MIT-BIH person enrolled on the clean minutes 0-5 of their primary lead, then the
     * noisy copies of {@code records} (nstdb {@code ma} and {@code bw} at 12, 6 and 0 dB, mixed as PhysioNet's nst
     * does, and the published 118e00 when present) identified continuously, 10 beats per decision.
     */
    int noiseStress(String modelName, Path mitdbDir, Path nstdbDir, List<String> records) throws IOException {
        PrintWriter err = cl.getErr();
        OnnxModel m = load(modelName);
        MitDb mit = MitDb.open(mitdbDir);
        Map<String, double[]> noise = new LinkedHashMap<>();
        for (String n : NOISES) {
            Path f = nstdbDir.resolve(n + ".hea");
            if (!Files.isRegularFile(f)) {
                throw new CommandLine.ParameterException(cl, "the noise record " + f + " is missing; point --nstdb at "
                        + "the MIT-BIH Noise Stress Test Database folder (records ma and bw)");
            }
            noise.put(n, WfdbReader.readSignals(nstdbDir.resolve(n)).lead(0));
        }
        List<NoisyStreamEvaluation.Outcome> rows = new ArrayList<>();
        double fs;
        int enrolled;
        try (EcgIdentifier id = EcgIdentifier.builder().samplingRateHz(fs = mit.read(records.get(0)).samplingRateHz())
                .powerLineHz(60).model(m).build()) {
            for (String name : mit.recordNames()) {
                if (name.equals("202")) {
                    continue; // 201 and 202 are one person, enrolled from 201
                }
                EcgRecord rec = mit.readPrimaryLead(name);
                id.enroll(name, rec.slice(0, ENROLL_SECONDS));
            }
            enrolled = id.templates().size();
            progress(err, enrolled + " people enrolled on minutes 0-5");
            for (String name : records) {
                EcgRecord rec = mit.readPrimaryLead(name);
                double[] clean = rec.lead(0);
                long[] beats = rec.annotations().beatSamples();
                for (String n : NOISES) {
                    for (double snr : SNRS_DB) {
                        double[] noisy = NoiseStress.corrupt(clean, beats, noise.get(n), fs, snr);
                        rows.add(NoisyStreamEvaluation.run(id, name, name, n, snr, noisy, fs));
                        progress(err, name + " " + n + " " + snr + " dB done");
                    }
                }
            }
            if (records.contains("118") && Files.isRegularFile(nstdbDir.resolve("118e00.hea"))) {
                EcgRecord e00 = WfdbReader.read(nstdbDir.resolve("118e00"));
                rows.add(NoisyStreamEvaluation.run(id, "118", "118e00", "em", 0,
                        e00.lead(MitDb.primaryLeadIndex(e00)), e00.samplingRateHz()));
            }
        }
        NoisyStreamEvaluation.Outcome all = rows.stream().reduce((a, b) -> a.plus(b, "all")).orElseThrow();
        List<Map<String, Object>> jr = new ArrayList<>();
        rows.forEach(r -> jr.add(toJson(r)));
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", m.fingerprint());
        j.put("persons_enrolled", enrolled);
        j.put("beats_per_decision", EcgIdentifier.DEFAULT_BEATS_PER_DECISION);
        j.put("noise_stress", jr);
        j.put("total", toJson(all));
        emit(j, () -> {
            PrintWriter o = cl.getOut();
            o.printf("%-8s %-5s %6s %8s %7s %7s %8s %9s%n", "record", "noise", "snr_db", "windows", "right", "wrong",
                    "unknown", "too_noisy");
            for (NoisyStreamEvaluation.Outcome r : rows) {
                printRow(o, r);
            }
            printRow(o, all);
            o.println("note: decisions of 10 beats whose window ends in a noisy segment; model " + m.fingerprint());
        });
        return 0;
    }

    private static final String[] NOISES = {"ma", "bw"};
    private static final double[] SNRS_DB = {12, 6, 0};
    private static final double ENROLL_SECONDS = 300;

    private static Map<String, Object> toJson(NoisyStreamEvaluation.Outcome r) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("record", r.record());
        if (!r.noise().isEmpty()) {
            j.put("noise", r.noise());
            j.put("snr_db", r.snrDb());
        }
        j.put("windows", r.windows());
        j.put("right", r.right());
        j.put("wrong", r.wrong());
        j.put("unknown", r.unknown());
        j.put("too_noisy", r.tooNoisy());
        j.put("wrong_rate", r.wrongRate());
        return j;
    }

    private static void printRow(PrintWriter o, NoisyStreamEvaluation.Outcome r) {
        o.printf(Locale.ROOT, "%-8s %-5s %6s %8d %6.1f%% %6.1f%% %7.1f%% %8.1f%%%n", r.record(), r.noise(),
                Double.isNaN(r.snrDb()) ? "" : String.format(Locale.ROOT, "%.0f", r.snrDb()), r.windows(),
                100 * r.rightRate(), 100 * r.wrongRate(), 100 * r.unknownRate(), 100 * r.tooNoisyRate());
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
