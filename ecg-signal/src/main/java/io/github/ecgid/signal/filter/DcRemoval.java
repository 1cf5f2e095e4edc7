package io.github.ecgid.signal.filter;

/**
 * DC (baseline offset) removal as the seed did it offline: subtract the mean of the whole signal.
 * For live signals use a {@link Butterworth#highPass} streaming filter instead.
 */
public final class DcRemoval {
    private DcRemoval() {
    }

    /** Mean of {@code x} (0 for an empty array), summed in order. */
    public static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return x.length == 0 ? 0 : sum / x.length;
    }

    /** A copy of {@code x} minus its mean. */
    public static double[] removeMean(double[] x) {
        double[] y = x.clone();
        removeMeanInPlace(y);
        return y;
    }

    /** Subtracts the mean of {@code x} from every sample, in place. */
    public static void removeMeanInPlace(double[] x) {
        double m = mean(x);
        for (int i = 0; i < x.length; i++) {
            x[i] -= m;
        }
    }
}
