package io.github.ecgid.model.nn;

import io.github.ecgid.core.EcgModelException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Labelled beats to train or validate a {@link LightweightCnn} on: {@code size()} beats of 175 finite samples,
 * each with a class index into {@code classNames}. Immutable; arrays are copied in and out.
 *
 * <pre>{@code
 * TrainingSet all = TrainingSet.of(beats, labels, List.of("alice", "bob", "carol"));
 * TrainingSet.Split split = all.stratifiedSplit(0.2, 42);
 * }</pre>
 */
public final class TrainingSet {

    private final float[] beats; // [i * 175 + t]
    private final int[] labels;
    private final List<String> classNames;

    private TrainingSet(float[] beats, int[] labels, List<String> classNames) {
        this.beats = beats;
        this.labels = labels;
        this.classNames = classNames;
    }

    /**
     * Checks and copies the beats.
     *
     * @param beats      {@code beats[i]} has 175 finite samples (preprocessed and z-scored like inference input)
     * @param labels     {@code labels[i]} in {@code 0..classNames.size()-1}
     * @param classNames at least 2 unique names, index = class
     * @throws EcgModelException naming the first bad beat or label
     */
    public static TrainingSet of(float[][] beats, int[] labels, List<String> classNames) {
        Objects.requireNonNull(beats, "beats");
        Objects.requireNonNull(labels, "labels");
        List<String> names = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
        if (names.size() < 2) {
            throw new EcgModelException("Training needs at least 2 classes, got " + names);
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new EcgModelException("Class names must be unique, got " + names);
        }
        if (beats.length != labels.length) {
            throw new EcgModelException(beats.length + " beats but " + labels.length + " labels");
        }
        int len = LightweightCnn.BEAT_LENGTH;
        float[] flat = new float[beats.length * len];
        for (int i = 0; i < beats.length; i++) {
            float[] b = Objects.requireNonNull(beats[i], "beats[" + i + "]");
            if (b.length != len) {
                throw new EcgModelException("Beat " + i + " has " + b.length + " samples, the network needs " + len);
            }
            for (int t = 0; t < len; t++) {
                if (!Float.isFinite(b[t])) {
                    throw new EcgModelException("Beat " + i + " has " + (Float.isNaN(b[t]) ? "NaN" : "an infinite value")
                            + " at sample " + t);
                }
            }
            System.arraycopy(b, 0, flat, i * len, len);
            if (labels[i] < 0 || labels[i] >= names.size()) {
                throw new EcgModelException("Label of beat " + i + " is " + labels[i] + ", expected 0.."
                        + (names.size() - 1) + " for classes " + names);
            }
        }
        return new TrainingSet(flat, labels.clone(), names);
    }

    /** Same as {@link #of(float[][], int[], List)} for beats in double precision. */
    public static TrainingSet ofDoubles(double[][] beats, int[] labels, List<String> classNames) {
        Objects.requireNonNull(beats, "beats");
        float[][] f = new float[beats.length][];
        for (int i = 0; i < beats.length; i++) {
            double[] b = Objects.requireNonNull(beats[i], "beats[" + i + "]");
            f[i] = new float[b.length];
            for (int t = 0; t < b.length; t++) {
                f[i][t] = (float) b[t];
            }
        }
        return of(f, labels, classNames);
    }

    /** Number of beats. */
    public int size() {
        return labels.length;
    }

    /** Number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    /** Class names, index = class. */
    public List<String> classNames() {
        return classNames;
    }

    /** A copy of beat {@code i}. */
    public float[] beat(int i) {
        float[] b = new float[LightweightCnn.BEAT_LENGTH];
        System.arraycopy(beats, i * b.length, b, 0, b.length);
        return b;
    }

    /** Class index of beat {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Beats per class, index = class. */
    public int[] classCounts() {
        int[] c = new int[numClasses()];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    float[] flatBeats() {
        return beats;
    }

    int[] labelsView() {
        return labels;
    }

    /**
     * {@code "sha256:<hex>"} over class names, labels and beat values in order: two sets with the same fingerprint
     * hold the same data. Meant for model provenance; reveals nothing usable about the signals.
     */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String name : classNames) {
                md.update(name.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            ByteBuffer buf = ByteBuffer.allocate(4 * (labels.length + beats.length));
            for (int l : labels) {
                buf.putInt(l);
            }
            for (float v : beats) {
                buf.putFloat(v);
            }
            md.update(buf.array());
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** A training and a validation set drawn from one set. */
    public record Split(TrainingSet training, TrainingSet validation) {
    }

    /**
     * Splits each class at random (seeded) so that {@code round(validationFraction * count)} of its beats go to
     * validation; both parts keep the original order otherwise. A fraction of 0 gives an empty validation set.
     */
    public Split stratifiedSplit(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] toValidation = new boolean[size()];
        for (int c = 0; c < numClasses(); c++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                if (labels[i] == c) {
                    idx.add(i);
                }
            }
            for (int i = idx.size() - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                Integer tmp = idx.get(i);
                idx.set(i, idx.get(j));
                idx.set(j, tmp);
            }
            long take = Math.round(validationFraction * idx.size());
            for (int i = 0; i < take; i++) {
                toValidation[idx.get(i)] = true;
            }
        }
        return new Split(subset(toValidation, false), subset(toValidation, true));
    }

    private TrainingSet subset(boolean[] mask, boolean keep) {
        int count = 0;
        for (boolean m : mask) {
            if (m == keep) {
                count++;
            }
        }
        int len = LightweightCnn.BEAT_LENGTH;
        float[] b = new float[count * len];
        int[] l = new int[count];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == keep) {
                System.arraycopy(beats, i * len, b, k * len, len);
                l[k++] = labels[i];
            }
        }
        return new TrainingSet(b, l, classNames);
    }

    @Override
    public String toString() {
        return "TrainingSet[" + size() + " beats, classes=" + classNames + "]";
    }
}
