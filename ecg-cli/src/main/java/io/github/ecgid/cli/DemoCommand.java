package io.github.ecgid.cli;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.hrv.HrvAnalyzer;
import io.github.ecgid.hrv.HrvReport;
import io.github.ecgid.eval.ClassificationMetrics;
import io.github.ecgid.eval.IdentificationEvaluation;
import io.github.ecgid.model.identify.VerificationMetrics;
import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.Identification;
import io.github.ecgid.model.identify.PersonTemplate;
import io.github.ecgid.model.identify.Verification;
import io.github.ecgid.model.nn.TrainingOptions;
import io.github.ecgid.model.nn.TrainingSet;
import io.github.ecgid.model.train.IdentityTrainer;
import io.github.ecgid.report.EcgReport;
import io.github.ecgid.signal.preprocess.CleanSignal;
import io.github.ecgid.signal.preprocess.Preprocessor;
import io.github.ecgid.signal.detect.RPeakDetectors;
import io.github.ecgid.signal.detect.RPeaks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecgid demo}: the whole product on embedded synthetic people, no data and no network needed.
 * Synthesises people, trains the network in pure Java, evaluates on held-back sessions with the origin's
 * table, enrolls people the network never saw, and writes a self-contained HTML report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run ecgid end to end on synthetic people (no downloads): synthesise, train, evaluate "
            + "on held-back sessions, enroll unseen people, and write an HTML report."})
final class DemoCommand implements Callable<Integer> {
    private static final double FS = 250;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--persons", defaultValue = "6", description = "people to train on (default: ${DEFAULT-VALUE}, "
            + "as the origin)")
    int persons;

    @Option(names = "--seconds", defaultValue = "120", description = "seconds per synthetic session "
            + "(default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--epochs", defaultValue = "25", description = "most training epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--report", defaultValue = "ecgid-report.html", description = "HTML report to write "
            + "(default: ${DEFAULT-VALUE})")
    Path report;

    @Option(names = "--narrative", description = "add an AI-written narrative to the report (key in DEEPSEEK_API_KEY "
            + "or ECGID_LLM_API_KEY; sends aggregate metrics only)")
    boolean narrative;

