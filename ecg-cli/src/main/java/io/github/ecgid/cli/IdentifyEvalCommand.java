package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ecgid.core.data.DataLocation;
import io.github.ecgid.core.data.EcgIdDb;
import io.github.ecgid.core.data.MitDb;
import io.github.ecgid.eval.ClassificationMetrics;
import io.github.ecgid.eval.IdentificationEvaluation;
import io.github.ecgid.eval.IdentificationEvaluation.Subject;
import io.github.ecgid.eval.IdentificationReport;
import io.github.ecgid.eval.Protocols;
import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.model.nn.BeatAugmenter;
import io.github.ecgid.model.nn.TrainingListener;
import io.github.ecgid.model.nn.TrainingOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecgid identify-eval --db DIR --dataset mitdb|ecgiddb --protocol time-split|record-disjoint|beat-random
 * [--beats 1,5,10] [--json]}: an honest identification experiment on a public database.
 */
@Command(name = "identify-eval", mixinStandardHelpOptions = true,
        description = {"Train the network and measure identification on a public database.",
            "mitdb time-split: train on minutes 0-5 of each record, test on minutes 20-30 (201 and 202 are one "
                + "person). ecgiddb record-disjoint: train/enroll on each person's first record, test on the "
                + "others. beat-random: the origin's leaky per-beat 80/20 split, for comparison only.",
            "--recipe general: the shipped model's recipe on people its networks never saw (person-disjoint "
                + "folds). --model pretrained|FILE: a model evaluated without training.",
            "Reports rank-1 accuracy by beats fused, EER and FRR at 0.1 %% FAR of template verification, the "
                + "origin's per-beat table and an open-set check (half the people enrolled, the rest strangers)."})
final class IdentifyEvalCommand implements Callable<Integer> {
    /** People listed as the weakest in the text report. */
    private static final int WEAKEST = 5;

