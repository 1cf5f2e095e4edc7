package io.github.ecgid.cli;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.data.DataLocation;
import io.github.ecgid.core.data.EcgIdDb;
import io.github.ecgid.core.data.MitDb;
import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.core.synth.SyntheticRecording;
import io.github.ecgid.model.nn.BeatAugmenter;
import io.github.ecgid.model.nn.EpochMetrics;
import io.github.ecgid.model.nn.TrainingListener;
import io.github.ecgid.model.nn.TrainingOptions;
import io.github.ecgid.model.nn.TrainingSet;
import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.model.onnx.OnnxModel;
import io.github.ecgid.model.train.IdentityCorpus;
import io.github.ecgid.model.train.IdentityRecipe;
import io.github.ecgid.model.train.IdentityTrainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecgid train --dataset mitdb|ecgiddb|synthetic [--data DIR] [--persons N] [--epochs 50] [--seed S]
 * --out model.onnx}: extracts beats per person, trains the LightweightCnn in pure Java and writes an ONNX model
 * with provenance.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the beat network in pure Java on one person per class and write an ONNX model.",
            "mitdb: one class per record (the PyTorch reference's records 100, 101, 103, 112, 115, 122 first), "
                + "MLII lead, first --seconds of each record. ecgiddb: one class per person, all of their records, "
                + "raw lead I. synthetic: one class per generated person, 2 sessions each (no data folder needed).",
            "Beats: seed preprocessing without its amplitude clip, Pan-Tompkins R-peaks, 175-sample z-scored beats, "
                + "beat quality gate (--quality-gate). Progress goes to stderr, the final metrics to stdout."})
final class TrainCommand implements Callable<Integer> {

    static final String DETECTOR = "pan-tompkins";

    /** The records the PyTorch reference model was trained on, used first for mitdb. */
    static final List<String> MITDB_REFERENCE_RECORDS = List.of("100", "101", "103", "112", "115", "122");

