package io.github.ecgid.model.train;

import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.IdentifierSettings;
import io.github.ecgid.model.identify.IdentifierSettings.Gate;
import io.github.ecgid.model.nn.BeatAugmenter;
import io.github.ecgid.model.nn.TrainedCnn;
import io.github.ecgid.model.nn.TrainingListener;
import io.github.ecgid.model.nn.TrainingOptions;
import io.github.ecgid.model.nn.TrainingSet;
import io.github.ecgid.model.onnx.ModelProvenance;
import io.github.ecgid.model.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How an identity network is trained from a corpus of people (the trainer half of Tribuo's trainer/model split):
 * which beats become classes and how many of each, how they are augmented, the network's training options, the
 * beat quality gate, and the open-set threshold the model will carry. {@link #train} returns an immutable model
 * file ({@link OnnxModel}) holding everything an identifier needs: weights, embedding centre, identity space,
 * {@link IdentifierSettings} and provenance.
 *
 * <pre>{@code
 * IdentityRecipe recipe = IdentityRecipe.general();
 * OnnxModel model = recipe.train(IdentityCorpus.general(DataLocation.resolve(), recipe, log), listener);
 * }</pre>
 *
 * @param options           the network's training options (loss, epochs, seed)
 * @param maxBeatsPerPerson most beats of a person's primary lead, evenly spread over their recordings
 * @param maxBeatsPerView   most beats of each other lead, a class of its own; 0 leaves other leads out (the general
 *                          recipe: LUDB's 11 other leads as classes lowered unseen ECG-ID people's 10-beat
 *                          rank-1 on two folds, MODEL-CARD.md)
 * @param augmentCopies     augmented copies of each training beat
 * @param augmenter         how the copies are made
 * @param gate              the beat quality gate of training, enrollment and identification
 * @param threshold         the open-set threshold (cosine) the model carries, for {@code beatsPerDecision} beats
 * @param beatsPerDecision  beats per decision the threshold is meant for
 */
public record IdentityRecipe(TrainingOptions options, int maxBeatsPerPerson, int maxBeatsPerView, int augmentCopies,
                             BeatAugmenter augmenter, Gate gate, double threshold, int beatsPerDecision) {

    /** Name written into the provenance of models made by {@link #general()}. */
    public static final String GENERAL = "general";

    public IdentityRecipe {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(augmenter, "augmenter");
        Objects.requireNonNull(gate, "gate");
        if (maxBeatsPerPerson < 2 || maxBeatsPerView < 0 || augmentCopies < 0) {
            throw new IllegalArgumentException("beats per person must be >= 2, per view and copies >= 0, got "
                    + maxBeatsPerPerson + ", " + maxBeatsPerView + ", " + augmentCopies);
        }
        if (!(threshold >= -1 && threshold <= 1) || beatsPerDecision < 1) {
            throw new IllegalArgumentException("threshold must be a cosine in [-1, 1] and beats per decision >= 1, got "
                    + threshold + ", " + beatsPerDecision);
        }
    }

    /**
     * The recipe of the general model that ships with ecgid (artefact {@code ecg-model-pretrained}): one
     * shape-augmented copy of each training beat (T-wave timing, shift, baseline tilt, noise), which on the same
     * two person-disjoint folds raised unseen people's rank-1 over no augmentation and over 60 epochs.
     */
    public static IdentityRecipe general() {
        return new IdentityRecipe(TrainingOptions.builder().epochs(40).cosineMargin(16, 0.3).seed(42)
                .validationFraction(0.1).build(), 200, 0, 1, BeatAugmenter.defaults(), Gate.FULL,
                EcgIdentifier.DEFAULT_THRESHOLD, EcgIdentifier.DEFAULT_BEATS_PER_DECISION);
    }

    /** The identifier settings the trained model carries. */
    public IdentifierSettings settings() {
        return new IdentifierSettings(gate, false, IdentifierSettings.defaults().detector(), threshold,
                beatsPerDecision);
    }

    /** The beat pipeline of this recipe for one sampling rate and mains frequency. */
    public BeatPipeline pipeline(double samplingRateHz, double powerLineHz) {
        return settings().pipeline(samplingRateHz, powerLineHz);
    }

    /** The labelled beats this recipe trains on: one class per person, and one per other lead where kept. */
    public TrainingSet trainingSet(List<CorpusPerson> people) {
        List<float[]> beats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (CorpusPerson p : people) {
            add(p.id(), spread(p.allBeats(), maxBeatsPerPerson), beats, labels, names);
            if (maxBeatsPerView > 0) {
                for (Map.Entry<String, float[][]> v : new TreeMap<>(p.views()).entrySet()) {
                    add(p.id() + ":" + v.getKey(), spread(Arrays.asList(v.getValue()), maxBeatsPerView), beats,
                            labels, names);
                }
            }
        }
        return TrainingSet.of(beats.toArray(new float[0][]), labels.stream().mapToInt(i -> i).toArray(), names);
    }

    private static void add(String name, List<float[]> b, List<float[]> beats, List<Integer> labels,
                            List<String> names) {
        if (b.size() < 2) {
            return; // a class needs beats on both sides of the validation split
        }
        int c = names.size();
        names.add(name);
        for (float[] x : b) {
            beats.add(x);
            labels.add(c);
        }
    }

    /** Trains the network on {@code people}, fits its identity space on the same beats and attaches the settings. */
    public OnnxModel train(List<CorpusPerson> people, TrainingListener listener) {
        return train(people, Map.of(), listener);
    }

    /**
     * As {@link #train(List, TrainingListener)}, recording {@code datasets} (name to {@code "sha256:..."}) in the
     * model's metadata ({@value #DATASETS_KEY}).
     */
    public OnnxModel train(List<CorpusPerson> people, Map<String, String> datasets, TrainingListener listener) {
        TrainingSet all = trainingSet(people);
        TrainedCnn trained = IdentityTrainer.fitNetwork(all, options, augmentCopies, augmenter, listener);
        OnnxModel m = OnnxModel.export(trained.weights(), ModelProvenance.builder()
                .classLabels(all.classNames())
                .samplingRateHz(500)
                .preprocessing(pipeline(500, 50).describe().replace("fs 500.0 Hz; ", "any sampling rate; ")
                        .replace("notch 50.0 Hz", "notch at the recording's mains frequency"))
                .trainingDataSha256(all.fingerprint())
                .seed(options.seed())
                .build());
        m = IdentityTrainer.finish(m, all, settings());
        m = m.withMetadata(RECIPE_KEY, toString());
        if (!datasets.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            new TreeMap<>(datasets).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ";").append(k).append('=')
                    .append(v));
            m = m.withMetadata(DATASETS_KEY, sb.toString());
        }
        return m;
    }

    /** Metadata key of the recipe a model was trained by. */
    public static final String RECIPE_KEY = "ecgid.recipe";
    /** Metadata key of the data sets (name and SHA-256) a model was trained on. */
    public static final String DATASETS_KEY = "ecgid.datasets";

    /** At most {@code max} beats, evenly spread. */
    static List<float[]> spread(List<float[]> beats, int max) {
        if (beats.size() <= max) {
            return beats;
        }
        List<float[]> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(beats.get((int) ((long) i * beats.size() / max)));
        }
        return out;
    }

    /** A copy with other training options. */
    public IdentityRecipe withOptions(TrainingOptions o) {
        return new IdentityRecipe(o, maxBeatsPerPerson, maxBeatsPerView, augmentCopies, augmenter, gate, threshold,
                beatsPerDecision);
    }

    /** A copy with other caps on beats per person and per other lead. */
    public IdentityRecipe withBeats(int perPerson, int perView) {
        return new IdentityRecipe(options, perPerson, perView, augmentCopies, augmenter, gate, threshold,
                beatsPerDecision);
    }

    /** A copy with other augmentation. */
    public IdentityRecipe withAugmentation(int copies, BeatAugmenter how) {
        return new IdentityRecipe(options, maxBeatsPerPerson, maxBeatsPerView, copies, how, gate, threshold,
                beatsPerDecision);
    }

    /** A copy with another beat quality gate. */
    public IdentityRecipe withGate(Gate g) {
        return new IdentityRecipe(options, maxBeatsPerPerson, maxBeatsPerView, augmentCopies, augmenter, g, threshold,
                beatsPerDecision);
    }
}