    enum Dataset { mitdb, ecgiddb, wfdb }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", paramLabel = "DIR",
            description = "the data set folder (default: <data>/mitdb or <data>/ecgiddb from ECGID_DATA)")
    Path db;

    @Option(names = "--dataset", description = "mitdb, ecgiddb, or (with --model) wfdb: any WFDB folder, one record "
            + "per person, time split; not needed with --recipe")
    Dataset dataset;

    @Option(names = "--model", paramLabel = "pretrained|FILE", description = "evaluate this model without training:"
            + " pretrained (the general identity model that ships with ecgid) or an .onnx file; the people are "
            + "enrolled and identified as an application does it")
    String model;

    @Option(names = "--strangers", paramLabel = "DIR", description = "with --model: a WFDB folder of people never "
            + "enrolled (each record one stranger, its first lead), presented for the open-set false-accept rate")
    Path strangers;

    @Option(names = "--recipe", paramLabel = "NAME", description = "general: evaluate the recipe of the shipped "
            + "model on people its networks never saw (person-disjoint folds over MIT-BIH, ECG-ID and LUDB from "
            + "ECGID_DATA; LUDB's held-out people are the strangers)")
    String recipe;

    @Option(names = "--lead", paramLabel = "NAME", description = "--dataset wfdb: the lead to use (default: each "
            + "record's first)")
    String lead;

    @Option(names = "--power-line", paramLabel = "HZ", converter = PowerLineConverter.class,
            description = "--dataset wfdb and --strangers: mains "
            + "frequency to notch, 50 or 60 (default: 50)")
    Double powerLineHz;

    @Option(names = "--protocol", description = "time-split (mitdb), record-disjoint (ecgiddb) or beat-random "
            + "(either: the origin's leaky per-beat split, optimistic) (default: the dataset's disjoint protocol)")
    String protocol;

    @Option(names = "--folds", description = "--recipe: person folds (default 5)")
    Integer folds;

    @Option(names = "--beats", split = ",", defaultValue = "1,5,10",
            description = "beats fused per decision (default: ${DEFAULT-VALUE})")
    int[] beats;

    @Option(names = "--persons", paramLabel = "N", description = "use only the first N people (e.g. 6, the origin's size)")
    Integer persons;

    @Option(names = "--records", split = ",", description = "mitdb records to use (default: all in RECORDS)")
    List<String> records;

    @Option(names = "--epochs", defaultValue = "50", description = "most training epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @CommandLine.Mixin
    AugmentOptions augment;

    @CommandLine.Mixin
    LossOptions loss;

    @CommandLine.Mixin
    GateOptions gate;

    @Option(names = "--test-minutes", paramLabel = "FROM-TO", description = "mitdb time-split: the minutes tested "
            + "(default 20-30, the protocol); e.g. 10-20 as a validation window to choose settings on")
    String testMinutes;

    @Option(names = "--noise-stress", description = "identify noisy recordings instead: every mitdb person enrolled "
            + "on clean minutes 0-5, then records 118 and 119 (or --records) with nstdb muscle (ma) and baseline (bw) "
            + "noise at 12, 6 and 0 dB, and the published 118e00, identified continuously; counts right, wrong, "
            + "unknown and too-noisy decisions (with --model, default pretrained)")
    boolean noiseStress;

    @Option(names = "--nstdb", paramLabel = "DIR", description = "--noise-stress: the nstdb folder with the noise "
            + "records ma and bw (default: nstdb beside the mitdb folder)")
    Path nstdb;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the JSON report to this file")
    Path out;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    /** The time split's test minutes, {from, to}. */
    private double[] testWindow() {
        if (testMinutes == null) {
            return new double[] {20, 30};
        }
        String[] parts = testMinutes.split("-");
        try {
            if (parts.length == 2) {
                double from = Double.parseDouble(parts[0].trim());
                double to = Double.parseDouble(parts[1].trim());
                Protocols.requireTestWindow(from, to);
                return new double[] {from, to};
            }
        } catch (IllegalArgumentException e) {
            // not numbers (NumberFormatException is one), or a window the protocol refuses: reported below
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--test-minutes must be FROM-TO with 5 <= FROM "
                + "< TO (minutes 0-5 train), got " + testMinutes);
    }

    private BeatPipeline pipeline(double fs, double mainsHz) {
        return gate.apply(new BeatPipeline(fs, mainsHz, "pan-tompkins", true));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (model != null && recipe != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model evaluates a trained model and "
                    + "--recipe trains networks to evaluate a recipe: give one of them");
        }
        if (noiseStress) {
            if (recipe != null || dataset != null && dataset != Dataset.mitdb) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--noise-stress identifies MIT-BIH "
                        + "records with a given model (--model, default pretrained); leave out --recipe and --dataset");
            }
            Path dir = db != null ? db : DataLocation.resolve().dataset(MitDb.NAME);
            Path noiseDir = nstdb != null ? nstdb : dir.toAbsolutePath().normalize().resolveSibling("nstdb");
            return new ModelEvaluations(spec.commandLine(), json, out).noiseStress(
                    model != null ? model : IdentifierOptions.PRETRAINED, dir, noiseDir,
                    records != null ? records : List.of("118", "119"));
        }
        if (recipe != null) {
            return new ModelEvaluations(spec.commandLine(), json, out).recipe(recipe, folds == null ? 5 : folds, seed);
        }
        if (folds != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--folds applies to --recipe only");
        }
        if (dataset == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dataset is required (mitdb, ecgiddb, or "
                    + "wfdb with --model)");
        }
        if (model != null) {
            Path dir = db != null ? db : dataset == Dataset.wfdb ? null : DataLocation.resolve().dataset(dataset.name());
            if (dir == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--dataset wfdb needs --db DIR");
            }
            return new ModelEvaluations(spec.commandLine(), json, out).model(model, dataset.name(), dir, protocol,
                    lead, powerLineHz, strangers, beats, persons, gate.choice);
        }
        if (dataset == Dataset.wfdb || strangers != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dataset wfdb and --strangers evaluate a "
                    + "model without training: add --model pretrained or --model FILE");
        }
        String disjoint = dataset == Dataset.mitdb ? "time-split" : "record-disjoint";
        String proto = protocol != null ? protocol : disjoint;
        if (!proto.equals(disjoint) && !proto.equals("beat-random")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "protocol " + proto + " does not apply to "
                    + dataset + "; use " + disjoint + " or beat-random");
        }
        if (testMinutes != null && !(dataset == Dataset.mitdb && proto.equals("time-split"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--test-minutes applies to the mitdb "
                    + "time-split only");
        }
        double[] window = testWindow(); // a malformed window is a usage error before any data is read
        BeatAugmenter augmenter = augment.augmenter(spec.commandLine());
        ProgressBar bar = ProgressBar.onStderr(err);
        IdentificationReport r;
        try {
            r = trainAndEvaluate(proto, window, augmenter, bar);
        } finally {
            bar.finish();
        }
        Map<String, Object> j = toJson(r);        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(j);
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(out, text);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(text);
        } else {
            printTable(o, r);
        }
        o.flush();
        return 0;
    }

    /** Reads the data set by the protocol, trains the network and measures it; progress on the bar. */
    private IdentificationReport trainAndEvaluate(String proto, double[] window, BeatAugmenter augmenter,
                                                  ProgressBar bar) {
        Path dir = db != null ? db : DataLocation.resolve().dataset(dataset.name());
        List<String> notes = new ArrayList<>();
        List<Subject> subjects;
        double fs;
        if (dataset == Dataset.mitdb) {
            MitDb mit = MitDb.open(dir);
            List<String> names = records != null ? records : mit.recordNames();
            fs = mit.read(names.get(0)).samplingRateHz();
            BeatPipeline pipeline = pipeline(fs, 60);
            if (persons != null) {
                names = firstPersons(names, persons);
            }
            subjects = Protocols.mitdbTimeSplit(mit, names, pipeline, window[0], window[1],
                    bar::line);
            if (testMinutes != null) {
                notes.add("tested on minutes " + testMinutes + " instead of 20-30");
            }
        } else {
            EcgIdDb ecgid = EcgIdDb.open(dir);
            fs = 500;
            BeatPipeline pipeline = pipeline(fs, 50);
            subjects = Protocols.ecgiddbRecordDisjoint(ecgid, EcgIdDb.Channel.RAW, pipeline,
                    persons != null ? persons : Integer.MAX_VALUE, notes, bar::line);
            if (!notes.isEmpty()) {
                notes.replaceAll(s -> "left out: " + s);
            }
            if (persons != null && persons < subjects.size()) {
                subjects = subjects.subList(0, persons);
            }
        }
        if (gate.choice != null) {
            notes.add("beat quality gate: " + gate.choice);
        }
        if (augment.copies > 0) {
            notes.add("augmentation: " + augment.copies + " " + augment.kind + " cop"
                    + (augment.copies == 1 ? "y" : "ies") + " of each training beat");
        }
        if (proto.equals("beat-random")) {
            subjects = Protocols.beatRandom(subjects, seed);
            notes.add("beat-random: neighbouring beats of one session fall on both sides of the split (optimistic)");
        }
        TrainingOptions options = loss.build(spec.commandLine(),
                TrainingOptions.builder().epochs(epochs).seed(seed).threads(2));
        TrainingListener listener = m -> bar.update((double) m.epoch() / m.maxEpochs(), m.elapsedSeconds(),
                String.format("epoch %d/%d  loss %.4f  acc %.3f  val acc %.3f  lr %.1e  %.0f s", m.epoch(),
                        m.maxEpochs(), m.trainLoss(), m.trainAccuracy(), m.validationAccuracy(), m.learningRate(),
                        m.elapsedSeconds()), "");
        return IdentificationEvaluation.builder(dataset.name(), proto, fs)
                .subjects(subjects).beatCounts(beats).training(options)
                .augmentation(augment.copies, augmenter).notes(notes).listener(listener).build().run();
    }

    /** Record names for the first N people (201 and 202 count as one). */
    private static List<String> firstPersons(List<String> names, int n) {
        List<String> out = new ArrayList<>();
        int people = 0;
        for (String name : names) {
            if (!name.equals("202")) {
                if (people == n) {
                    break;
                }
                people++;
            }
            out.add(name);
        }
        return out;
    }

    static Map<String, Object> toJson(IdentificationReport r) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("dataset", r.dataset());
        j.put("protocol", r.protocol());
        j.put("persons", r.persons());
        // rank1 is the identifier's own decision once people are enrolled: the nearest template
        j.put("rank1", byBeats(r.rank1Template().isEmpty() ? r.rank1() : r.rank1Template()));
        j.put("rank1_template", byBeats(r.rank1Template()));
        j.put("rank1_softmax", byBeats(r.rank1())); // closed set: the network's classes, nobody enrolled
        j.put("eer", r.eer());
        j.put("frr_at_far_0.1pct", r.frrAtFar01Pct());
        ClassificationMetrics m = r.perBeat();
        j.put("accuracy", m.accuracy());
        j.put("precision", m.precision());
        j.put("recall", m.recall());
        j.put("f1", m.f1());
        j.put("specificity", m.specificity());
        j.put("confusion", m.confusion());
        j.put("classes", r.classLabels());
        Map<String, Object> eerBy = new LinkedHashMap<>();
        r.eerByBeats().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> eerBy.put(Integer.toString(e.getKey()), e.getValue()));
        j.put("eer_by_beats", eerBy);
        if (!r.eerSoftmax().isEmpty()) {
            j.put("eer_softmax", byBeats(r.eerSoftmax()));
        }
        if (!r.eerCombined().isEmpty()) {
            j.put("eer_combined", byBeats(r.eerCombined()));
        }
        if (!r.rank1GalleryNorm().isEmpty()) {
            j.put("rank1_gallery_norm", byBeats(r.rank1GalleryNorm()));
            j.put("eer_gallery_norm", byBeats(r.eerGalleryNorm()));
        }
        if (r.openSet() != null) {
            IdentificationReport.OpenSet os = r.openSet();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("enrolled", os.enrolled());
            o.put("strangers", os.strangers());
            o.put("beats_per_decision", os.beatsPerDecision());
            o.put("threshold", os.threshold());
            o.put("far", os.falseAcceptRate());
            o.put("frr", os.falseRejectRate());
            o.put("stranger_windows", os.strangerWindows());
            o.put("genuine_windows", os.genuineWindows());
            j.put("open_set", o);
        }
        if (!r.perPerson().isEmpty()) {
            List<Map<String, Object>> people = new ArrayList<>();
            for (IdentificationReport.PersonResult pr : r.perPerson()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("person", pr.person());
                o.put("windows", byBeats(pr.windows()));
                o.put("rank1", byBeats(pr.rank1()));
                o.put("rank1_template", byBeats(pr.rank1Template()));
                o.put("frr_at_eer", pr.frrAtEer());
                people.add(o);
            }
            j.put("per_person", people);
        }
        j.put("train_beats", r.trainBeats());
        j.put("test_beats", r.testBeats());
        j.put("train_seconds", r.trainSeconds());
        j.put("notes", r.notes());
        return j;
    }

    /** The people who make most of the errors: lowest template rank-1 at the longest window, most beats rejected. */
    private static void printWeakest(PrintWriter o, IdentificationReport r) {
        if (r.perPerson().isEmpty() || r.rank1Template().isEmpty()) {
            return;
        }
        int k = r.rank1Template().keySet().stream().max(Integer::compare).orElseThrow();
        String low = r.perPerson().stream().filter(p -> !Double.isNaN(p.rank1Template().getOrDefault(k, Double.NaN)))
                .sorted(Comparator.comparingDouble(p -> p.rank1Template().get(k))).limit(WEAKEST)
                .map(p -> String.format(Locale.ROOT, "%s %.1f %%", p.person(), 100 * p.rank1Template().get(k)))
                .collect(Collectors.joining(", "));
        o.printf("lowest rank-1 by nearest template, %d beat%s: %s%n", k, k == 1 ? "" : "s", low);
        String rejected = r.perPerson().stream().filter(p -> !Double.isNaN(p.frrAtEer()))
                .sorted(Comparator.comparingDouble(IdentificationReport.PersonResult::frrAtEer).reversed())
                .limit(WEAKEST).map(p -> String.format(Locale.ROOT, "%s %.1f %%", p.person(), 100 * p.frrAtEer()))
                .collect(Collectors.joining(", "));
        if (!rejected.isEmpty()) {
            o.printf("most single beats rejected at the EER threshold: %s%n", rejected);
        }
    }

    private static Map<String, Object> byBeats(Map<Integer, ? extends Number> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(Integer.toString(e.getKey()), e.getValue()));
        return out;
    }

    private static void printTable(PrintWriter o, IdentificationReport r) {
        o.printf("%s, %s, %d people, %d training beats, %d test beats (trained in %.0f s)%n", r.dataset(),
                r.protocol(), r.persons(), r.trainBeats(), r.testBeats(), r.trainSeconds());
        r.rank1Template().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.printf(
                "rank-1 by nearest template (the identifier's decision), %2d beat%s: %6.2f %%%n", e.getKey(),
                e.getKey() == 1 ? " " : "s", 100 * e.getValue()));
        r.rank1().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.printf(
                "rank-1 by softmax over the network's classes (closed set), %2d beat%s: %6.2f %%%n",
                e.getKey(), e.getKey() == 1 ? " " : "s", 100 * e.getValue()));
        o.printf("EER (1 beat): %.2f %%   FRR at 0.1 %% FAR: %.2f %%%n", 100 * r.eer(), 100 * r.frrAtFar01Pct());
        r.eerSoftmax().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.printf(
                "EER, softmax probability of the claimed person, %2d beat%s: %6.2f %%%n", e.getKey(),
                e.getKey() == 1 ? " " : "s", 100 * e.getValue()));
        r.eerCombined().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.printf(
                "EER, template and class probability combined (verify), %2d beat%s: %6.2f %%%n", e.getKey(),
                e.getKey() == 1 ? " " : "s", 100 * e.getValue()));
        r.rank1GalleryNorm().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.printf(
                "rank-1, templates ranked by gallery-normalised score, %2d beat%s: %6.2f %%   EER %6.2f %%%n",
                e.getKey(), e.getKey() == 1 ? " " : "s", 100 * e.getValue(),
                100 * r.eerGalleryNorm().getOrDefault(e.getKey(), Double.NaN)));
        ClassificationMetrics m = r.perBeat();
        o.printf("per beat: accuracy %.4f  precision %.4f  recall %.4f  F1 %.4f  specificity %.4f%n", m.accuracy(),
                m.precision(), m.recall(), m.f1(), m.specificity());
        if (r.openSet() != null) {
            IdentificationReport.OpenSet os = r.openSet();
            o.printf("open set: %d enrolled, %d strangers, %d beats per decision, threshold %.3f: FAR %.2f %%, "
                    + "FRR %.2f %%%n", os.enrolled(), os.strangers(), os.beatsPerDecision(), os.threshold(),
                    100 * os.falseAcceptRate(), 100 * os.falseRejectRate());
        }
        printWeakest(o, r);
        if (r.persons() <= 12) {
            o.println("confusion (rows: true, columns: predicted):");
            int[][] c = m.confusion();
            for (int i = 0; i < c.length; i++) {
                o.printf("%10s %s%n", r.classLabels().get(i), Arrays.toString(c[i]));
            }
        }
        r.notes().forEach(n -> o.println("note: " + n));
    }
}