    enum Dataset { mitdb, ecgiddb, synthetic }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "mitdb, ecgiddb or synthetic (not with --recipe)")
    Dataset dataset;

    @Option(names = "--recipe", paramLabel = "NAME", description = "general: train the general identity model that "
            + "ships with ecgid (ecg-model-pretrained) on every person of MIT-BIH, ECG-ID and LUDB under the data "
            + "folder, deterministically; the other training options are the recipe's own")
    String recipe;

    @Option(names = "--data", paramLabel = "DIR",
            description = "data folder holding mitdb/ and ecgiddb/, or the data set folder itself "
                    + "(default: -Decgid.data, $ECGID_DATA, ../shared/data)")
    Path data;

    @Option(names = "--persons", paramLabel = "N", defaultValue = "6",
            description = "number of classes (records or persons) (default: ${DEFAULT-VALUE})")
    int persons;

    @Option(names = "--seconds", paramLabel = "S",
            description = "seconds of each mitdb record (default 600, as the PyTorch reference) or of each of the "
                    + "2 sessions of a synthetic person (default 150); ecgiddb records are used whole")
    Double seconds;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "50",
            description = "most epochs; early stopping may end sooner (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
            description = "training threads, 1 or 2; results are identical (default: ${DEFAULT-VALUE})")
    int threads;

    @CommandLine.Mixin
    LossOptions loss;

    @CommandLine.Mixin
    AugmentOptions augment;

    @CommandLine.Mixin
    GateOptions gate;

    @Option(names = "--power-line", paramLabel = "HZ", converter = PowerLineConverter.class,
            description = "mains frequency to notch, 50 or 60 (default: 60 for mitdb, recorded in the USA; else 50)")
    Double powerLineHz;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the .onnx file to write")
    Path out;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    /** Beats of one class, and the sampling rate of the records they came from. */
    private record ClassBeats(String name, List<float[]> beats, double samplingRateHz) {
    }

    @Override
    public Integer call() {
        if (recipe != null) {
            return trainRecipe();
        }
        if (dataset == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "train needs --dataset NAME or --recipe general");
        }
        if (persons < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--persons must be at least 2");
        }
        if (seconds == null) {
            seconds = dataset == Dataset.synthetic ? 150.0 : 600.0;
        }
        if (!(seconds > 0) || seconds > 7200) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be in (0, 7200]");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();

        BeatAugmenter augmenter = augment.augmenter(spec.commandLine());
        List<ClassBeats> classes = switch (dataset) {
            case mitdb -> mitdb(err);
            case ecgiddb -> ecgiddb(err);
            case synthetic -> synthetic(err);
        };
        List<String> names = new ArrayList<>();
        List<float[]> beats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            ClassBeats cb = classes.get(c);
            if (cb.beats().isEmpty()) {
                throw new EcgException("no usable beats for class " + cb.name() + " in " + dataset);
            }
            names.add(cb.name());
            for (float[] b : cb.beats()) {
                beats.add(b);
                labels.add(c);
            }
        }
        double rateHz = classes.get(0).samplingRateHz();
        TrainingSet set = TrainingSet.of(beats.toArray(new float[0][]), labels.stream().mapToInt(i -> i).toArray(),
                names);
        err.printf("%d beats in %d classes %s%n", set.size(), set.numClasses(), countsByClass(set));
        err.flush();

        TrainingOptions options = loss.build(spec.commandLine(),
                TrainingOptions.builder().epochs(epochs).seed(seed).threads(threads));
        EpochBar bar = new EpochBar(err);
        OnnxModel model;
        try {
            model = gate.apply(IdentityTrainer.builder()).samplingRateHz(rateHz).powerLineHz(mainsHz())
                    .options(options).augmentation(augment.copies, augmenter).listener(bar).build().train(set)
                    .model();
        } finally {
            bar.bar.finish();
        }
        model.write(out);

        EpochMetrics best = bar.best;
        EpochMetrics last = bar.last;
        stdout.printf("best epoch %d of %d%s: train loss %.4f, train accuracy %.4f, validation loss %.4f, "
                        + "validation accuracy %.4f%n", best.epoch(), last.epoch(),
                last.epoch() < last.maxEpochs() ? " (stopped early)" : "", best.trainLoss(), best.trainAccuracy(),
                best.validationLoss(), best.validationAccuracy());
        stdout.printf("wrote %s: %d classes, %,d parameters, %.1f s of training%n", out, names.size(),
                model.parameterCount(), last.elapsedSeconds());
        stdout.flush();
        return 0;
    }

    /** {@code --recipe general}: the shipped model, trained by the library's recipe on the whole corpus. */
    private int trainRecipe() {
        if (!recipe.equals(IdentityRecipe.GENERAL)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--recipe must be " + IdentityRecipe.GENERAL
                    + ", got " + recipe);
        }
        if (dataset != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--recipe trains on every database it needs;"
                    + " leave out --dataset");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        IdentityRecipe r = IdentityRecipe.general();
        long t0 = System.nanoTime();
        IdentityCorpus.Corpus corpus = IdentityCorpus.general(location(), r, line -> { });
        TrainingSet set = r.trainingSet(corpus.people());
        err.printf("%d people, %d classes, %d beats read in %.0f s%n", corpus.people().size(), set.numClasses(),
                set.size(), (System.nanoTime() - t0) / 1e9);
        err.flush();
        EpochBar bar = new EpochBar(err);
        OnnxModel model;
        try {
            model = r.train(corpus.people(), corpus.datasets(), bar);
        } finally {
            bar.bar.finish();
        }
        model.write(out);
        stdout.printf("wrote %s: %d classes, %,d parameters, %s; %.0f s in all%n", out, set.numClasses(),
                model.parameterCount(), model.fingerprint(), (System.nanoTime() - t0) / 1e9);
        stdout.flush();
        return 0;
    }

    private double mainsHz() {
        if (powerLineHz != null) {
            return powerLineHz;
        }
        return dataset == Dataset.mitdb ? 60 : 50;
    }

    private static String countsByClass(TrainingSet set) {
        StringBuilder sb = new StringBuilder("(");
        int[] counts = set.classCounts();
        for (int c = 0; c < counts.length; c++) {
            sb.append(c == 0 ? "" : ", ").append(set.classNames().get(c)).append('=').append(counts[c]);
        }
        return sb.append(')').toString();
    }

    private DataLocation location() {
        return data == null ? DataLocation.resolve() : DataLocation.of(data);
    }

    /** The data set folder: {@code --data} itself when it holds a RECORDS file, else its sub-folder. */
    private Path datasetFolder(String name) {
        if (data != null && Files.isRegularFile(data.resolve("RECORDS"))) {
            return data;
        }
        return location().dataset(name);
    }

    private List<ClassBeats> mitdb(PrintWriter err) {
        MitDb db = MitDb.open(datasetFolder(MitDb.NAME));
        LinkedHashSet<String> order = new LinkedHashSet<>(MITDB_REFERENCE_RECORDS);
        order.retainAll(db.recordNames());
        order.addAll(db.recordNames());
        List<String> chosen = new ArrayList<>(order);
        if (persons > chosen.size()) {
            throw new EcgException("--persons " + persons + " but mitdb has " + chosen.size() + " records");
        }
        List<ClassBeats> out = new ArrayList<>();
        for (String name : chosen.subList(0, persons)) {
            EcgRecord rec = db.readPrimaryLead(name).slice(0, seconds);
            out.add(new ClassBeats(name, beatsOf(rec, err), rec.samplingRateHz()));
        }
        return out;
    }

    private List<ClassBeats> ecgiddb(PrintWriter err) {
        EcgIdDb db = EcgIdDb.open(datasetFolder(EcgIdDb.NAME));
        Map<String, List<String>> byPerson = db.recordsByPerson();
        if (persons > byPerson.size()) {
            throw new EcgException("--persons " + persons + " but ecgiddb has " + byPerson.size() + " persons");
        }
        List<ClassBeats> out = new ArrayList<>();
        for (String person : new ArrayList<>(byPerson.keySet()).subList(0, persons)) {
            List<float[]> beats = new ArrayList<>();
            double rate = 0;
            for (String record : byPerson.get(person)) {
                EcgRecord rec = db.read(person, record, EcgIdDb.Channel.RAW);
                rate = rec.samplingRateHz();
                beats.addAll(beatsOf(rec, err));
            }
            out.add(new ClassBeats(person, beats, rate));
        }
        return out;
    }

    private List<ClassBeats> synthetic(PrintWriter err) {
        SyntheticCohort cohort = SyntheticCohort.of(persons, seed).withSessions(2)
                .withDurationSeconds(seconds);
        List<ClassBeats> out = new ArrayList<>();
        for (int p = 1; p <= persons; p++) {
            List<float[]> beats = new ArrayList<>();
            for (int s = 1; s <= cohort.sessions(); s++) {
                SyntheticRecording r = cohort.recording(p, s);
                beats.addAll(beatsOf(r.record(), err));
            }
            out.add(new ClassBeats("person-" + p, beats, cohort.samplingRateHz()));
        }
        return out;
    }

    private List<float[]> beatsOf(EcgRecord rec, PrintWriter err) {
        BeatPipeline pipeline = gate.apply(new BeatPipeline(rec.samplingRateHz(), mainsHz(), DETECTOR, true));
        BeatPipeline.Result r = pipeline.extract(rec.lead(0));
        err.printf("  %s: %d beats (%d rejected)%s%n", rec.source(), r.beats().length, r.rejected().size(),
                r.note().isEmpty() ? "" : " " + r.note());
        err.flush();
        return List.of(r.beats());
    }

    /** One line per epoch on the shared {@link ProgressBar}; redrawn in place when stderr is a terminal. */
    private static final class EpochBar implements TrainingListener {
        final ProgressBar bar;
        EpochMetrics best;
        EpochMetrics last;

        EpochBar(PrintWriter err) {
            this.bar = ProgressBar.onStderr(err);
        }

        @Override
        public void onEpoch(EpochMetrics m) {
            last = m;
            if (m.best() || best == null) {
                best = m;
            }
            bar.update((double) m.epoch() / m.maxEpochs(), m.elapsedSeconds(), String.format(
                    "epoch %d/%d loss %.4f acc %.3f | val loss %.4f acc %.3f | lr %.1e", m.epoch(), m.maxEpochs(),
                    m.trainLoss(), m.trainAccuracy(), m.validationLoss(), m.validationAccuracy(), m.learningRate()),
                    m.best() ? " *" : "");
        }
    }
}
