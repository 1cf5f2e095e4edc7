package io.github.ecgid.model.identify;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.core.EcgSource;
import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.Prediction;
import io.github.ecgid.model.PretrainedModels;
import io.github.ecgid.model.math.Embeddings;
import io.github.ecgid.model.onnx.OnnxModel;
import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.signal.beat.Beats;
import io.github.ecgid.signal.beat.QualityGate;
import io.github.ecgid.signal.detect.Detector;
import io.github.ecgid.signal.filter.PowerLine;
import io.github.ecgid.signal.preprocess.SampleGap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identifies and verifies people by their ECG: the facade that wires preprocessing, R-peak detection, beat
 * segmentation and the network.
 *
 * <p>Two modes. With nobody enrolled it is a <b>closed-set</b> classifier over the people the network was
 * trained on (the origin system's mode): per-beat softmax probabilities are averaged over the record.
 * Once people are {@link #enroll enrolled} it works <b>open-set</b>: each beat's identity vector (its whitened
 * network embedding and waveform, see {@link IdentitySpace} and {@link Matcher}) is compared by cosine
 * similarity with every enrolled template (the nearest of its modes), the beats' vectors are averaged before
 * scoring, and a best score under the
 * {@link #threshold() threshold} means "unknown". Enrollment needs no retraining; the network only has to
 * have been trained once on a background population.
 *
 * <p>Thread-safe: enrollment, identification and verification may run from several threads. Close it, best
 * with try-with-resources, to free the inference engine. Templates and signal never reach the log.
 *
 * <pre>{@code
 * try (EcgIdentifier ecgid = EcgIdentifier.builder()
 *         .samplingRateHz(250).powerLineHz(50)
 *         .model(Path.of("ecgid.onnx"))
 *         .engine(Engine.ONNX_RUNTIME)
 *         .build()) {
 *     ecgid.enroll("alice", aliceRecord);
 *     Identification who = ecgid.identify(record);     // person, confidence, beatsUsed, isUnknown()
 *     Verification ok = ecgid.verify("alice", record); // accepted(), score(), threshold()
 * }
 * }</pre>
 */
public final class EcgIdentifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EcgIdentifier.class);

    /** Beats per monitoring decision and calibration window unless the builder sets another. */
    public static final int DEFAULT_BEATS_PER_DECISION = 10;
    /** Cosine threshold used until {@link #calibrate} is called or a threshold is set. */
    public static final double DEFAULT_THRESHOLD = 0.80;
    /** Softmax probability a closed-set {@link #verify} must reach until another is set. */
    public static final double DEFAULT_CLOSED_SET_THRESHOLD = 0.5;
    /**
     * Weight of the class probability in a {@link Identification.Mode#COMBINED combined} verification score unless
     * the builder sets another ({@link Builder#combinedVerification}); chosen on MIT-BIH minutes that no reported
     * figure is measured on (docs/identification.md).
     */
    public static final double DEFAULT_COMBINED_WEIGHT = 0.05;
    /** Class probabilities under this count as this in a combined score, so that a probability of 0 scores finitely. */
    static final double MIN_CLASS_PROBABILITY = 1e-6;

    private final BeatClassifier classifier;
    private final BeatPipeline pipeline;
    private final String leadName;
    private final int beatsPerDecision;
    private final double adaptationRate;
    private final double combinedWeight;
    private final Map<String, PersonTemplate> templates = new LinkedHashMap<>();
    private final Map<String, float[][]> enrollmentEmbeddings = new LinkedHashMap<>();
    private final Map<String, float[][]> enrollmentProbabilities = new LinkedHashMap<>();
    private final OnnxModel model;
    private final float[] center;
    private final IdentitySpace space;
    private final Matcher matcher;
    private volatile double threshold;
    private final double closedSetThreshold;
    private volatile double combinedThreshold;
    private volatile boolean closed;
    private final boolean galleryNormalization;
    private final IdentifierSettings settings;
    /** Z-norm statistics of the gallery as enrolled; null until needed and after every change of the gallery. */
    private GalleryNorm galleryNorm; // guarded by templates

    private EcgIdentifier(Builder b, OnnxModel model, IdentitySpace space, BeatClassifier classifier) {
        this.model = model;
        this.center = EmbeddingCenter.of(model).orElse(null);
        this.space = space;
        this.matcher = b.matcher != null ? b.matcher : space != null ? Matcher.FUSED : Matcher.EMBEDDING;
        this.classifier = classifier;
        IdentifierSettings s = IdentifierSettings.of(model).orElse(IdentifierSettings.defaults());
        this.settings = s;
        BeatPipeline beats = new BeatPipeline(b.samplingRateHz, b.powerLineHz,
                b.detector != null ? b.detector : s.detector(), true)
                .withQualityGate(b.gateSet ? b.gate : s.qualityGate().gate()).withMaxGapSeconds(b.maxGapSeconds);
        this.pipeline = s.seedClip() ? beats.withSeedClip() : beats;
        this.leadName = b.leadName;
        this.beatsPerDecision = b.beatsPerDecision != null ? b.beatsPerDecision : s.beatsPerDecision();
        this.threshold = b.threshold != null ? b.threshold : s.threshold();
        this.combinedThreshold = b.combinedThreshold != null ? b.combinedThreshold
                : b.carriedCombinedThreshold != null ? b.carriedCombinedThreshold : this.threshold;
        this.closedSetThreshold = b.closedSetThreshold;
        this.adaptationRate = b.adaptationRate;
        this.combinedWeight = b.combinedWeight;
        this.galleryNormalization = b.galleryNormalization;
    }

    /** Starts a builder; sampling rate and a model (file, loaded model or training set) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Sampling rate (Hz) the identifier expects of every record and source. */
    public double samplingRateHz() {
        return pipeline.samplingRateHz();
    }

    /** The network's class labels (the people of closed-set mode). */
    public List<String> classLabels() {
        return classifier.classLabels();
    }

    /** The engine that runs the network. */
    public Engine engine() {
        return classifier.engine();
    }

    /** What the model file asked of the identifier (gate, detector, calibrated threshold); defaults when it asked nothing. */
    public IdentifierSettings modelSettings() {
        return settings;
    }

    /** The beat extraction this identifier applies (preprocessing, detector, segmentation). */
    public BeatPipeline pipeline() {
        return pipeline;
    }

    /** Current open-set acceptance threshold (cosine similarity). */
    public double threshold() {
        return threshold;
    }

    /**
     * A builder with this identifier's settings (model, sampling rate, pipeline, decision rule and current
     * thresholds), to build another identifier that differs in one of them. The enrolled templates are not part
     * of it: move them with {@link #templates()} and {@link #addTemplates}.
     *
     * <pre>{@code
     * try (EcgIdentifier strict = ecgid.toBuilder().threshold(0.9).build()) {
     *     strict.addTemplates(ecgid.templates());
     * }
     * }</pre>
     */
    public Builder toBuilder() {
        ensureOpen();
        Builder b = new Builder();
        b.samplingRateHz = pipeline.samplingRateHz();
        b.powerLineHz = pipeline.powerLineHz();
        b.model = model;
        b.engine = classifier.engine();
        b.detector = pipeline.detectorName();
        b.leadName = leadName;
        b.maxGapSeconds = pipeline.maxGapSeconds();
        b.beatsPerDecision = beatsPerDecision;
        b.threshold = threshold;
        b.carriedCombinedThreshold = combinedThreshold;
        b.closedSetThreshold = closedSetThreshold;
        b.gateSet = true;
        b.gate = pipeline.qualityGate();
        b.matcher = matcher;
        b.adaptationRate = adaptationRate;
        b.combinedWeight = combinedWeight;
        b.galleryNormalization = galleryNormalization;
        return b;
    }

    /** Applies a calibrated threshold, to the {@link #combinedThreshold() combined} score too (never above it). */
    private void applyThreshold(double cosine) {
        this.threshold = requireCosine(cosine);
        this.combinedThreshold = cosine;
    }

    static double requireCosine(double cosine) {
        if (!(cosine >= -1 && cosine <= 1)) {
            throw new IllegalArgumentException("threshold must be a cosine similarity in [-1, 1], got " + cosine);
        }
        return cosine;
    }

    static double requireCombined(double score) {
        if (!(score <= 1) || Double.isInfinite(score)) {
            throw new IllegalArgumentException("combined threshold must be a finite score of at most 1, got " + score);
        }
        return score;
    }

    static double requireProbability(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("closed-set threshold must be a probability in [0, 1], got "
                    + probability);
        }
        return probability;
    }

    /**
     * Enrolls (or re-enrolls) a person from one recording: its beats' embeddings become a template. No
     * retraining.
     *
     * @throws EcgSignalException if the record yields fewer than {@value #MIN_ENROLLMENT_BEATS} usable beats, saying
     *                            how many the detector found and why the others were rejected
     */
    public PersonTemplate enroll(String personId, EcgRecord record) {
        BeatPipeline.Result r = extract(record);
        if (r.beats().length < MIN_ENROLLMENT_BEATS) {
            throw new EcgSignalException("Cannot enroll '" + personId + "' from " + record.source() + ": the detector"
                    + " found " + r.detectedPeaks() + " beats and " + r.beats().length + " passed the quality gate"
                    + " (need at least " + MIN_ENROLLMENT_BEATS + ")" + SignalQuality.rejections(r)
                    + ". Record a longer or cleaner ECG (at least 10 s of the lead " + leadOf(record) + ")");
        }
        return enroll(personId, r.beats());
    }

    /** Fewest usable beats an enrollment takes. */
    public static final int MIN_ENROLLMENT_BEATS = 3;

    /** Enrolls a person from already-extracted beats ({@code [beat][175]}, z-scored). */
    public PersonTemplate enroll(String personId, float[][] beats) {
        ensureOpen();
        Objects.requireNonNull(personId, "personId");
        if (beats.length < MIN_ENROLLMENT_BEATS) {
            throw new EcgSignalException("Cannot enroll '" + personId + "': only " + beats.length
                    + " usable beats (need at least " + MIN_ENROLLMENT_BEATS + "); record a longer or cleaner ECG");
        }
        List<Prediction> predictions = classifier.predictBatch(beats);
        float[][] vectors = identityVectors(predictions, beats);
        PersonTemplate t = PersonTemplate.fromEmbeddings(personId, vectors);
        synchronized (templates) {
            templates.put(personId, t);
            galleryNorm = null;
            enrollmentEmbeddings.put(personId, vectors);
            enrollmentProbabilities.put(personId, probabilities(predictions));
        }
        LOG.debug("enrolled one person from {} beats", beats.length);
        return t;
    }

    /** Adds templates made elsewhere (e.g. read from a {@link TemplateStore}). */
    public void addTemplates(Collection<PersonTemplate> newTemplates) {
        ensureOpen();
        synchronized (templates) {
            for (PersonTemplate t : newTemplates) {
                if (t.dimension() != templateDimension()) {
                    throw new EcgModelException("Template '" + t.personId() + "' has dimension " + t.dimension()
                            + ", this identifier's templates have " + templateDimension() + " (matcher " + matcher
                            + "); templates only fit the model and matcher they were enrolled with: re-enroll");
                }
                templates.put(t.personId(), t);
                galleryNorm = null;
            }
        }
    }

    /** Removes a person; returns whether they were enrolled. */
    public boolean unenroll(String personId) {
        synchronized (templates) {
            enrollmentEmbeddings.remove(personId);
            enrollmentProbabilities.remove(personId);
            galleryNorm = null;
            return templates.remove(personId) != null;
        }
    }

    /** The enrolled templates, in enrollment order. */
    public List<PersonTemplate> templates() {
        synchronized (templates) {
            return List.copyOf(templates.values());
        }
    }

    /** Writes the enrolled templates to an integrity-checked file bound to this identifier's model ({@link TemplateStore}). */
    public void saveTemplates(Path file, byte[] key) {
        TemplateStore.write(file, templates(), key, model.fingerprint());
    }

    /**
     * Reads templates from an integrity-checked file and enrolls them.
     *
     * @throws EcgModelException when the store was enrolled with another model (or does not say which)
     */
    public void loadTemplates(Path file, byte[] key) {
        addTemplates(TemplateStore.read(file, key, model.fingerprint()));
    }

    /**
     * Sets the threshold so that, among the enrolled people, at most {@code targetFar} of impostor
     * attempts would be accepted: each person's enrollment beats, in windows of {@code beatsPerDecision},
     * are scored against every other person's template. Needs at least two people enrolled from records. The
     * {@link #combinedThreshold() combined threshold} is set the same way from the combined scores of the
     * enrolled people who are also network classes, when there are such.
     *
     * @return the new threshold
     */
    public double calibrate(double targetFar) {
        requireFar(targetFar);
        Map<String, float[][]> emb;
        Map<String, float[][]> prob;
        List<PersonTemplate> all;
        synchronized (templates) {
            emb = new LinkedHashMap<>(enrollmentEmbeddings);
            prob = new LinkedHashMap<>(enrollmentProbabilities);
            all = List.copyOf(templates.values());
        }
        if (emb.size() < 2) {
            throw new IllegalStateException("calibration needs at least two people enrolled from records, have "
                    + emb.size());
        }
        Scores cosine = new Scores();
        Scores combined = new Scores();
        for (Map.Entry<String, float[][]> e : emb.entrySet()) {
            float[][] rows = e.getValue();
            float[][] p = prob.get(e.getKey());
            int k = Math.min(beatsPerDecision, rows.length);
            for (int start = 0; start + k <= rows.length; start += k) {
                float[] probe = Embeddings.meanDirection(rows, start, k);
                for (PersonTemplate t : all) {
                    boolean genuine = t.personId().equals(e.getKey());
                    double s = t.score(probe);
                    cosine.add(genuine, s);
                    int c = combinedClass(t.personId());
                    if (c >= 0) {
                        combined.add(genuine, combinedScore(s, meanProbability(p, start, k, c), combinedWeight));
                    }
                }
            }
        }
        double t = Math.max(-1, Math.min(1, cosine.thresholdAtFar(targetFar)));
        applyThreshold(t);
        if (combined.hasImpostors()) {
            combinedThreshold = Math.min(1, combined.thresholdAtFar(targetFar));
        }
        return t;
    }

    /**
     * Sets the threshold from a cohort of people who are <em>not</em> enrolled (e.g. the background population
     * the network was trained on, or any set of strangers): each cohort recording is cut into windows of
     * {@code beatsPerDecision} beats, each window's best fused score against the enrolled templates is what an
     * impostor would reach, and the threshold is set so that at most {@code targetFar} of those windows would be
     * accepted. Unlike {@link #calibrate}, this works with few people enrolled (even one). When some enrolled
     * people are also network classes, the {@link #combinedThreshold() combined threshold} is set the same way
     * from each window's best combined score against them.
     *
     * @param cohortBeats beats of each cohort recording ({@code [beat][175]}); none of them enrolled
     * @param targetFar   false-accept rate to allow, in [0, 1]
     * @return the new threshold
     * @throws IllegalStateException if nobody is enrolled or the cohort yields no full window
     */
    public double calibrateOnCohort(List<float[][]> cohortBeats, double targetFar) {
        ensureOpen();
        requireFar(targetFar);
        List<PersonTemplate> enrolled = templates();
        if (enrolled.isEmpty()) {
            throw new IllegalStateException("calibrateOnCohort needs at least one person enrolled");
        }
        int[] classOf = enrolled.stream().mapToInt(t -> combinedClass(t.personId())).toArray();
        Scores cosine = new Scores();
        Scores combined = new Scores();
        for (float[][] rec : cohortBeats) {
            if (rec.length < beatsPerDecision) {
                continue;
            }
            List<Prediction> predictions = classifier.predictBatch(rec);
            float[][] unit = identityVectors(predictions, rec);
            float[][] prob = probabilities(predictions);
            for (int start = 0; start + beatsPerDecision <= unit.length; start += beatsPerDecision) {
                float[] probe = Embeddings.meanDirection(unit, start, beatsPerDecision);
                double top = Double.NEGATIVE_INFINITY;
                double topCombined = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < enrolled.size(); i++) {
                    double s = enrolled.get(i).score(probe);
                    top = Math.max(top, s);
                    if (classOf[i] >= 0) {
                        topCombined = Math.max(topCombined, combinedScore(s,
                                meanProbability(prob, start, beatsPerDecision, classOf[i]), combinedWeight));
                    }
                }
                cosine.add(false, top);
                if (topCombined > Double.NEGATIVE_INFINITY) {
                    combined.add(false, topCombined);
                }
            }
        }
        if (!cosine.hasImpostors()) {
            throw new IllegalStateException("the cohort has no recording with " + beatsPerDecision
                    + " beats (beatsPerDecision)");
        }
        double t = Math.max(-1, Math.min(1, cosine.thresholdAtFar(targetFar)));
        applyThreshold(t);
        if (combined.hasImpostors()) {
            combinedThreshold = Math.min(1, combined.thresholdAtFar(targetFar));
        }
        LOG.debug("threshold calibrated on {} cohort windows for FAR {}", cosine.impostor.size(), targetFar);
        return t;
    }

    private static void requireFar(double targetFar) {
        if (!(targetFar >= 0 && targetFar <= 1)) {
            throw new IllegalArgumentException("targetFar must be in [0, 1], got " + targetFar);
        }
    }

    /** Genuine and impostor scores collected for a calibration. */
    private static final class Scores {
        final List<Double> genuine = new ArrayList<>();
        final List<Double> impostor = new ArrayList<>();

        void add(boolean isGenuine, double score) {
            (isGenuine ? genuine : impostor).add(score);
        }

        boolean hasImpostors() {
            return !impostor.isEmpty();
        }

        double thresholdAtFar(double targetFar) {
            // without genuine scores (a cohort of strangers) only the impostor side sets the threshold
            double[] g = genuine.isEmpty() ? new double[] {1.0}
                    : genuine.stream().mapToDouble(Double::doubleValue).toArray();
            return VerificationMetrics.of(g, impostor.stream().mapToDouble(Double::doubleValue).toArray())
                    .thresholdAtFar(targetFar);
        }
    }

    /**
     * The combined verification score of a claim ({@link Identification.Mode#COMBINED}): the cosine of the
     * probe to the claimed person's template plus {@code weight} times the natural logarithm of the claimed
     * class's softmax probability averaged over the beats (floored at 10⁻⁶). It never exceeds the cosine: a
     * probe the network gives to somebody else is pushed down, one it gives to the claimed person keeps its
     * cosine.
     */
    public static double combinedScore(double cosine, double meanClassProbability, double weight) {
        return cosine + weight * Math.log(Math.max(meanClassProbability, MIN_CLASS_PROBABILITY));
    }

    /** The network class a claim on this enrolled person is combined with, or -1 (not a class, or combining off). */
    private int combinedClass(String personId) {
        return combinedWeight > 0 ? classifier.classLabels().indexOf(personId) : -1;
    }

    private static float[][] probabilities(List<Prediction> predictions) {
        float[][] out = new float[predictions.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = predictions.get(i).probabilities();
        }
        return out;
    }

    private static double meanProbability(float[][] probabilities, int start, int k, int c) {
        double s = 0;
        for (int i = start; i < start + k; i++) {
            s += probabilities[i][c];
        }
        return s / k;
    }

    /** Extracts the usable, z-scored 175-sample beats of a record's identification lead. */
    public float[][] beats(EcgRecord record) {
        return extract(record).beats();
    }

    private BeatPipeline.Result extract(EcgRecord record) {
        ensureOpen();
        if (Math.abs(record.samplingRateHz() - pipeline.samplingRateHz()) > 1e-9) {
            throw new EcgSignalException("Record " + record.source() + " is sampled at " + record.samplingRateHz()
                    + " Hz but this identifier was built for " + pipeline.samplingRateHz()
                    + " Hz; resample the record or build an identifier for its rate");
        }
        return pipeline.extract(record.lead(leadOf(record)));
    }

    private String leadOf(EcgRecord record) {
        return leadName != null ? leadName : record.leadNames().get(0);
    }

    /**
     * Identifies the person a record belongs to. A record too noisy to decide on ({@link SignalQuality}) gives an
     * identification that {@link Identification#tooNoisy() is too noisy}, names nobody and says why.
     */
    public Identification identify(EcgRecord record) {
        return identify(record, Integer.MAX_VALUE);
    }

    /**
     * {@link #identify(EcgRecord)} from the record's first {@code maxBeats} usable beats; the signal quality is
     * judged on the whole record.
     */
    public Identification identify(EcgRecord record, int maxBeats) {
        requirePositiveBeats(maxBeats);
        BeatPipeline.Result r = extract(record);
        SignalQuality q = SignalQuality.of(r);
        return identify(q.tooNoisy() ? null : first(r.beats(), maxBeats), q);
    }

    /**
     * The decision on beats whose signal was judged {@code quality}: a refusal naming nobody when too noisy (the
     * beats are not looked at), else {@link #identify(float[][])} carrying that quality. Records and monitor
     * windows both decide here.
     */
    Identification identify(float[][] beats, SignalQuality quality) {
        if (quality.tooNoisy()) {
            boolean open = !templates().isEmpty();
            return Identification.tooNoisy(quality, open ? threshold : 0,
                    open ? Identification.Mode.OPEN_SET : Identification.Mode.CLOSED_SET);
        }
        Identification who = identify(beats);
        return new Identification(who.personId(), who.score(), who.threshold(), who.beatsUsed(), who.mode(),
                who.ranking(), quality);
    }

    private static void requirePositiveBeats(int maxBeats) {
        if (maxBeats < 1) {
            throw new IllegalArgumentException("maxBeats must be >= 1, got " + maxBeats);
        }
    }

    private static float[][] first(float[][] beats, int maxBeats) {
        return beats.length > maxBeats ? java.util.Arrays.copyOf(beats, maxBeats) : beats;
    }

    /** Identifies from already-extracted beats. */
    public Identification identify(float[][] beats) {
        ensureOpen();
        Gallery gallery = gallery();
        List<PersonTemplate> enrolled = gallery.templates();
        if (beats.length == 0) {
            return new Identification(null, 0, enrolled.isEmpty() ? 0 : threshold, 0,
                    enrolled.isEmpty() ? Identification.Mode.CLOSED_SET : Identification.Mode.OPEN_SET, List.of());
        }
        List<Prediction> predictions = classifier.predictBatch(beats);
        if (enrolled.isEmpty()) {
            return closedSet(predictions);
        }
        float[] probe = Embeddings.meanDirection(identityVectors(predictions, beats), 0, beats.length);
        Identification who = openSet(probe, beats.length, enrolled, threshold, gallery.norm());
        if (!who.isUnknown()) {
            adapt(who.personId(), probe);
        }
        return who;
    }

    /** With adaptation on, moves an accepted person's nearest mode towards the decision's probe. */
    private void adapt(String personId, float[] probe) {
        if (adaptationRate == 0) {
            return;
        }
        synchronized (templates) {
            PersonTemplate t = templates.get(personId);
            if (t != null) {
                templates.put(personId, t.adaptedTowards(probe, adaptationRate));
            }
        }
    }

    /** Template adaptation rate, 0 when templates stay as enrolled ({@link Builder#templateAdaptation}). */
    public double templateAdaptationRate() {
        return adaptationRate;
    }

    private Identification closedSet(List<Prediction> predictions) {
        List<String> labels = classifier.classLabels();
        double[] mean = new double[labels.size()];
        for (Prediction p : predictions) {
            float[] prob = p.probabilities();
            for (int c = 0; c < mean.length; c++) {
                mean[c] += prob[c] / predictions.size();
            }
        }
        List<Identification.Candidate> ranking = new ArrayList<>();
        for (int c = 0; c < mean.length; c++) {
            ranking.add(new Identification.Candidate(labels.get(c), mean[c]));
        }
        ranking.sort(Comparator.comparingDouble(Identification.Candidate::score).reversed());
        Identification.Candidate best = ranking.get(0);
        return new Identification(best.personId(), best.score(), 0, predictions.size(),
                Identification.Mode.CLOSED_SET, ranking);
    }

    /**
     * The enrolled templates a decision scores against and, when {@link Builder#galleryNormalization} is on and at
     * least {@value GalleryNorm#MIN_PEOPLE} people are enrolled, their Z-norm statistics (else null).
     */
    private record Gallery(List<PersonTemplate> templates, GalleryNorm norm) {
    }

    /**
     * The gallery, taken under the templates' lock so that the statistics cover exactly the people of the snapshot
     * (an enrollment between the two would otherwise leave statistics without the new person). The statistics
     * are made on the first decision after the gallery changes by enrollment (not by adaptation) and kept.
     */
    private Gallery gallery() {
        synchronized (templates) {
            List<PersonTemplate> enrolled = List.copyOf(templates.values());
            if (!galleryNormalization || enrolled.size() < GalleryNorm.MIN_PEOPLE) {
                return new Gallery(enrolled, null);
            }
            if (galleryNorm == null) {
                galleryNorm = GalleryNorm.of(enrolled);
            }
            return new Gallery(enrolled, galleryNorm);
        }
    }

    /** Whether identification ranks people by gallery-normalised score ({@link Builder#galleryNormalization}). */
    public boolean galleryNormalization() {
        return galleryNormalization;
    }

    /** Scores a probe against every template; ranked by cosine, or by normalised score when {@code norm} is set. */
    static Identification openSet(float[] probe, int beatsUsed, List<PersonTemplate> enrolled, double threshold,
                                  GalleryNorm norm) {
        record Scored(Identification.Candidate candidate, double rankBy) {
        }
        List<Scored> scored = new ArrayList<>(enrolled.size());
        for (PersonTemplate t : enrolled) {
            double cosine = t.score(probe);
            scored.add(new Scored(new Identification.Candidate(t.personId(), cosine),
                    norm == null ? cosine : norm.normalize(t.personId(), cosine)));
        }
        scored.sort(Comparator.comparingDouble(Scored::rankBy).reversed());
        List<Identification.Candidate> ranking = scored.stream().map(Scored::candidate).toList();
        Identification.Candidate best = ranking.get(0);
        boolean known = best.score() >= threshold;
        return new Identification(known ? best.personId() : null, best.score(), threshold, beatsUsed,
                Identification.Mode.OPEN_SET, ranking);
    }

    /**
     * Verifies a claimed identity against a record. A record too noisy to decide on ({@link SignalQuality}) is
     * rejected without being scored ({@link Verification#tooNoisy()}; its score is the lowest of its mode, as for a
     * record without beats).
     */
    public Verification verify(String personId, EcgRecord record) {
        return verify(personId, record, Integer.MAX_VALUE);
    }

    /**
     * {@link #verify(String, EcgRecord)} from the record's first {@code maxBeats} usable beats; the signal quality
     * is judged on the whole record.
     */
    public Verification verify(String personId, EcgRecord record, int maxBeats) {
        requirePositiveBeats(maxBeats);
        BeatPipeline.Result r = extract(record);
        SignalQuality q = SignalQuality.of(r);
        Verification v = verify(personId, q.tooNoisy() ? new float[0][] : first(r.beats(), maxBeats));
        return new Verification(v.claimedId(), v.accepted(), v.score(), v.threshold(), v.beatsUsed(), v.mode(), q);
    }

    /**
     * Verifies a claimed identity against already-extracted beats. Three kinds of score, by who the person is
     * ({@link Verification#mode()}):
     * <ul>
     *   <li>enrolled: the cosine of the beats' mean identity vector to the person's template ({@code OPEN_SET},
     *       {@link #threshold()});</li>
     *   <li>enrolled <em>and</em> one of the network's classes (a network trained on the people it verifies, the
     *       origin's mode): that cosine plus {@link Builder#combinedVerification weight} times the logarithm of the
     *       class's mean softmax probability ({@code COMBINED}, {@link #combinedThreshold()}; on MIT-BIH its
     *       single-beat EER with a cosine-margin network is 2.22-2.72 % against the cosine's 3.11-3.81 %,
     *       docs/identification.md);</li>
     *   <li>only a class: the class's softmax probability averaged over the beats ({@code CLOSED_SET},
     *       {@link #closedSetThreshold()}).</li>
     * </ul>
     *
     * @throws IllegalArgumentException if the person is neither enrolled nor one of the network's classes
     */
    public Verification verify(String personId, float[][] beats) {
        ensureOpen();
        PersonTemplate t;
        synchronized (templates) {
            t = templates.get(personId);
        }
        int networkClass = classifier.classLabels().indexOf(personId);
        if (t == null && networkClass < 0) {
            throw new IllegalArgumentException("'" + personId + "' is neither enrolled (enrolled: " + templates()
                    .stream().map(PersonTemplate::personId).toList() + ") nor one of the network's classes "
                    + classifier.classLabels() + "; enroll them first");
        }
        Identification.Mode mode = t == null ? Identification.Mode.CLOSED_SET
                : combinedClass(personId) >= 0 ? Identification.Mode.COMBINED : Identification.Mode.OPEN_SET;
        double th = switch (mode) {
            case OPEN_SET -> threshold;
            case COMBINED -> combinedThreshold;
            case CLOSED_SET -> closedSetThreshold;
        };
        if (beats.length == 0) {
            double lowest = switch (mode) {
                case OPEN_SET -> -1;
                case COMBINED -> combinedScore(-1, 0, combinedWeight);
                case CLOSED_SET -> 0;
            };
            return new Verification(personId, false, lowest, th, 0, mode);
        }
        List<Prediction> predictions = classifier.predictBatch(beats);
        double score;
        if (t != null) {
            float[] probe = Embeddings.meanDirection(identityVectors(predictions, beats), 0, beats.length);
            score = t.score(probe);
            if (mode == Identification.Mode.COMBINED) {
                score = combinedScore(score, meanProbability(probabilities(predictions), 0, beats.length,
                        networkClass), combinedWeight);
            }
            if (score >= th) {
                adapt(personId, probe);
            }
        } else {
            score = meanProbability(probabilities(predictions), 0, beats.length, networkClass);
        }
        return new Verification(personId, score >= th, score, th, beats.length, mode);
    }

    /**
     * Threshold of a combined verification (a person both enrolled and a network class, see {@link #verify}); on
     * the cosine's scale: {@link #threshold()} until a calibration with such people enrolled sets it on its own.
     */
    public double combinedThreshold() {
        return combinedThreshold;
    }

    /** Weight of the class probability in a combined verification, 0 when verification uses templates alone. */
    public double combinedWeight() {
        return combinedWeight;
    }

    /** Probability a closed-set verification ({@link #verify} of a trained class) must reach (default 0.5). */
    public double closedSetThreshold() {
        return closedSetThreshold;
    }

    /** The network's raw output (logits, uncentered embedding) for each beat. */
    public List<Prediction> predictions(float[][] beats) {
        ensureOpen();
        return classifier.predictBatch(beats);
    }

    /** Embeddings of beats, {@code [beat][64]}, minus the model's embedding center when it has one. */
    public float[][] embed(float[][] beats) {
        ensureOpen();
        List<Prediction> p = classifier.predictBatch(beats);
        float[][] out = new float[p.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = centered(p.get(i).embedding());
        }
        return out;
    }

    /**
     * The unit vectors open-set identification compares, one per beat: for {@link Matcher#FUSED} (the default
     * with a model trained by ecgid) the beat's whitened network and waveform views ({@link IdentitySpace}), for
     * {@link Matcher#EMBEDDING} its centred embedding. Templates are made of these ({@link PersonTemplate}).
     */
    public float[][] identityVectors(float[][] beats) {
        ensureOpen();
        return identityVectors(classifier.predictBatch(beats), beats);
    }

    private float[][] identityVectors(List<Prediction> predictions, float[][] beats) {
        float[][] out = new float[predictions.size()][];
        for (int i = 0; i < out.length; i++) {
            float[] c = centered(predictions.get(i).embedding());
            out[i] = matcher == Matcher.EMBEDDING ? Embeddings.unit(c) : space.vector(c, beats[i], matcher);
        }
        return out;
    }

    /** Dimension of templates and identity vectors. */
    public int templateDimension() {
        return matcher == Matcher.EMBEDDING ? BeatClassifier.EMBEDDING_SIZE : space.dimension();
    }

    /** What open-set identification and verification compare. */
    public Matcher matcher() {
        return matcher;
    }

    private float[] centered(float[] embedding) {
        if (center == null || center.length != embedding.length) {
            return embedding;
        }
        float[] c = new float[embedding.length];
        for (int d = 0; d < c.length; d++) {
            c[d] = embedding[d] - center[d];
        }
        return c;
    }

    /** The model this identifier runs, with its embedding center in the metadata; save it to reuse a trained one. */
    public OnnxModel model() {
        return model;
    }

    /**
     * Starts continuous verification of a source on a background thread: every {@code beatsPerDecision}
     * detected beats, the listener receives a {@link MonitorDecision}. Close the returned monitor to stop it
     * (closing does not close the source).
     */
    public Monitor monitor(EcgSource source, Consumer<MonitorDecision> listener) {
        ensureOpen();
        if (Math.abs(source.samplingRateHz() - pipeline.samplingRateHz()) > 1e-9) {
            throw new EcgSignalException("Source " + source + " delivers " + source.samplingRateHz()
                    + " Hz but this identifier was built for " + pipeline.samplingRateHz() + " Hz");
        }
        return Monitor.start(this, source, listener, beatsPerDecision);
    }

    /** Beats per decision window for monitoring and calibration. */
    public int beatsPerDecision() {
        return beatsPerDecision;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("EcgIdentifier has been closed");
        }
    }

    /** Frees the inference engine; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            classifier.close();
        }
    }

    @Override
    public String toString() {
        return "EcgIdentifier[" + pipeline.samplingRateHz() + " Hz, " + classifier.engine().cliName() + ", "
                + classifier.classLabels().size() + " classes, " + templates().size() + " enrolled]";
    }

    /**
     * Configures an {@link EcgIdentifier}. Required: {@link #samplingRateHz} and one of {@link #model(Path)},
     * {@link #model(OnnxModel)} or {@link #train}.
     */
    public static final class Builder {
        private double samplingRateHz = Double.NaN;
        private double powerLineHz = 50;
        private Path modelFile;
        private OnnxModel model;
        private Engine engine = Engine.AUTO;
        private String detector;
        private String leadName;
        private double maxGapSeconds = SampleGap.DEFAULT_MAX_GAP_SECONDS;
        private Integer beatsPerDecision;
        private Double threshold;
        private Double combinedThreshold;
        /** The combined threshold of the identifier {@link EcgIdentifier#toBuilder} copied, until a threshold is set. */
        private Double carriedCombinedThreshold;
        private double closedSetThreshold = DEFAULT_CLOSED_SET_THRESHOLD;
        private boolean gateSet;
        private QualityGate gate;
        private Matcher matcher;
        private double adaptationRate;
        private double combinedWeight = DEFAULT_COMBINED_WEIGHT;
        private boolean galleryNormalization;

        private Builder() {
        }

        /** Sampling rate of the records and sources to identify, Hz (100 to 2000). */
        public Builder samplingRateHz(double hz) {
            this.samplingRateHz = hz;
            return this;
        }

        /** Mains frequency to notch out: 50 (default) or 60 Hz. */
        public Builder powerLineHz(double hz) {
            this.powerLineHz = PowerLine.requireSupported(hz);
            return this;
        }

        /** The network, from an ONNX file exported by ecgid (or a compatible PyTorch export). */
        public Builder model(Path onnxFile) {
            this.modelFile = Objects.requireNonNull(onnxFile, "onnxFile");
            return this;
        }

        /** The network, already loaded. */
        public Builder model(OnnxModel loaded) {
            this.model = Objects.requireNonNull(loaded, "model");
            return this;
        }

        /** Which engine runs the network (default {@link Engine#AUTO}: the faster one in this JVM). */
        public Builder engine(Engine e) {
            this.engine = Objects.requireNonNull(e, "engine");
            return this;
        }

        /** R-peak detector (default: the model's, {@link Detector#PAN_TOMPKINS} for a model that names none). */
        public Builder detector(Detector d) {
            this.detector = Objects.requireNonNull(d, "detector").label();
            return this;
        }

        /**
         * Bridge runs of invalid samples (NaN: WFDB's missing-value code, a dropped link) up to this long by
         * linear interpolation; longer runs are refused with a {@code SampleGapException} (default
         * {@value SampleGap#DEFAULT_MAX_GAP_SECONDS} s; 0 refuses any).
         */
        public Builder maxGapSeconds(double seconds) {
            this.maxGapSeconds = SampleGap.requireMaxGapSeconds(seconds);
            return this;
        }

        /** The lead to identify from (default: a record's first lead). */
        public Builder lead(String name) {
            this.leadName = name;
            return this;
        }

        /** Beats per monitoring decision and calibration window (default: what the model's threshold was calibrated for, else 10). */
        public Builder beatsPerDecision(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("beatsPerDecision must be >= 1, got " + k);
            }
            this.beatsPerDecision = k;
            return this;
        }

        /**
         * Open-set acceptance threshold, cosine similarity (default: the model's calibrated threshold,
         * {@link IdentifierSettings}; 0.80 for a model that carries none), until {@link EcgIdentifier#calibrate}.
         */
        public Builder threshold(double cosine) {
            this.threshold = requireCosine(cosine);
            this.carriedCombinedThreshold = null; // a new cosine threshold sets the combined one, as calibration does
            return this;
        }

        /**
         * Threshold of a combined verification (cosine plus weighted log probability, at most 1; default: the
         * cosine threshold), until a calibration with people enrolled who are network classes sets it.
         */
        public Builder combinedThreshold(double score) {
            this.combinedThreshold = requireCombined(score);
            return this;
        }

        /** Softmax probability a closed-set {@link EcgIdentifier#verify} must reach (default 0.5). */
        public Builder closedSetThreshold(double probability) {
            this.closedSetThreshold = requireProbability(probability);
            return this;
        }

        /**
         * Whether beats failing the quality gate are dropped (default: by the model's gate,
         * {@link IdentifierSettings}); {@code true} sets {@link QualityGate#defaults()}, {@code false} keeps every
         * detected beat.
         */
        public Builder qualityGate(boolean on) {
            this.gate = on ? QualityGate.defaults() : null;
            this.gateSet = true;
            return this;
        }

        /**
         * Another beat quality gate, e.g. {@link QualityGate#recurring()} for people with frequent ectopic beats,
         * which the default's correlation with the median beat would drop (docs/identification.md). Use the gate
         * the model was trained with.
         */
        public Builder qualityGate(QualityGate gate) {
            this.gate = Objects.requireNonNull(gate, "gate");
            this.gateSet = true;
            return this;
        }

        /**
         * What open-set identification compares (default {@link Matcher#FUSED} when the model carries an
         * {@link IdentitySpace}, as every model trained by ecgid does; else {@link Matcher#EMBEDDING}); null
         * restores that default.
         */
        public Builder matcher(Matcher m) {
            this.matcher = m;
            return this;
        }

        /**
         * Template adaptation for monitoring sessions in which a person's ECG drifts (default 0: templates stay as
         * enrolled). With a rate in (0, 1], every accepted open-set decision — {@code identify} or {@code monitor}
         * naming a person, {@code verify} accepting a claim — moves that person's nearest mode towards the
         * decision's probe by {@code rate} ({@link PersonTemplate#adaptedTowards}). A stranger accepted by mistake
         * moves a template too, so set a strict, calibrated threshold first (e.g. for 0.1 % FAR). On MIT-BIH (one
         * long session per person: minutes 20–30 against templates from minutes 0–5, rate 0.2) it raised 10-beat
         * rank-1 from 96.6 to 99.0 %; on ECG-ID (many 20-second sessions of different people) it lowered
         * single-beat rank-1 from 83.2 to 79.4 % (docs/identification.md). Adapted templates are what
         * {@link #templates()} and {@link #saveTemplates} return.
         */
        public Builder templateAdaptation(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("adaptation rate must be in [0, 1], got " + rate);
            }
            this.adaptationRate = rate;
            return this;
        }

        /**
         * How much the network's own opinion counts when verifying a person who is both enrolled and one of its
         * classes (the origin's mode: a network trained on the people it verifies): the score is the template
         * cosine plus {@code weight} times the natural logarithm of the claimed class's mean softmax probability
         * ({@link EcgIdentifier#combinedScore}). Default {@value EcgIdentifier#DEFAULT_COMBINED_WEIGHT}; 0 verifies by
         * the template alone. On MIT-BIH (47 people, a cosine-margin network trained on minutes 0-5, tested on
         * minutes 20-30, amplitude gate) it lowered the EER from 3.11-3.81 % to 2.22-2.72 % on single beats and
         * from 1.26-2.08 % to 0.72-1.57 % on ten, over three seeds; with the default gate and the softmax loss,
         * where the network's probability is the weaker verifier, single beats got worse (3.85 to 4.27 %) and
         * ten beats stayed level (3.25 to 3.21 %) (docs/identification.md). People who are not network classes
         * are verified by their template.
         */
        public Builder combinedVerification(double weight) {
            if (!(weight >= 0 && weight <= 1)) {
                throw new IllegalArgumentException("combined verification weight must be in [0, 1], got " + weight);
            }
            this.combinedWeight = weight;
            return this;
        }

        /**
         * Ranks enrolled people by gallery-normalised score instead of raw cosine (default off): each person's
         * cosine is Z-normalised by the mean and spread of the cosines the other enrolled people's template modes
         * reach against their template ({@link GalleryNorm}), so that a template many people resemble does not win
         * windows that fit another person better than usual. Only who ranks first changes: the winner's cosine is
         * still what {@link Identification#confidence()} reports and what the threshold tests, and the ranking's
         * scores stay cosines (so they need not fall monotonically). Needs {@value GalleryNorm#MIN_PEOPLE} people
         * enrolled, else the cosine ranks. {@code verify} is unchanged. Measured on MIT-BIH in
         * docs/identification.md.
         */
        public Builder galleryNormalization(boolean on) {
            this.galleryNormalization = on;
            return this;
        }

        /**
         * Loads the network and opens the engine. Without {@link #model(Path)} or {@link #model(OnnxModel)} the
         * general identity model is used ({@link PretrainedModels#general()}, artefact
         * {@value PretrainedModels#GENERAL_ARTIFACT}).
         */
        public EcgIdentifier build() {
            if (Double.isNaN(samplingRateHz)) {
                throw new IllegalStateException("samplingRateHz is required");
            }
            if (modelFile != null && model != null) {
                throw new IllegalStateException("set one of model(Path) or model(OnnxModel), not both");
            }
            OnnxModel m = modelFile != null ? OnnxModel.read(modelFile) : model != null ? model
                    : PretrainedModels.general();
            IdentitySpace space = IdentitySpace.of(m).orElse(null); // decoded once, here
            if (matcher != null && matcher != Matcher.EMBEDDING && space == null) {
                throw new EcgModelException(m.source() + " has no identity space (metadata "
                        + IdentitySpace.METADATA_KEY + "), so matcher " + matcher + " cannot run; use"
                        + " Matcher.EMBEDDING or a model trained by ecgid (IdentityTrainer in io.github.ecgid.model.train)");
            }
            return new EcgIdentifier(this, m, space, BeatClassifier.open(m, engine));
        }
    }
}
