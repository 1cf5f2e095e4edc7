package io.github.ecgid.eval;

import io.github.ecgid.model.Prediction;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.GalleryNorm;
import io.github.ecgid.model.identify.Identification;
import io.github.ecgid.model.identify.PersonTemplate;
import io.github.ecgid.model.identify.VerificationMetrics;
import io.github.ecgid.model.math.Embeddings;
import io.github.ecgid.model.nn.BeatAugmenter;
import io.github.ecgid.model.nn.TrainingListener;
import io.github.ecgid.model.nn.TrainingOptions;
import io.github.ecgid.model.nn.TrainingSet;
import io.github.ecgid.model.train.IdentityTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one identification experiment through the product API ({@link EcgIdentifier}): trains the network on
 * every subject's training beats, then scores the held-out beats closed-set (rank-1 with 1, 5, 10... beats
 * fused), as verification against templates (EER, FRR at 0.1 % FAR), and open-set (half the people enrolled,
 * the other half presented as strangers, the threshold set on strangers who are not presented). Which beats are "training" and which "test" is the protocol's
 * business: see {@link Subject}.
 *
 * <pre>{@code
 * IdentificationReport r = IdentificationEvaluation.builder("mitdb", "time-split", 360)
 *         .subjects(subjects).beatCounts(1, 5, 10).training(TrainingOptions.defaults()).build().run();
 * }</pre>
 */
public final class IdentificationEvaluation {
    private final Builder b;

    private IdentificationEvaluation(Builder b) {
        this.b = b;
    }

    /**
     * One person's beats.
     *
     * @param id            the person's label
     * @param trainBeats    beats to train (and enroll) on, {@code [beat][175]}
     * @param testSegments  held-out beats, one array per contiguous recording stretch (windows never span two)
     */
    public record Subject(String id, float[][] trainBeats, List<float[][]> testSegments) {
        public Subject {
            Objects.requireNonNull(id, "id");
            testSegments = List.copyOf(testSegments);
        }

        int testBeatCount() {
            return testSegments.stream().mapToInt(s -> s.length).sum();
        }

        /** Training beats then every test segment's beats, in order (a background person trains on all of them). */
        List<float[]> allBeats() {
            List<float[]> all = new ArrayList<>(Arrays.asList(trainBeats));
            for (float[][] seg : testSegments) {
                all.addAll(Arrays.asList(seg));
            }
            return all;
        }
    }

    public static Builder builder(String dataset, String protocol, double samplingRateHz) {
        return new Builder(dataset, protocol, samplingRateHz);
    }

