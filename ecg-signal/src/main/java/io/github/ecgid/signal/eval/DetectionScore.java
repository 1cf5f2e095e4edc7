package io.github.ecgid.signal.eval;

/**
 * Beat-detection counts and the rates derived from them (fractions 0-1).
 *
 * @param truePositives  detections matched one-to-one to a reference beat within the tolerance
 * @param falsePositives detections with no reference beat
 * @param falseNegatives reference beats with no detection
 */
public record DetectionScore(long truePositives, long falsePositives, long falseNegatives) {

    public DetectionScore {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("Counts must be >= 0, got TP " + truePositives + ", FP "
                    + falsePositives + ", FN " + falseNegatives);
        }
    }

    /** No beats at all. */
    public static DetectionScore zero() {
        return new DetectionScore(0, 0, 0);
    }

    /** Sensitivity TP / (TP + FN); 1 when there is no reference beat. */
    public double sensitivity() {
        long d = truePositives + falseNegatives;
        return d == 0 ? 1.0 : (double) truePositives / d;
    }

    /** Positive predictivity TP / (TP + FP); 1 when nothing was detected. */
    public double positivePredictivity() {
        long d = truePositives + falsePositives;
        return d == 0 ? 1.0 : (double) truePositives / d;
    }

    /** F1 = 2 TP / (2 TP + FP + FN); 1 when there are neither reference beats nor detections. */
    public double f1() {
        long d = 2 * truePositives + falsePositives + falseNegatives;
        return d == 0 ? 1.0 : 2.0 * truePositives / d;
    }

    /** Sum of counts (gross statistics over records). */
    public DetectionScore plus(DetectionScore o) {
        return new DetectionScore(truePositives + o.truePositives, falsePositives + o.falsePositives,
                falseNegatives + o.falseNegatives);
    }

    @Override
    public String toString() {
        return String.format("TP %d FP %d FN %d Se %.4f +P %.4f F1 %.4f", truePositives, falsePositives,
                falseNegatives, sensitivity(), positivePredictivity(), f1());
    }
}
