package io.github.ecgid.model.eval;

import io.github.ecgid.model.eval.IdentificationEvaluation.Subject;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.Embeddings;
import io.github.ecgid.model.identify.GalleryNorm;
import io.github.ecgid.model.identify.Matcher;
import io.github.ecgid.model.identify.PersonTemplate;
import io.github.ecgid.model.nn.BeatAugmenter;
import io.github.ecgid.model.nn.TrainingListener;
import io.github.ecgid.model.nn.TrainingOptions;
import io.github.ecgid.model.nn.TrainingSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The open-set design evaluated honestly: the network never sees the people it is tested on. The subjects are
 * dealt into {@code K} folds (seeded); for each fold the network is trained on the other folds' people using all
 * of their recordings (several sessions per person teach it what stays the same across sessions), then each
 * held-out person is enrolled from their enrollment beats ({@link Subject#trainBeats()}) and their other
 * recordings ({@link Subject#testSegments()}) are identified by the nearest template among the held-out fold.
 * Held-out people without test recordings are presented as impostors only. Results of all folds are pooled.
 * An extra background population (e.g. another database's people, {@link Builder#extraBackground}) joins every
 * fold's training set; with it, one fold is allowed: everybody held out, the network trained on the others only.
 *
 * <p>Besides the fold's own gallery, rank-1 is also measured against a gallery that adds the background
 * people's templates (enrolled from their first recording) as distractors, so the gallery is as large as the
 * whole population. The open-set check enrolls the first half of each held-out fold, calibrates the threshold on
 * the background population as a cohort ({@link EcgIdentifier#calibrateOnCohort}), and presents both halves.
 *
 * <pre>{@code
 * IdentificationReport r = PersonDisjointEvaluation.builder("ecgiddb", 500)
 *         .subjects(subjects).folds(2).training(TrainingOptions.defaults()).build().run();
 * }</pre>
 */
public final class PersonDisjointEvaluation {
    /** The protocol name reported. */
    public static final String PROTOCOL = "person-disjoint";

    private final Builder b;

    private PersonDisjointEvaluation(Builder b) {
        this.b = b;
    }

    public static Builder builder(String dataset, double samplingRateHz) {
        return new Builder(dataset, samplingRateHz);
    }

    /** The fold of each subject: a seeded shuffle dealt round-robin into {@code k} folds. */
    static int[] assignFolds(int subjects, int k, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < subjects; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] fold = new int[subjects];
        for (int pos = 0; pos < subjects; pos++) {
            fold[order.get(pos)] = pos % k;
        }
        return fold;
    }

    /** Trains one network per fold and pools the held-out results. */
    public IdentificationReport run() {
        List<Subject> subjects = b.subjects;
        int n = subjects.size();
        List<String> labels = subjects.stream().map(Subject::id).toList();
        int[] fold = assignFolds(n, b.folds, b.seed);
        int[] ks = b.beatCounts;
        long[] right = new long[ks.length];
        long[] rightFull = new long[ks.length];
        long[] rightZ = new long[ks.length];
        List<List<Double>> genuineZ = new ArrayList<>();
        List<List<Double>> impostorZ = new ArrayList<>();
        long[] total = new long[ks.length];
        List<List<Double>> genuine = new ArrayList<>();
        List<List<Double>> impostor = new ArrayList<>();
        for (int i = 0; i < ks.length; i++) {
            genuine.add(new ArrayList<>());
            impostor.add(new ArrayList<>());
            genuineZ.add(new ArrayList<>());
            impostorZ.add(new ArrayList<>());
        }
        int[][] confusion = new int[n][n];
        int trainBeats = 0;
        int testBeats = 0;
        double trainSeconds = 0;
        int gallerySum = 0;
        int fullGallery = 0;
        long osStrangerWindows = 0;
        long osAccepted = 0;
        long osGenuineWindows = 0;
        long osRejected = 0;
        int osEnrolled = 0;
        int osStrangers = 0;
        double thresholdSum = 0;
        int thresholdCount = 0;
        for (int f = 0; f < b.folds; f++) {
            List<Integer> held = new ArrayList<>();
            List<Integer> background = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                (fold[p] == f ? held : background).add(p);
            }
            if (held.isEmpty() || background.size() + b.extraBackground.size() < 2) {
                continue;
            }
            List<Subject> trainOn = new ArrayList<>();
            background.forEach(p -> trainOn.add(subjects.get(p)));
            trainOn.addAll(b.extraBackground);
            TrainingSet data = backgroundSet(trainOn);
            trainBeats += data.size();
            b.progress.accept("fold " + (f + 1) + "/" + b.folds + ": training on " + trainOn.size()
                    + " background people (" + data.size() + " beats), testing " + held.size() + " held-out people");
            long t0 = System.nanoTime();
            try (EcgIdentifier id = EcgIdentifier.builder().samplingRateHz(b.samplingRateHz)
                    .train(data, b.options).augmentation(b.augmentCopies, b.augmenter).trainingListener(b.listener)
                    .beatsPerDecision(b.openSetBeats).matcher(b.matcher).build()) {
                trainSeconds += (System.nanoTime() - t0) / 1e9;
                // the gallery: held-out people who have recordings to test
                List<Integer> gallery = new ArrayList<>();
                for (int p : held) {
                    if (!subjects.get(p).testSegments().isEmpty()) {
                        gallery.add(p);
                    }
                }
                PersonTemplate[] templates = new PersonTemplate[gallery.size()];
                for (int g = 0; g < gallery.size(); g++) {
                    templates[g] = PersonTemplate.fromEmbeddings(labels.get(gallery.get(g)),
                            id.identityVectors(subjects.get(gallery.get(g)).trainBeats()));
                }
                PersonTemplate[] distractors = new PersonTemplate[background.size()];
                for (int d = 0; d < background.size(); d++) {
                    distractors[d] = PersonTemplate.fromEmbeddings(labels.get(background.get(d)),
                            id.identityVectors(subjects.get(background.get(d)).trainBeats()));
                }
                GalleryNorm z = zNorm(id, trainOn, templates);
                gallerySum += gallery.size();
                fullGallery = Math.max(fullGallery, gallery.size() + background.size());
                for (int p : held) {
                    int g = gallery.indexOf(p);
                    List<float[][]> probes = new ArrayList<>();
                    if (g >= 0) {
                        probes.addAll(subjects.get(p).testSegments());
                    } else {
                        probes.add(subjects.get(p).trainBeats()); // impostor only
                    }
                    for (float[][] seg : probes) {
                        if (seg.length == 0) {
                            continue;
                        }
                        testBeats += seg.length;
                        float[][] unit = id.identityVectors(seg);
                        for (int ki = 0; ki < ks.length; ki++) {
                            int k = ks[ki];
                            for (int start = 0; start + k <= unit.length; start += k) {
                                double[] s = new double[templates.length];
                                float[] meanEmb = Embeddings.meanDirection(unit, start, k);
                                for (int q = 0; q < templates.length; q++) {
                                    s[q] = templates[q].score(meanEmb);
                                    (q == g ? genuine : impostor).get(ki).add(s[q]);
                                }
                                if (g < 0) {
                                    continue;
                                }
                                int best = argmax(s);
                                total[ki]++;
                                right[ki] += best == g ? 1 : 0;
                                if (k == 1) {
                                    confusion[p][gallery.get(best)]++;
                                }
                                double[] sz = new double[templates.length];
                                for (int q = 0; q < templates.length; q++) {
                                    sz[q] = z.normalize(templates[q].personId(), s[q]);
                                    (q == g ? genuineZ : impostorZ).get(ki).add(sz[q]);
                                }
                                rightZ[ki] += argmax(sz) == g ? 1 : 0;
                                boolean fullRight = best == g;
                                for (PersonTemplate d : distractors) {
                                    if (d.score(meanEmb) >= s[g]) {
                                        fullRight = false;
                                        break;
                                    }
                                }
                                rightFull[ki] += fullRight ? 1 : 0;
                            }
                        }
                    }
                }
                // open set: the first half of the held-out gallery enrolled, threshold from the background cohort
                int half = gallery.size() / 2;
                if (half >= 2) {
                    for (int g = 0; g < half; g++) {
                        int p = gallery.get(g);
                        id.enroll(labels.get(p), subjects.get(p).trainBeats());
                    }
                    List<float[][]> cohort = new ArrayList<>();
                    for (Subject s : trainOn) {
                        cohort.addAll(s.testSegments());
                        cohort.add(s.trainBeats());
                    }
                    double th = id.calibrateOnCohort(cohort, b.openSetFar);
                    thresholdSum += th;
                    thresholdCount++;
                    osEnrolled += half;
                    osStrangers += held.size() - half;
                    int k = b.openSetBeats;
                    for (int p : held) {
                        int g = gallery.indexOf(p);
                        boolean enrolled = g >= 0 && g < half;
                        List<float[][]> probes = g >= 0 ? subjects.get(p).testSegments()
                                : List.<float[][]>of(subjects.get(p).trainBeats());
                        for (float[][] seg : probes) {
                            for (int start = 0; start + k <= seg.length; start += k) {
                                var who = id.identify(Arrays.copyOfRange(seg, start, start + k));
                                if (enrolled) {
                                    osGenuineWindows++;
                                    osRejected += who.person().orElse("").equals(labels.get(p)) ? 0 : 1;
                                } else {
                                    osStrangerWindows++;
                                    osAccepted += who.isUnknown() ? 0 : 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        Map<Integer, Double> rank1 = new LinkedHashMap<>();
        Map<Integer, Double> eerMean = new LinkedHashMap<>();
        Map<Integer, Double> rank1Full = new LinkedHashMap<>();
        Map<Integer, Double> rank1Z = new LinkedHashMap<>();
        Map<Integer, Double> eerZ = new LinkedHashMap<>();
        Map<Integer, Double> eerBy = new LinkedHashMap<>();
        double frrAtFar = Double.NaN;
        for (int ki = 0; ki < ks.length; ki++) {
            rank1.put(ks[ki], total[ki] == 0 ? Double.NaN : (double) right[ki] / total[ki]);
            rank1Full.put(ks[ki], total[ki] == 0 ? Double.NaN : (double) rightFull[ki] / total[ki]);
            rank1Z.put(ks[ki], total[ki] == 0 ? Double.NaN : (double) rightZ[ki] / total[ki]);
            if (!genuineZ.get(ki).isEmpty() && !impostorZ.get(ki).isEmpty()) {
                eerZ.put(ks[ki], VerificationMetrics.of(toArray(genuineZ.get(ki)), toArray(impostorZ.get(ki))).eer());
            }
            if (!genuine.get(ki).isEmpty() && !impostor.get(ki).isEmpty()) {
                VerificationMetrics vm = VerificationMetrics.of(toArray(genuine.get(ki)), toArray(impostor.get(ki)));
                eerBy.put(ks[ki], vm.eer());
                eerMean.put(ks[ki], vm.eer()); // the k beats are scored by the cosine of their mean already
                if (ks[ki] == 1) {
                    frrAtFar = vm.frrAtFar(0.001);
                }
            }
        }
        IdentificationReport.OpenSet openSet = thresholdCount == 0 ? null : new IdentificationReport.OpenSet(
                osEnrolled, osStrangers, b.openSetBeats, thresholdSum / thresholdCount,
                osStrangerWindows == 0 ? Double.NaN : (double) osAccepted / osStrangerWindows,
                osGenuineWindows == 0 ? Double.NaN : (double) osRejected / osGenuineWindows,
                (int) osStrangerWindows, (int) osGenuineWindows);
        IdentificationReport.PersonDisjoint pd = new IdentificationReport.PersonDisjoint(b.folds,
                (double) gallerySum / b.folds, fullGallery, rank1Full, eerMean, rank1Z, eerZ);
        return new IdentificationReport(b.dataset, PROTOCOL, n, trainBeats, testBeats, rank1, rank1,
                eerBy.getOrDefault(1, Double.NaN), eerBy, frrAtFar, ClassificationMetrics.fromConfusion(confusion),
                labels, openSet, trainSeconds, b.notes, pd, Map.of(), Map.of(), null, List.of(), Map.of(), Map.of());
    }

    private static TrainingSet backgroundSet(List<Subject> background) {
        List<float[]> beats = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < background.size(); c++) {
            Subject s = background.get(c);
            names.add(s.id());
            for (float[] beat : s.allBeats()) {
                beats.add(beat);
                y.add(c);
            }
        }
        return TrainingSet.of(beats.toArray(new float[0][]), y.stream().mapToInt(i -> i).toArray(), names);
    }

    /**
     * Z-norm statistics of each template against a cohort of single beats from people who are not in the
     * gallery (the background population: at most 20 beats each), which evens out templates that everybody
     * resembles ({@link GalleryNorm#againstCohort}).
     */
    private static GalleryNorm zNorm(EcgIdentifier id, List<Subject> cohort, PersonTemplate[] templates) {
        List<float[]> beats = new ArrayList<>();
        for (Subject s : cohort) {
            float[][] t = s.trainBeats();
            int step = Math.max(1, t.length / 20);
            for (int i = 0; i < t.length && i / step < 20; i += step) {
                beats.add(t[i]);
            }
        }
        return GalleryNorm.againstCohort(List.of(templates),
                Arrays.asList(id.identityVectors(beats.toArray(new float[0][]))));
    }

    private static int argmax(double[] s) {
        int best = 0;
        for (int i = 1; i < s.length; i++) {
            if (s[i] > s[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Configures a person-disjoint evaluation; subjects are required. */
    public static final class Builder {
        private final String dataset;
        private final double samplingRateHz;
        private List<Subject> subjects = List.of();
        private List<Subject> extraBackground = List.of();
        private int folds = 2;
        private long seed = 42;
        private int[] beatCounts = {1, 5, 10};
        private int openSetBeats = 10;
        private double openSetFar = 0.01;
        private TrainingOptions options = TrainingOptions.defaults();
        private TrainingListener listener = TrainingListener.none();
        private Consumer<String> progress = s -> { };
        private List<String> notes = List.of();
        private int augmentCopies;
        private BeatAugmenter augmenter = BeatAugmenter.defaults();
        private Matcher matcher;

        private Builder(String dataset, double samplingRateHz) {
            this.dataset = Objects.requireNonNull(dataset);
            this.samplingRateHz = samplingRateHz;
        }

        /** Everybody: enrollment beats in {@code trainBeats}, other recordings in {@code testSegments}. */
        public Builder subjects(List<Subject> s) {
            this.subjects = List.copyOf(s);
            return this;
        }

        /**
         * Number of person folds (default 2: half the people train, half are tested); 1 only with an
         * {@link #extraBackground} population (then everybody is held out).
         */
        public Builder folds(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("folds must be >= 1, got " + k);
            }
            this.folds = k;
            return this;
        }

        /**
         * People who only ever train the network (every fold), never tested: all their beats ({@code trainBeats}
         * and {@code testSegments}) are used. Their ids must differ from the subjects'.
         */
        public Builder extraBackground(List<Subject> s) {
            this.extraBackground = List.copyOf(s);
            return this;
        }

        /** Seed of the fold assignment (default 42). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Beats fused per decision (default 1, 5, 10). */
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

        /** False-accept rate the open-set threshold is calibrated for on the background cohort (default 0.01). */
        public Builder openSetFar(double far) {
            this.openSetFar = far;
            return this;
        }

        public Builder training(TrainingOptions o) {
            this.options = Objects.requireNonNull(o);
            return this;
        }

        /** Augmented copies of each background training beat changed in shape ({@code BeatAugmenter.defaults()}; default 0). */
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

        /** Receives one line per fold. */
        public Builder progress(Consumer<String> p) {
            this.progress = Objects.requireNonNull(p);
            return this;
        }

        /** What templates compare; null (default): the identifier's, {@link Matcher#FUSED} for a trained model. */
        public Builder matcher(Matcher m) {
            this.matcher = m;
            return this;
        }

        public Builder notes(List<String> n) {
            this.notes = List.copyOf(n);
            return this;
        }

        public PersonDisjointEvaluation build() {
            if (folds == 1 && extraBackground.size() < 2) {
                throw new IllegalStateException("one fold holds everybody out: it needs an extra background population"
                        + " of at least 2 people to train on");
            }
            if (subjects.size() < 2 * folds) {
                throw new IllegalStateException("a person-disjoint experiment with " + folds + " folds needs at least "
                        + 2 * folds + " subjects, got " + subjects.size());
            }
            return new PersonDisjointEvaluation(this);
        }
    }
}
