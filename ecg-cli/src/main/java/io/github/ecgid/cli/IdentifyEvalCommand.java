package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ecgid.core.data.DataLocation;
import io.github.ecgid.core.data.EcgIdDb;
import io.github.ecgid.core.data.MitDb;
import io.github.ecgid.model.eval.ClassificationMetrics;
import io.github.ecgid.model.eval.IdentificationEvaluation;
import io.github.ecgid.model.eval.IdentificationEvaluation.Subject;
import io.github.ecgid.model.eval.IdentificationReport;
import io.github.ecgid.model.eval.PersonDisjointEvaluation;
import io.github.ecgid.model.eval.Protocols;
import io.github.ecgid.model.identify.BeatPipeline;
import io.github.ecgid.model.identify.Matcher;
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
            "person-disjoint (either dataset): the people are dealt into --folds folds; each fold's network is "
                + "trained on the other folds' people (all their recordings), then the held-out people are enrolled "
                + "from their enrollment recording and identified on the others by nearest template.",
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

    @Option(names = "--power-line", paramLabel = "HZ", description = "--dataset wfdb and --strangers: mains "
            + "frequency to notch, 50 or 60 (default: 50)")
    Double powerLineHz;

    @Option(names = "--protocol", description = "time-split (mitdb), record-disjoint (ecgiddb), person-disjoint "
            + "or beat-random (default: the dataset's disjoint protocol)")
    String protocol;

    @Option(names = "--folds", description = "person folds of --protocol person-disjoint (default 2) and --recipe "
            + "(default 5); 1 holds everybody out and needs --background")
    Integer folds;

    @Option(names = "--background", paramLabel = "DATASET", description = "also train the network (every fold's, "
            + "in person-disjoint) on this other database's people as extra classes, never enrolled or tested "
            + "(mitdb: minutes 0-5 of each record; ecgiddb: all records)")
    Dataset background;

    @Option(names = "--background-db", paramLabel = "DIR", description = "folder of --background (default: from "
            + "ECGID_DATA)")
    Path backgroundDb;

    @Option(names = "--background-max-beats", defaultValue = "200", paramLabel = "N", description = "at most N "
            + "beats per --background person, evenly spread (default: ${DEFAULT-VALUE})")
    int backgroundMaxBeats;

    @Option(names = "--beats", split = ",", defaultValue = "1,5,10",
            description = "beats fused per decision (default: ${DEFAULT-VALUE})")
    int[] beats;

    @Option(names = "--persons", paramLabel = "N", description = "use only the first N people (e.g. 6, the origin's size)")
    Integer persons;

    @Option(names = "--records", split = ",", description = "mitdb records to use (default: all in RECORDS)")
    List<String> records;

    @Option(names = "--epochs", defaultValue = "30", description = "most training epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--channel", defaultValue = "RAW", description = "ecgiddb channel: RAW (lead I as recorded, "
            + "through our preprocessing) or FILTERED (the database's filtered copy) (default: ${DEFAULT-VALUE})")
    EcgIdDb.Channel channel;

    @CommandLine.Mixin
    AugmentOptions augment;

    @CommandLine.Mixin
    LossOptions loss;

    @Option(names = "--seed-clip", description = "cut beats from the seed's literal chain, amplitude clip at median "
            + "+- 5*1.4826*MAD included (the default skips the clip: it flattens R waves)")
    boolean seedClip;

    @CommandLine.Mixin
    GateOptions gate;

    @Option(names = "--matcher", paramLabel = "MATCHER", description = "what templates compare: fused (default: "
            + "whitened network embedding and whitened waveform projection, equal weights), network, waveform, or "
            + "embedding (the centred embedding, unwhitened: ecgid before 2026-12-02)")
    String matcher;

    @Option(names = "--adapt-templates", paramLabel = "RATE", defaultValue = "0", description = "also measure "
            + "rank-1 with template adaptation at this rate in (0, 1] (accepted windows move the winner's nearest "
            + "mode; JSON key adaptation); time-split, record-disjoint and beat-random only (default: off)")
    double adaptTemplates;

    @Option(names = "--test-minutes", paramLabel = "FROM-TO", description = "mitdb time-split: the minutes tested "
            + "(default 20-30, the protocol); e.g. 10-20 as a validation window to choose settings on")
    String testMinutes;

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
        BeatPipeline p = new BeatPipeline(fs, mainsHz, "pan-tompkins", true);
        p = gate.apply(p);
        return seedClip ? p.withSeedClip() : p;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (model != null && recipe != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model evaluates a trained model and "
                    + "--recipe trains networks to evaluate a recipe: give one of them");
        }
        if (recipe != null) {
            return new ModelEvaluations(spec.commandLine(), json, out).recipe(recipe, folds == null ? 5 : folds, seed);
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
        int folds = this.folds == null ? 2 : this.folds;
        String proto = protocol != null ? protocol : dataset == Dataset.mitdb ? "time-split" : "record-disjoint";
        if (!List.of("time-split", "record-disjoint", "beat-random", "person-disjoint").contains(proto)
                || (dataset == Dataset.mitdb && proto.equals("record-disjoint"))
                || (dataset == Dataset.ecgiddb && proto.equals("time-split"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "protocol " + proto + " does not apply to "
                    + dataset + "; use " + (dataset == Dataset.mitdb ? "time-split" : "record-disjoint")
                    + ", person-disjoint or beat-random");
        }
        if (matcher != null && !List.of("fused", "network", "waveform", "embedding").contains(matcher)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--matcher must be fused, network, waveform"
                    + " or embedding, got " + matcher);
        }
        if (folds < (background != null ? 1 : 2)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--folds must be at least "
                    + (background != null ? "1" : "2 (1 only with --background)") + ", got " + folds);
        }
        if (!(adaptTemplates >= 0 && adaptTemplates <= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--adapt-templates must be in [0, 1], got " + adaptTemplates);
        }
        if (adaptTemplates > 0 && proto.equals(PersonDisjointEvaluation.PROTOCOL)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--adapt-templates is measured by time-split, record-disjoint and beat-random, not person-disjoint");
        }
        if (background != null && background == dataset) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--background must be a database other "
                    + "than --dataset");
        }
        if (testMinutes != null && !(dataset == Dataset.mitdb && proto.equals("time-split"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--test-minutes applies to the mitdb "
                    + "time-split only");
        }
        double[] window = testWindow(); // a malformed window is a usage error before any data is read
        BeatAugmenter augmenter = augment.augmenter(spec.commandLine());
        Path dir = db != null ? db : DataLocation.resolve().dataset(dataset.name());
        List<String> notes = new ArrayList<>();
        List<Subject> extra = new ArrayList<>();
        if (background != null) {
            Path bgDir = backgroundDb != null ? backgroundDb : DataLocation.resolve().dataset(background.name());
            for (Subject s : background == Dataset.mitdb
                    ? Protocols.mitdbTimeSplit(MitDb.open(bgDir), MitDb.open(bgDir).recordNames(),
                            pipeline(360, 60), line -> { })
                    : Protocols.ecgiddbRecordDisjoint(EcgIdDb.open(bgDir), channel,
                            pipeline(500, 50), new ArrayList<>(), line -> { })) {
                List<float[]> all = new ArrayList<>(Arrays.asList(s.trainBeats()));
                if (background == Dataset.ecgiddb) {
                    s.testSegments().forEach(seg -> all.addAll(Arrays.asList(seg)));
                }
                extra.add(new Subject(background.name() + ":" + s.id(), spread(all, backgroundMaxBeats), List.of()));
            }
            progress(err, "background: " + extra.size() + " people of " + background);
            notes.add("background: " + extra.size() + " people of " + background + " (at most " + backgroundMaxBeats
                    + " beats each) train every fold's network");
        }
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
                    line -> progress(err, line));
            if (testMinutes != null) {
                notes.add("tested on minutes " + testMinutes + " instead of 20-30");
            }
        } else {
            EcgIdDb ecgid = EcgIdDb.open(dir);
            fs = 500;
            BeatPipeline pipeline = pipeline(fs, 50);
            subjects = Protocols.ecgiddbRecordDisjoint(ecgid, channel, pipeline, notes, line -> progress(err, line));
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
        Matcher chosenMatcher = matcher == null ? null : Matcher.valueOf(matcher.toUpperCase(java.util.Locale.ROOT));
        if (chosenMatcher != null) {
            notes.add("matcher: " + matcher);
        }
        if (augment.copies > 0) {
            notes.add("augmentation: " + augment.copies + " " + augment.kind + " cop"
                    + (augment.copies == 1 ? "y" : "ies") + " of each training beat");
        }
        if (seedClip) {
            notes.add("beats cut from the seed's literal chain (amplitude clip at median +- 5*1.4826*MAD)");
        }
        if (proto.equals("beat-random")) {
            subjects = Protocols.beatRandom(subjects, seed);
            notes.add("beat-random: neighbouring beats of one session fall on both sides of the split (optimistic)");
        }
        TrainingOptions options = loss.build(spec.commandLine(),
                TrainingOptions.builder().epochs(epochs).seed(seed).threads(2));
        TrainingListener listener = m -> progress(err, String.format("epoch %d/%d  loss %.4f  acc %.3f  val acc %.3f  "
                + "lr %.1e  %.0f s", m.epoch(), m.maxEpochs(), m.trainLoss(), m.trainAccuracy(),
                m.validationAccuracy(), m.learningRate(), m.elapsedSeconds()));
        IdentificationReport r;
        if (proto.equals(PersonDisjointEvaluation.PROTOCOL)) {
            r = PersonDisjointEvaluation.builder(dataset.name(), fs).subjects(subjects).folds(folds).seed(seed)
                    .extraBackground(extra)
                    .beatCounts(beats).training(options).augmentation(augment.copies, augmenter).notes(notes)
                    .listener(listener).matcher(chosenMatcher).progress(line -> progress(err, line)).build().run();
        } else {
            r = IdentificationEvaluation.builder(dataset.name(), proto, fs)
                    .subjects(subjects).beatCounts(beats).training(options)
                    .augmentation(augment.copies, augmenter).notes(notes).extraBackground(extra).listener(listener)
                    .matcher(chosenMatcher).templateAdaptation(adaptTemplates).build().run();
        }
        Map<String, Object> j = toJson(r);
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(j);
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

    /** At most {@code max} of the beats, evenly spread over them. */
    private static float[][] spread(List<float[]> beats, int max) {
        if (beats.size() <= max) {
            return beats.toArray(new float[0][]);
        }
        float[][] out = new float[max][];
        for (int i = 0; i < max; i++) {
            out[i] = beats.get((int) ((long) i * beats.size() / max));
        }
        return out;
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

    private static void progress(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }

    static Map<String, Object> toJson(IdentificationReport r) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("dataset", r.dataset());
        j.put("protocol", r.protocol());
        j.put("persons", r.persons());
        // rank1 is the identifier's own decision once people are enrolled: the nearest template
        j.put("rank1", byBeats(r.rank1Template().isEmpty() ? r.rank1() : r.rank1Template()));
        j.put("rank1_template", byBeats(r.rank1Template()));
        if (r.personDisjoint() == null) {
            j.put("rank1_softmax", byBeats(r.rank1())); // closed set: the network's classes, nobody enrolled
        }
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
        if (r.adaptation() != null) {
            IdentificationReport.Adaptation a = r.adaptation();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("rate", a.rate());
            o.put("threshold", byBeats(a.thresholds()));
            o.put("rank1", byBeats(a.rank1()));
            o.put("updates", byBeats(a.updates()));
            o.put("wrong_updates", byBeats(a.wrongUpdates()));
            j.put("adaptation", o);
        }
        if (r.personDisjoint() != null) {
            IdentificationReport.PersonDisjoint pd = r.personDisjoint();
            j.put("folds", pd.folds());
            j.put("gallery", pd.meanGallerySize());
            j.put("full_gallery", pd.fullGallerySize());
            j.put("rank1_full_gallery", byBeats(pd.rank1FullGallery()));
            j.put("eer_mean_embedding", byBeats(pd.eerMeanEmbedding()));
            j.put("rank1_znorm", byBeats(pd.rank1ZNorm()));
            j.put("eer_znorm", byBeats(pd.eerZNorm()));
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
        if (r.personDisjoint() == null) {
            r.rank1().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.printf(
                    "rank-1 by softmax over the network's classes (closed set), %2d beat%s: %6.2f %%%n",
                    e.getKey(), e.getKey() == 1 ? " " : "s", 100 * e.getValue()));
        }
        if (r.personDisjoint() != null) {
            IdentificationReport.PersonDisjoint pd = r.personDisjoint();
            o.printf("person-disjoint: %d folds, gallery %.1f held-out people per fold (rank-1 above is by nearest "
                    + "template among them)%n", pd.folds(), pd.meanGallerySize());
            pd.rank1FullGallery().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.printf(
                    "rank-1 against all %d templates (background people as distractors), %2d beat%s: %6.2f %%%n",
                    pd.fullGallerySize(), e.getKey(), e.getKey() == 1 ? " " : "s", 100 * e.getValue()));
            pd.eerMeanEmbedding().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.printf(
                    "EER, cosine of the mean embedding, %2d beat%s: %6.2f %%%n", e.getKey(),
                    e.getKey() == 1 ? " " : "s", 100 * e.getValue()));
            pd.rank1ZNorm().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.printf(
                    "rank-1, Z-normalised scores, %2d beat%s: %6.2f %%   EER %6.2f %%%n", e.getKey(),
                    e.getKey() == 1 ? " " : "s", 100 * e.getValue(), 100 * pd.eerZNorm().getOrDefault(e.getKey(),
                            Double.NaN)));
        }
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
        if (r.adaptation() != null) {
            IdentificationReport.Adaptation a = r.adaptation();
            a.rank1().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.printf(
                    "rank-1 with template adaptation (rate %.2f, threshold %.3f), %2d beat%s: %6.2f %% (%d updates, "
                            + "%d of another person's template)%n", a.rate(), a.thresholds().get(e.getKey()), e.getKey(),
                    e.getKey() == 1 ? " " : "s", 100 * e.getValue(), a.updates().get(e.getKey()),
                    a.wrongUpdates().get(e.getKey())));
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
