package io.github.ecgid.hrv.mfcc;

/**
 * MFCCs of one signal: {@code frames()[frame][coefficient]} and per-coefficient statistics over frames
 * (population standard deviation).
 */
public final class MfccResult {

    private final double[][] frames;
    private final double[] mean;
    private final double[] std;
    private final double[] min;
    private final double[] max;

    MfccResult(double[][] frames) {
        this.frames = frames;
        int c = frames[0].length;
        mean = new double[c];
        std = new double[c];
        min = new double[c];
        max = new double[c];
        for (int k = 0; k < c; k++) {
            double s = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] f : frames) {
                s += f[k];
                lo = Math.min(lo, f[k]);
                hi = Math.max(hi, f[k]);
            }
            double m = s / frames.length;
            double ss = 0;
            for (double[] f : frames) {
                ss += (f[k] - m) * (f[k] - m);
            }
            mean[k] = m;
            std[k] = Math.sqrt(ss / frames.length);
            min[k] = lo;
            max[k] = hi;
        }
    }

    /** Number of frames. */
    public int frameCount() {
        return frames.length;
    }

    /** Copy of the coefficients, {@code [frame][coefficient]}. */
    public double[][] frames() {
        double[][] out = new double[frames.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = frames[i].clone();
        }
        return out;
    }

    /** Mean of each coefficient over frames. */
    public double[] mean() {
        return mean.clone();
    }

    /** Population standard deviation of each coefficient over frames (0 for a single frame). */
    public double[] std() {
        return std.clone();
    }

    /** Minimum of each coefficient over frames. */
    public double[] min() {
        return min.clone();
    }

    /** Maximum of each coefficient over frames. */
    public double[] max() {
        return max.clone();
    }

    /** Mean, std, min and max concatenated: 4 × coefficients values, a fixed-length feature vector. */
    public double[] statistics() {
        int c = mean.length;
        double[] out = new double[4 * c];
        System.arraycopy(mean, 0, out, 0, c);
        System.arraycopy(std, 0, out, c, c);
        System.arraycopy(min, 0, out, 2 * c, c);
        System.arraycopy(max, 0, out, 3 * c, c);
        return out;
    }
}