    @Option(names = "--dataset", description = "run on real recordings instead: mitdb (time split, minutes 0-5 / "
            + "20-30) or ecgiddb (record-disjoint), first --persons people")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "the data set folder (default: <ECGID_DATA>/<dataset>)")
    Path data;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() {
        if (persons < 2 || persons > 40) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--persons must be in 2..40");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        if (dataset != null) {
            return realData(out, err, t0);
        }
        // persons 1..N are the origin-style closed set; N+1..N+3 are strangers enrolled later without retraining
        // (the last of them never enrolled); the calibrationPeople after them, never enrolled either, set the
        // open-set threshold
        int strangers = 3;
        int calibrationPeople = 20;
        SyntheticCohort cohort = SyntheticCohort.of(persons + strangers + calibrationPeople, seed).withSessions(3)
                .withDurationSeconds(seconds);
        BeatPipeline pipeline = new BeatPipeline(FS, 50, "pan-tompkins", true);

        step(err, "1/5 synthesising %d people x 3 sessions of %.0f s at %.0f Hz and extracting beats", persons + strangers,
                seconds, FS);
        List<IdentificationEvaluation.Subject> subjects = new ArrayList<>();
        List<float[]> trainBeats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int p = 1; p <= persons; p++) {
            String name = String.format(Locale.ROOT, "person-%02d", p);
            names.add(name);
            List<float[]> tr = new ArrayList<>();
            for (int s = 1; s <= 2; s++) {
                for (float[] b : pipeline.extract(cohort.recording(p, s).record().lead(0)).beats()) {
                    tr.add(b);
                    trainBeats.add(b);
                    labels.add(p - 1);
                }
            }
            float[][] test = pipeline.extract(cohort.recording(p, 3).record().lead(0)).beats();
            subjects.add(new IdentificationEvaluation.Subject(name, tr.toArray(new float[0][]), List.<float[][]>of(test)));
            progress(err, p, persons);
        }
        TrainingSet data = TrainingSet.of(trainBeats.toArray(new float[0][]),
                labels.stream().mapToInt(i -> i).toArray(), names);

        step(err, "2/5 training the LightweightCNN in pure Java on %d beats (sessions 1-2)", data.size());
        TrainingOptions options = TrainingOptions.builder().epochs(epochs).earlyStoppingPatience(8).seed(seed).build();
        IdentityTrainer.Trained trained = IdentityTrainer.builder().samplingRateHz(FS).powerLineHz(50)
                .options(options).augmentation(1).listener(m -> bar(err, m.epoch(), m.maxEpochs(), String.format(
                        Locale.ROOT, "loss %.3f  val acc %.3f", m.trainLoss(), m.validationAccuracy())))
                .build().train(data);
        try (EcgIdentifier ecgid = EcgIdentifier.builder().samplingRateHz(FS).powerLineHz(50).model(trained.model())
                .build()) {
            err.println();

            step(err, "3/5 evaluating on held-back session 3 (the origin's table, closed set, per beat)");
            int[][] confusion = new int[persons][persons];
            for (int p = 0; p < persons; p++) {
                for (float[] beat : subjects.get(p).testSegments().get(0)) {
                    Identification who = ecgid.identify(new float[][] {beat});
                    confusion[p][names.indexOf(who.personId())]++;
                }
            }
            ClassificationMetrics m = ClassificationMetrics.fromConfusion(confusion);
            printTable(out, m, names);

            step(err, "4/5 enrolling %d people the network never saw (no retraining) and verifying", strangers);
            for (int p = 1; p <= persons; p++) {
                ecgid.enroll(names.get(p - 1), subjects.get(p - 1).trainBeats());
            }
            List<String> strangerNames = new ArrayList<>();
            for (int p = persons + 1; p <= persons + strangers - 1; p++) {
                String name = String.format(Locale.ROOT, "new-%02d", p);
                strangerNames.add(name);
                ecgid.enroll(name, cohort.recording(p, 1).record());
            }
            // with few people enrolled, strangers tell the threshold more than the enrolled people's own beats
            List<float[][]> calibrationCohort = new ArrayList<>();
            for (int p = persons + strangers + 1; p <= persons + strangers + calibrationPeople; p++) {
                calibrationCohort.add(ecgid.beats(cohort.recording(p, 1).record()));
            }
            double threshold = ecgid.calibrateOnCohort(calibrationCohort, 0.01);
            out.printf(Locale.ROOT, "%nOpen set: %d templates, threshold %.3f (cosine, calibrated for 1 %% false accepts "
                    + "on %d people who are not enrolled)%n", ecgid.templates().size(), threshold, calibrationPeople);
            for (String name : strangerNames) {
                int p = Integer.parseInt(name.substring(4));
                Identification who = ecgid.identify(cohort.recording(p, 2).record());
                out.printf(Locale.ROOT, "  %s, new session      -> %s%n", name, who);
            }
            int nobody = persons + strangers;
            Identification unknown = ecgid.identify(cohort.recording(nobody, 2).record());
            out.printf(Locale.ROOT, "  never-enrolled person -> %s%n", unknown);
            Verification v = ecgid.verify(names.get(0), cohort.recording(1, 3).record());
            Verification f = ecgid.verify(names.get(0), cohort.recording(2, 3).record());
            out.printf(Locale.ROOT, "  verify %s with own ECG: %s (score %.3f); with %s's ECG: %s (score %.3f)%n",
                    names.get(0), v.accepted() ? "accepted" : "rejected", v.score(), names.get(1),
                    f.accepted() ? "accepted" : "rejected", f.score());

            step(err, "5/5 HRV and report");
            EcgRecord rec = cohort.recording(1, 3).record();
            double[] raw = rec.lead(0);
            CleanSignal clean = Preprocessor.builder(FS).noTrim().notch(50).build().apply(raw);
            RPeaks peaks = RPeakDetectors.byName("pan-tompkins").detect(clean.samplesMv(), FS);
            HrvReport hrv = HrvAnalyzer.defaults().analyzePeaks(toLong(peaks.indexSamples()), FS);
            VerificationMetrics vm = verificationScores(ecgid, subjects);
            Identification who = ecgid.identify(rec);
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("Source", rec.source());
            facts.put("Sampling rate", FS + " Hz");
            facts.put("Duration", String.format(Locale.ROOT, "%.1f s", rec.durationSeconds()));
            facts.put("R-peaks detected", Integer.toString(peaks.count()));
            facts.put("Beats used for identification", Integer.toString(who.beatsUsed()));
            facts.put("Mean heart rate", String.format(Locale.ROOT, "%.1f bpm", 60000 / hrv.time().meanNnMs()));
            EcgReport.Builder rb = EcgReport.builder("ecgid demo: " + persons + " synthetic people")
                    .summary(facts).signal(raw, clean.samplesMv(), FS, peaks.indexSamples())
                    .beats(names.get(0), subjects.get(0).testSegments().get(0))
                    .beats(names.get(1), subjects.get(1).testSegments().get(0))
                    .hrv(peaks.rrIntervalsMs(), hrv)
                    .spectrum(HrvAnalyzer.defaults().spectrum(io.github.ecgid.hrv.RrSeries.fromPeaks(peaks.indexSamples(),
                            FS)))
                    .training(trained.history())
                    .classification(m, names)
                    .verification(vm)
                    .identification(who);
            if (narrative) {
                addNarrative(rb, err, io.github.ecgid.report.NarrativeFacts.builder("ecgid demo: " + persons
                        + " synthetic people, closed-set identification per beat and open-set verification")
                        .quality("Duration of the shown recording (s)", rec.durationSeconds())
                        .quality("R-peaks detected", peaks.count())
                        .hrv(hrv)
                        .metric("Accuracy", m.accuracy()).metric("Precision (weighted)", m.precision())
                        .metric("Recall (weighted)", m.recall()).metric("F1 (weighted)", m.f1())
                        .metric("Specificity (mean)", m.specificity()).metric("Verification EER", vm.eer())
                        .metric("Beats evaluated", m.total()).build());
            }
            rb.build().write(report);
            out.printf(Locale.ROOT, "%nReport: %s%n", report.toAbsolutePath().normalize());
            out.printf(Locale.ROOT, "Done in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
        }
        out.flush();
        return 0;
    }

    private static void addNarrative(EcgReport.Builder rb, PrintWriter err, io.github.ecgid.report.NarrativeFacts f) {
        java.util.Optional<io.github.ecgid.report.NarrativeClient> client =
                io.github.ecgid.report.NarrativeClient.fromEnvironment();
        if (client.isEmpty()) {
            err.println("[demo] --narrative: neither DEEPSEEK_API_KEY nor ECGID_LLM_API_KEY is set; narrative off");
            rb.narrativeOff("The AI narrative is off: --narrative was given but no API key was set "
                    + "(DEEPSEEK_API_KEY or ECGID_LLM_API_KEY).");
            return;
        }
        try {
            rb.narrative(client.get().write(f));
        } catch (io.github.ecgid.report.NarrativeException e) {
            err.println("[demo] no narrative: " + e.getMessage());
            rb.narrativeOff("The AI narrative could not be written: " + e.getMessage());
        }
    }

    /** The same experiment on real recordings: train, the origin's table on held-out data, open-set check. */
    private int realData(PrintWriter out, PrintWriter err, long t0) {
        if (!dataset.equals("mitdb") && !dataset.equals("ecgiddb")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dataset must be mitdb or ecgiddb");
        }
        Path dir = data != null ? data : io.github.ecgid.core.data.DataLocation.resolve().dataset(dataset);
        step(err, "1/3 extracting beats of the first %d people of %s", persons, dir);
        List<IdentificationEvaluation.Subject> subjects;
        double fs;
        String protocol;
        if (dataset.equals("mitdb")) {
            io.github.ecgid.core.data.MitDb db = io.github.ecgid.core.data.MitDb.open(dir);
            List<String> records = new ArrayList<>(db.recordNames());
            records.remove("202");
            records = records.subList(0, Math.min(persons, records.size()));
            fs = db.read(records.get(0)).samplingRateHz();
            protocol = "time-split";
            subjects = io.github.ecgid.eval.Protocols.mitdbTimeSplit(db, records,
                    new BeatPipeline(fs, 60, "pan-tompkins", true), line -> err.println("  " + line));
        } else {
            io.github.ecgid.core.data.EcgIdDb db = io.github.ecgid.core.data.EcgIdDb.open(dir);
            fs = 500;
            protocol = "record-disjoint";
            List<IdentificationEvaluation.Subject> all = io.github.ecgid.eval.Protocols.ecgiddbRecordDisjoint(db,
                    io.github.ecgid.core.data.EcgIdDb.Channel.RAW, new BeatPipeline(fs, 50, "pan-tompkins", true),
                    new ArrayList<>(), line -> err.println("  " + line));
            subjects = all.subList(0, Math.min(persons, all.size()));
        }
        step(err, "2/3 training and evaluating (%s, %d people)", protocol, subjects.size());
        io.github.ecgid.eval.IdentificationReport r = IdentificationEvaluation.builder(dataset, protocol, fs)
                .subjects(subjects).beatCounts(1, 5, 10).augmentation(1)
                .training(TrainingOptions.builder().epochs(epochs).seed(seed).build())
                .listener(m -> bar(err, m.epoch(), m.maxEpochs(), String.format(Locale.ROOT, "loss %.3f  val acc %.3f",
                        m.trainLoss(), m.validationAccuracy())))
                .build().run();
        err.println();
        List<String> names = r.classLabels();
        out.printf(Locale.ROOT, "%s, %s, %d people: rank-1 %.1f %% (1 beat), %.1f %% (10 beats), EER %.2f %%%n",
                dataset, protocol, r.persons(), 100 * r.rank1().get(1), 100 * r.rank1().get(10), 100 * r.eer());
        printTable(out, r.perBeat(), names);
        if (r.openSet() != null) {
            out.printf(Locale.ROOT, "%nOpen set: %d enrolled, %d strangers: FAR %.1f %%, FRR %.1f %% (threshold %.3f)%n",
                    r.openSet().enrolled(), r.openSet().strangers(), 100 * r.openSet().falseAcceptRate(),
                    100 * r.openSet().falseRejectRate(), r.openSet().threshold());
        }
        step(err, "3/3 report");
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Data", dir.toString());
        facts.put("Protocol", protocol);
        facts.put("People", Integer.toString(r.persons()));
        facts.put("Training beats", Integer.toString(r.trainBeats()));
        facts.put("Test beats", Integer.toString(r.testBeats()));
        EcgReport.builder("ecgid demo: " + dataset + ", " + r.persons() + " people").summary(facts)
                .beats(names.get(0), subjects.get(0).trainBeats())
                .classification(r.perBeat(), names).build().write(report);
        out.printf(Locale.ROOT, "%nReport: %s%nDone in %.1f s.%n", report.toAbsolutePath().normalize(),
                (System.nanoTime() - t0) / 1e9);
        out.flush();
        return 0;
    }

    private static VerificationMetrics verificationScores(EcgIdentifier ecgid,
                                                          List<IdentificationEvaluation.Subject> subjects) {
        List<Double> genuine = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        for (IdentificationEvaluation.Subject s : subjects) {
            float[][] test = s.testSegments().get(0);
            for (int i = 0; i + 5 <= test.length; i += 5) {
                float[][] window = java.util.Arrays.copyOfRange(test, i, i + 5);
                for (PersonTemplate t : ecgid.templates()) {
                    Verification v = ecgid.verify(t.personId(), window);
                    (t.personId().equals(s.id()) ? genuine : impostor).add(v.score());
                }
            }
        }
        return VerificationMetrics.of(genuine.stream().mapToDouble(Double::doubleValue).toArray(),
                impostor.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static long[] toLong(int[] a) {
        long[] l = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            l[i] = a[i];
        }
        return l;
    }

    static void printTable(PrintWriter out, ClassificationMetrics m, List<String> names) {
        out.printf(Locale.ROOT, "%nHeld-back session, per beat (%d beats):%n", m.total());
        out.printf(Locale.ROOT, "  accuracy     %.4f%n  precision    %.4f%n  recall       %.4f%n  F1           %.4f%n"
                + "  specificity  %.4f%n", m.accuracy(), m.precision(), m.recall(), m.f1(), m.specificity());
        out.println("Confusion matrix (rows: true, columns: predicted):");
        int[][] c = m.confusion();
        out.print("             ");
        for (int j = 0; j < c.length; j++) {
            out.printf(Locale.ROOT, "%5d", j + 1);
        }
        out.println();
        for (int i = 0; i < c.length; i++) {
            out.printf(Locale.ROOT, "  %-10s ", names.get(i));
            for (int v : c[i]) {
                out.printf(Locale.ROOT, "%5d", v);
            }
            out.println();
        }
    }

    private static void step(PrintWriter err, String fmt, Object... args) {
        err.printf(Locale.ROOT, "[demo] " + fmt + "%n", args);
        err.flush();
    }

    private static void progress(PrintWriter err, int done, int total) {
        bar(err, done, total, "people");
        if (done == total) {
            err.println();
        }
    }

    private static void bar(PrintWriter err, int done, int total, String text) {
        int w = 30;
        int filled = (int) Math.round(w * (double) done / total);
        err.printf(Locale.ROOT, "\r  [%s%s] %d/%d %s   ", "#".repeat(filled), ".".repeat(w - filled), done, total, text);
        err.flush();
    }
}
