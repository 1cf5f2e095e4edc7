package io.github.ecgid.model.nn;

import java.util.List;
import java.util.Random;

/**
 * Makes extra training beats that vary the way one person's beats vary between recordings, so the network
 * learns the person rather than the session. Two kinds of change, each off at 0:
 * <ul>
 *   <li><b>shape</b> ({@link #defaults()}): the T wave moves with heart rate (the part after the R-peak is stretched
 *       by up to ±{@code warp}), the R-peak is found a sample or two off (shift by up to {@code shiftSamples}), the
 *       baseline tilts and wanders a little, and noise is added;</li>
 *   <li><b>wave amplitudes</b> ({@link #waveAmplitudes}): the QRS complex and the T wave grow or shrink relative to
 *       the rest of the beat, each by its own factor drawn log-uniformly within ±{@code qrsLogGain} and
 *       ±{@code tWaveLogGain} (natural log; 0.3 means ×0.74 to ×1.35), as they do with respiration, electrode
 *       contact and posture between sessions. Since beats are z-scored, a gain on the whole beat would change
 *       nothing; a gain on one wave changes the shape the network sees.</li>
 * </ul>
 * Every copy is z-scored again like real beats. The R-peak's position in the beat (0.25 s of 0.70 s) is the warp's
 * fixed point; the QRS window is the R-peak ± 0.06 s and the T window 0.14–0.42 s after it (raised-cosine tapers,
 * so no step enters the beat), scaled about the beat's mean.
 *
 * <pre>{@code
 * TrainingSet.Split s = data.stratifiedSplit(0.1, seed);
 * TrainingSet bigger = BeatAugmenter.defaults().augment(s.training(), 2, seed);   // original + 2 copies each
 * CnnTrainer.train(bigger, s.validation(), options, listener);
 * }</pre>
 *
 * @param warp          largest relative stretch of the post-R part, e.g. 0.12
 * @param shiftSamples  largest shift of the whole beat, in samples of the 175-sample beat
 * @param tiltZ         largest linear baseline tilt end to end, in z-score units
 * @param noiseZ        standard deviation of added white noise, in z-score units
 * @param qrsLogGain    largest natural-log gain of the QRS complex relative to the rest of the beat, e.g. 0.3
 * @param tWaveLogGain  largest natural-log gain of the T wave relative to the rest of the beat, e.g. 0.3
 */
public record BeatAugmenter(double warp, double shiftSamples, double tiltZ, double noiseZ, double qrsLogGain,
        double tWaveLogGain) {

    public BeatAugmenter {
        if (!(warp >= 0 && warp < 0.5) || !(shiftSamples >= 0) || !(tiltZ >= 0) || !(noiseZ >= 0)
                || !(qrsLogGain >= 0 && qrsLogGain <= 1) || !(tWaveLogGain >= 0 && tWaveLogGain <= 1)) {
            throw new IllegalArgumentException("augmentation amounts must be >= 0 (warp < 0.5, log gains <= 1), got"
                    + " warp " + warp + ", shift " + shiftSamples + ", tilt " + tiltZ + ", noise " + noiseZ
                    + ", QRS log gain " + qrsLogGain + ", T-wave log gain " + tWaveLogGain);
        }
    }

    /** Shape only: warp ±12 %, shift ±2 samples, tilt ±0.3, noise 0.05 (z-score units); wave amplitudes kept. */
    public static BeatAugmenter defaults() {
        return new BeatAugmenter(0.12, 2, 0.3, 0.05, 0, 0);
    }

    /**
     * Wave amplitudes only: the QRS complex and the T wave scaled by factors within e<sup>±qrsLogGain</sup> and
     * e<sup>±tWaveLogGain</sup>; no warp, shift, tilt or noise. {@code waveAmplitudes(0.3, 0.3)} is what the
     * MIT-BIH time split was measured with (docs/identification.md).
     */
    public static BeatAugmenter waveAmplitudes(double qrsLogGain, double tWaveLogGain) {
        return new BeatAugmenter(0, 0, 0, 0, qrsLogGain, tWaveLogGain);
    }

    /** The original beats followed by {@code copies} augmented versions of each, labels kept. */
    public TrainingSet augment(TrainingSet data, int copies, long seed) {
        if (copies < 0) {
            throw new IllegalArgumentException("copies must be >= 0, got " + copies);
        }
        Random rnd = new Random(seed);
        int n = data.size();
        float[][] beats = new float[n * (copies + 1)][];
        int[] labels = new int[beats.length];
        for (int i = 0; i < n; i++) {
            beats[i] = data.beat(i);
            labels[i] = data.label(i);
        }
        for (int c = 1; c <= copies; c++) {
            for (int i = 0; i < n; i++) {
                beats[c * n + i] = augmentOne(beats[i], rnd);
                labels[c * n + i] = labels[i];
            }
        }
        return TrainingSet.of(beats, labels, List.copyOf(data.classNames()));
    }

    float[] augmentOne(float[] beat, Random rnd) {
        int len = beat.length;
        double r = 0.25 / 0.70 * (len - 1);
        double post = 1 + warp * (2 * rnd.nextDouble() - 1);
        double pre = 1 + warp / 3 * (2 * rnd.nextDouble() - 1);
        double shift = shiftSamples * (2 * rnd.nextDouble() - 1);
        double tilt = tiltZ * (2 * rnd.nextDouble() - 1);
        double[] out = new double[len];
        for (int j = 0; j < len; j++) {
            // output sample j shows the input at r + (j - r) / stretch, moved by the shift
            double stretch = j >= r ? post : pre;
            double x = r + (j - r) / stretch + shift;
            x = Math.max(0, Math.min(len - 1, x));
            int k = Math.min((int) x, len - 2);
            double t = x - k;
            out[j] = (1 - t) * beat[k] + t * beat[k + 1] + tilt * (j / (double) (len - 1) - 0.5)
                    + noiseZ * rnd.nextGaussian();
        }
        if (qrsLogGain > 0 || tWaveLogGain > 0) {
            double qrsGain = Math.exp(qrsLogGain * (2 * rnd.nextDouble() - 1));
            double tGain = Math.exp(tWaveLogGain * (2 * rnd.nextDouble() - 1));
            double samplesPerSecond = (len - 1) / 0.70;
            for (int j = 0; j < len; j++) {
                double qWeight = taper((j - r) / (0.06 * samplesPerSecond));
                double tWeight = taper((j - r - 0.28 * samplesPerSecond) / (0.14 * samplesPerSecond));
                out[j] *= 1 + (qrsGain - 1) * qWeight + (tGain - 1) * tWeight;
            }
        }
        double mean = 0;
        for (double v : out) {
            mean += v;
        }
        mean /= len;
        double var = 0;
        for (double v : out) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / len);
        float[] z = new float[len];
        for (int j = 0; j < len; j++) {
            z[j] = (float) (sd > 0 ? (out[j] - mean) / sd : 0);
        }
        return z;
    }

    /** Raised-cosine window: 1 at {@code x} = 0, falling smoothly to 0 at |x| = 1 and staying there. */
    private static double taper(double x) {
        return Math.abs(x) < 1 ? 0.5 * (1 + Math.cos(Math.PI * x)) : 0;
    }
}