    /** Trains and evaluates. */
    public IdentificationReport run() {
        List<Subject> subjects = b.subjects;
        List<String> labels = subjects.stream().map(Subject::id).toList();
        List<float[]> beats = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int p = 0; p < subjects.size(); p++) {
            for (float[] beat : subjects.get(p).trainBeats()) {
                beats.add(beat);
                y.add(p);
            }
        }
        TrainingSet data = TrainingSet.of(beats.toArray(new float[0][]), y.stream().mapToInt(i -> i).toArray(), labels);
        long t0 = System.nanoTime();
        IdentityTrainer.Trained trained = IdentityTrainer.builder().samplingRateHz(b.samplingRateHz)
                .options(b.options).augmentation(b.augmentCopies, b.augmenter).listener(b.listener)
                .beatsPerDecision(b.openSetBeats).build().train(data);
        try (EcgIdentifier id = EcgIdentifier.builder().samplingRateHz(b.samplingRateHz).model(trained.model())
                .build()) {
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            return score(id, subjects, labels, data.size(), trainSeconds);
        }
    }

    private IdentificationReport score(EcgIdentifier id, List<Subject> subjects, List<String> labels, int trainBeats,
                                       double trainSeconds) {
        int n = subjects.size();
        // per subject, per segment: probabilities and centered unit embeddings of every test beat
        List<List<float[][]>> probs = new ArrayList<>();
        List<List<float[][]>> embs = new ArrayList<>();
        int testBeats = 0;
        for (Subject s : subjects) {
            List<float[][]> ps = new ArrayList<>();
            List<float[][]> es = new ArrayList<>();
            for (float[][] seg : s.testSegments()) {
                if (seg.length == 0) {
                    continue;
                }
                List<Prediction> pred = id.predictions(seg);
                float[][] p = new float[seg.length][];
                for (int i = 0; i < seg.length; i++) {
                    p[i] = pred.get(i).probabilities();
                }
                ps.add(p);
                es.add(id.identityVectors(seg));
                testBeats += seg.length;
            }
            probs.add(ps);
            embs.add(es);
        }
        // closed set: rank-1 by fused beats, and the per-beat table
        Map<Integer, Double> rank1 = new LinkedHashMap<>();
        int[][] confusion = new int[n][n];
        for (int k : b.beatCounts) {
            long right = 0;
            long total = 0;
            for (int p = 0; p < n; p++) {
                for (float[][] seg : probs.get(p)) {
                    for (int start = 0; start + k <= seg.length; start += k) {
                        int guess = argmaxMean(seg, start, k, n);
                        right += guess == p ? 1 : 0;
                        total++;
                        if (k == 1) {
                            confusion[p][guess]++;
                        }
                    }
                }
            }
            rank1.put(k, total == 0 ? Double.NaN : (double) right / total);
        }
        if (!rank1.containsKey(1)) {
            for (int p = 0; p < n; p++) {
                for (float[][] seg : probs.get(p)) {
                    for (int i = 0; i < seg.length; i++) {
                        confusion[p][argmaxMean(seg, i, 1, n)]++;
                    }
                }
            }
        }
        // verification against templates made from the training beats
        for (int p = 0; p < n; p++) {
            id.enroll(labels.get(p), subjects.get(p).trainBeats());
        }
        List<PersonTemplate> templates = id.templates();
        Map<Integer, Double> rank1Template = new LinkedHashMap<>();
        Map<Integer, Double> eerByBeats = new LinkedHashMap<>();
        Map<Integer, Double> eerSoftmax = new LinkedHashMap<>();
        Map<Integer, Double> eerCombined = new LinkedHashMap<>();
        Map<Integer, Double> rank1GalleryNorm = new LinkedHashMap<>();
        Map<Integer, Double> eerGalleryNorm = new LinkedHashMap<>();
        GalleryNorm norm = n >= GalleryNorm.MIN_PEOPLE ? GalleryNorm.of(templates) : null;
        double frrAtFar = Double.NaN;
        double eerThreshold = Double.NaN;
        Map<Integer, WindowScores> templateScores = new LinkedHashMap<>();
        Map<Integer, WindowScores> softmaxScores = new LinkedHashMap<>();
        for (int k : b.beatCounts) {
            // templates: the window's mean identity vector against each template's nearest mode, as the
            // identifier scores
            WindowScores t = WindowScores.of(embs, n, k, (seg, start) -> {
                float[] mean = Embeddings.meanDirection(seg, start, k);
                double[] s = new double[n];
                for (int q = 0; q < n; q++) {
                    s[q] = templates.get(q).score(mean);
                }
                return s;
            });
            if (t.windows() == 0) {
                rank1Template.put(k, Double.NaN);
                continue;
            }
            rank1Template.put(k, t.rank1());
            templateScores.put(k, t);
            if (norm != null) {
                // as EcgIdentifier ranks with galleryNormalization(true)
                WindowScores z = t.mapped((q, cosine) -> norm.normalize(templates.get(q).personId(), cosine));
                rank1GalleryNorm.put(k, z.rank1());
                eerGalleryNorm.put(k, VerificationMetrics.of(z.genuine(), z.impostor()).eer());
            }
            VerificationMetrics vm = VerificationMetrics.of(t.genuine(), t.impostor());
            eerByBeats.put(k, vm.eer());
            if (k == 1) {
                frrAtFar = vm.frrAtFar(0.001);
                eerThreshold = vm.thresholdAtFar(vm.eer());
            }
            // the softmax as a verifier: the claimed person's mean probability over the window
            WindowScores soft = WindowScores.of(probs, n, k, (seg, start) -> {
                double[] s = new double[n];
                for (int i = start; i < start + k; i++) {
                    for (int q = 0; q < n; q++) {
                        s[q] += seg[i][q] / k;
                    }
                }
                return s;
            });
            eerSoftmax.put(k, VerificationMetrics.of(soft.genuine(), soft.impostor()).eer());
            softmaxScores.put(k, soft);
            // both, as EcgIdentifier.verify scores a claim on a person who is enrolled and a network class:
            // embs and probs hold the same segments, so the two score lists pair up element by element
            if (id.combinedWeight() > 0) {
                eerCombined.put(k, VerificationMetrics.of(combined(t.genuine(), soft.genuine(), id.combinedWeight()),
                        combined(t.impostor(), soft.impostor(), id.combinedWeight())).eer());
            }
        }
        List<IdentificationReport.PersonResult> perPerson = perPerson(labels, templateScores, softmaxScores,
                eerThreshold);
        IdentificationReport.OpenSet openSet = openSet(id, subjects, labels);
        return new IdentificationReport(b.dataset, b.protocol, n, trainBeats, testBeats, rank1, rank1Template,
                eerByBeats.getOrDefault(1, Double.NaN), eerByBeats, frrAtFar,
                ClassificationMetrics.fromConfusion(confusion), labels, openSet, trainSeconds, b.notes,
                eerSoftmax, eerCombined, perPerson, rank1GalleryNorm, eerGalleryNorm);
    }

    /**
     * Each person's windows and rank-1 by beats fused, and the share of their single beats that the single-beat
     * template threshold at the EER ({@code eerThreshold}) rejects.
     */
    private static List<IdentificationReport.PersonResult> perPerson(List<String> labels,
                                                                     Map<Integer, WindowScores> templateScores,
                                                                     Map<Integer, WindowScores> softmaxScores,
                                                                     double eerThreshold) {
        WindowScores single = templateScores.get(1);
        List<IdentificationReport.PersonResult> out = new ArrayList<>(labels.size());
        for (int p = 0; p < labels.size(); p++) {
            Map<Integer, Integer> windows = new LinkedHashMap<>();
            Map<Integer, Double> rank1 = new LinkedHashMap<>();
            Map<Integer, Double> rank1Template = new LinkedHashMap<>();
            for (Map.Entry<Integer, WindowScores> e : templateScores.entrySet()) {
                int k = e.getKey();
                windows.put(k, e.getValue().windowsOf(p));
                rank1Template.put(k, e.getValue().rank1Of(p));
                rank1.put(k, softmaxScores.get(k).rank1Of(p));
            }
            out.add(new IdentificationReport.PersonResult(labels.get(p), windows, rank1, rank1Template,
                    single == null ? Double.NaN : single.rejectedOf(p, eerThreshold)));
        }
        return out;
    }

    /**
     * Scores of every window of {@code k} consecutive rows of every subject's segments against all {@code n}
     * people: rank-1 (the subject's own score highest) and the genuine and impostor scores.
     */
    private record WindowScores(int windows, double rank1, double[] genuine, double[] impostor,
                                int[] windowsByPerson, int[] rightByPerson) {
        interface Scorer {
            double[] score(float[][] segment, int start);
        }

        interface ScoreMap {
            double apply(int template, double score);
        }

        static WindowScores of(List<List<float[][]>> segments, int n, int k, Scorer scorer) {
            List<Double> genuine = new ArrayList<>();
            List<Double> impostor = new ArrayList<>();
            int[] windowsByPerson = new int[n];
            int[] rightByPerson = new int[n];
            for (int p = 0; p < n; p++) {
                for (float[][] seg : segments.get(p)) {
                    for (int start = 0; start + k <= seg.length; start += k) {
                        double[] s = scorer.score(seg, start);
                        int best = 0;
                        for (int q = 0; q < n; q++) {
                            (q == p ? genuine : impostor).add(s[q]);
                            best = s[q] > s[best] ? q : best;
                        }
                        rightByPerson[p] += best == p ? 1 : 0;
                        windowsByPerson[p]++;
                    }
                }
            }
            int windows = Arrays.stream(windowsByPerson).sum();
            int right = Arrays.stream(rightByPerson).sum();
            return new WindowScores(windows, windows == 0 ? Double.NaN : (double) right / windows,
                    toArray(genuine), toArray(impostor), windowsByPerson, rightByPerson);
        }

        /**
         * The same windows with every score mapped by {@code f(template, score)}, rank-1 recomputed: each window's
         * genuine score and its n - 1 impostor scores (templates in order, its own left out) are where
         * {@link #of} put them.
         */
        WindowScores mapped(ScoreMap f) {
            int n = windowsByPerson.length;
            double[] g = new double[genuine.length];
            double[] im = new double[impostor.length];
            int[] right = new int[n];
            int gi = 0;
            int ii = 0;
            for (int p = 0; p < n; p++) {
                for (int w = 0; w < windowsByPerson[p]; w++) {
                    double own = f.apply(p, genuine[gi]);
                    g[gi++] = own;
                    boolean best = true;
                    for (int q = 0; q < n; q++) {
                        if (q != p) {
                            double other = f.apply(q, impostor[ii]);
                            im[ii++] = other;
                            best &= q < p ? own > other : own >= other; // of equal scores the first template wins
                        }
                    }
                    right[p] += best ? 1 : 0;
                }
            }
            double rank1 = windows == 0 ? Double.NaN : (double) Arrays.stream(right).sum() / windows;
            return new WindowScores(windows, rank1, g, im, windowsByPerson, right);
        }

        int windowsOf(int person) {
            return windowsByPerson[person];
        }

        double rank1Of(int person) {
            return windowsByPerson[person] == 0 ? Double.NaN : (double) rightByPerson[person] / windowsByPerson[person];
        }

        /** Share of the person's genuine scores under {@code threshold} (genuine scores are in person order). */
        double rejectedOf(int person, double threshold) {
            int from = 0;
            for (int p = 0; p < person; p++) {
                from += windowsByPerson[p];
            }
            int count = windowsByPerson[person];
            if (count == 0) {
                return Double.NaN;
            }
            int rejected = 0;
            for (int i = from; i < from + count; i++) {
                rejected += genuine[i] < threshold ? 1 : 0;
            }
            return (double) rejected / count;
        }
    }

    /**
     * Open-set check: the first half of the people enrolled; the others, split in two groups (alternately), are
     * strangers. For each group the threshold is set on the other group's test windows ({@link
     * EcgIdentifier#calibrateOnCohort}, 1 % FAR: people who are not enrolled, as a deployment would calibrate),
     * then that group and the enrolled people present their test windows. FAR and FRR pool both runs; the
     * threshold is their mean. The strangers were classes of the network (closed-set protocols train on
     * everybody), so they are easier to reject than people it never saw.
     */
    private IdentificationReport.OpenSet openSet(EcgIdentifier id, List<Subject> subjects, List<String> labels) {
        int n = subjects.size();
        int half = n / 2;
        if (half < 1 || n - half < 2) {
            return null;
        }
        for (int p = half; p < n; p++) {
            id.unenroll(labels.get(p));
        }
        int k = b.openSetBeats;
        long strangerWindows = 0;
        long accepted = 0;
        long genuineWindows = 0;
        long rejected = 0;
        double thresholdSum = 0;
        int runs = 0;
        int strangersPresented = 0;
        for (int group = 0; group < 2; group++) {
            List<float[][]> cohort = new ArrayList<>();
            List<Integer> strangers = new ArrayList<>();
            for (int p = half; p < n; p++) {
                if ((p - half) % 2 == group) {
                    strangers.add(p);
                } else {
                    cohort.addAll(subjects.get(p).testSegments());
                }
            }
            if (cohort.stream().noneMatch(seg -> seg.length >= k)) {
                continue;
            }
            thresholdSum += id.calibrateOnCohort(cohort, 0.01);
            runs++;
            strangersPresented += strangers.size();
            List<Integer> presented = new ArrayList<>(strangers);
            for (int p = 0; p < half; p++) {
                presented.add(p);
            }
            for (int p : presented) {
                for (float[][] seg : subjects.get(p).testSegments()) {
                    for (int start = 0; start + k <= seg.length; start += k) {
                        Identification who = id.identify(Arrays.copyOfRange(seg, start, start + k));
                        if (p < half) {
                            genuineWindows++;
                            rejected += who.person().orElse("").equals(labels.get(p)) ? 0 : 1;
                        } else {
                            strangerWindows++;
                            accepted += who.isUnknown() ? 0 : 1;
                        }
                    }
                }
            }
        }
        if (runs == 0) {
            return null;
        }
        return new IdentificationReport.OpenSet(half, strangersPresented, k, thresholdSum / runs,
                strangerWindows == 0 ? Double.NaN : (double) accepted / strangerWindows,
                genuineWindows == 0 ? Double.NaN : (double) rejected / genuineWindows,
                (int) strangerWindows, (int) genuineWindows);
    }

    /** {@link EcgIdentifier#combinedScore} of each template score with the mean class probability of its claim. */
    private static double[] combined(double[] templateScores, double[] meanProbabilities, double weight) {
        double[] out = new double[templateScores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = EcgIdentifier.combinedScore(templateScores[i], meanProbabilities[i], weight);
        }
        return out;
    }

    /** The most probable of the first {@code classes} classes (the people; extra background classes excluded). */
    private static int argmaxMean(float[][] probs, int start, int k, int classes) {
        int best = 0;
        double bestSum = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double s = 0;
            for (int i = start; i < start + k; i++) {
                s += probs[i][c];
            }
            if (s > bestSum) {
                bestSum = s;
                best = c;
            }
        }
        return best;
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Configures an evaluation; subjects are required. */
    public static final class Builder {
        private final String dataset;
        private final String protocol;
        private final double samplingRateHz;
        private List<Subject> subjects = List.of();
        private int[] beatCounts = {1, 5, 10};
        private int openSetBeats = 10;
        private TrainingOptions options = TrainingOptions.defaults();
        private TrainingListener listener = TrainingListener.none();
        private List<String> notes = List.of();
        private int augmentCopies;
        private BeatAugmenter augmenter = BeatAugmenter.defaults();

        private Builder(String dataset, String protocol, double samplingRateHz) {
            this.dataset = dataset;
            this.protocol = protocol;
            this.samplingRateHz = samplingRateHz;
        }

        public Builder subjects(List<Subject> s) {
            this.subjects = List.copyOf(s);
            return this;
        }

        /** Beats fused per decision to report rank-1 and EER for (default 1, 5, 10). */
        public Builder beatCounts(int... k) {
            for (int v : k) {
                if (v < 1) {
                    throw new IllegalArgumentException("beat counts must be >= 1, got " + v);
                }
            }
            this.beatCounts = k.clone();
            return this;
        }

        /** Beats per window in the open-set check (default 10). */
        public Builder openSetBeats(int k) {
            this.openSetBeats = k;
            return this;
        }

        public Builder training(TrainingOptions o) {
            this.options = Objects.requireNonNull(o);
            return this;
        }

        /** Augmented copies of each training beat changed in shape ({@code BeatAugmenter.defaults()}); default 0. */
        public Builder augmentation(int copies) {
            return augmentation(copies, BeatAugmenter.defaults());
        }

        /** {@code copies} versions of each training beat made by {@code how}; default none. */
        public Builder augmentation(int copies, BeatAugmenter how) {
            this.augmentCopies = copies;
            this.augmenter = Objects.requireNonNull(how);
            return this;
        }

        public Builder listener(TrainingListener l) {
            this.listener = Objects.requireNonNull(l);
            return this;
        }

        /** Caveats to carry into the report. */
        public Builder notes(List<String> n) {
            this.notes = List.copyOf(n);
            return this;
        }

        public IdentificationEvaluation build() {
            if (subjects.size() < 2) {
                throw new IllegalStateException("an identification experiment needs at least 2 subjects, got "
                        + subjects.size());
            }
            return new IdentificationEvaluation(this);
        }
    }
}
