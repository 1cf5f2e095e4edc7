package io.github.ecgid.core.synth;

import io.github.ecgid.core.EcgSignalException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * The beat morphology of one synthetic person: the five Gaussian events P, Q, R, S, T of the ECGSYN model
 * (McSharry et al., IEEE TBME 50(3), 2003) as angles on the limit cycle, amplitudes and widths, plus the
 * person's R-wave amplitude in mV and resting heart rate.
 *
 * <p>Angles and widths are given for a heart rate of 60 bpm; the generator rescales them to the session's
 * mean heart rate as the paper does. {@link #of(int, long)} derives a person deterministically from an id and
 * a seed, so the same person always has the same morphology and different persons differ visibly (P and T
 * position and size, Q and S depth, QRS width, R amplitude).
 *
 * <pre>{@code
 * PersonProfile alice = PersonProfile.of(1, 42);
 * PersonProfile textbook = PersonProfile.standard(); // the paper's Table 1
 * }</pre>
 *
 * @param personId             an identifier carried into recordings (not interpreted)
 * @param seed                 the seed the profile was derived from ({@code 0} for {@link #standard()})
 * @param thetaRadians         event angles for P, Q, R, S, T in radians at 60 bpm, strictly increasing in (-pi, pi)
 * @param amplitudes           event amplitudes a_i of the model's z equation (dimensionless, R positive)
 * @param widthsRadians        event widths b_i in radians at 60 bpm, positive
 * @param rAmplitudeMv         height of the R wave above the isoelectric line in mV, positive
 * @param restingHeartRateBpm  the person's typical heart rate, used when a recording does not fix one
 */
public record PersonProfile(int personId, long seed, double[] thetaRadians, double[] amplitudes,
                            double[] widthsRadians, double rAmplitudeMv, double restingHeartRateBpm) {

    /** Number of Gaussian events per beat (P, Q, R, S, T). */
    public static final int EVENTS = 5;
    /** Index of the R event in the arrays. */
    public static final int R = 2;

    private static final double[] THETA_DEG = {-70, -15, 0, 15, 100};
    private static final double[] A = {1.2, -5, 30, -7.5, 0.75};
    private static final double[] B = {0.25, 0.1, 0.1, 0.1, 0.4};

    public PersonProfile {
        thetaRadians = checked("thetaRadians", thetaRadians);
        amplitudes = checked("amplitudes", amplitudes);
        widthsRadians = checked("widthsRadians", widthsRadians);
        for (int i = 0; i < EVENTS; i++) {
            if (!(thetaRadians[i] > -Math.PI && thetaRadians[i] < Math.PI)
                    || (i > 0 && !(thetaRadians[i] > thetaRadians[i - 1]))) {
                throw new EcgSignalException("Event angles must increase strictly within (-pi, pi), got "
                        + Arrays.toString(thetaRadians));
            }
            if (!(widthsRadians[i] > 0)) {
                throw new EcgSignalException("Event widths must be positive, got " + Arrays.toString(widthsRadians));
            }
        }
        if (thetaRadians[R] != 0) {
            throw new EcgSignalException("The R event must sit at angle 0, got " + thetaRadians[R]);
        }
        if (!(amplitudes[R] > 0)) {
            throw new EcgSignalException("The R amplitude must be positive, got " + amplitudes[R]);
        }
        if (!(rAmplitudeMv > 0) || Double.isInfinite(rAmplitudeMv)) {
            throw new EcgSignalException("rAmplitudeMv must be positive and finite, got " + rAmplitudeMv);
        }
        if (!(restingHeartRateBpm >= 30 && restingHeartRateBpm <= 200)) {
            throw new EcgSignalException("restingHeartRateBpm must be in 30..200, got " + restingHeartRateBpm);
        }
    }

    /** The paper's default morphology (Table 1), R wave 1.2 mV, 60 bpm. */
    public static PersonProfile standard() {
        double[] theta = new double[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            theta[i] = Math.toRadians(THETA_DEG[i]);
        }
        return new PersonProfile(0, 0, theta, A, B, 1.2, 60);
    }

    /**
     * A deterministic person: the paper's morphology perturbed by a random stream derived from
     * {@code personId} and {@code seed}. Equal arguments give equal profiles on every JVM.
     */
    public static PersonProfile of(int personId, long seed) {
        Random rnd = new Random(Seeds.mix(seed, personId, 0x5045_5253_4f4eL));
        double[] theta = new double[EVENTS];
        theta[0] = Math.toRadians(-70 + 9 * g(rnd));
        theta[1] = Math.toRadians(-15 + 2.5 * g(rnd));
        theta[2] = 0;
        theta[3] = Math.toRadians(15 + 2.5 * g(rnd));
        theta[4] = Math.toRadians(100 + 12 * g(rnd));
        double qrsWidth = StrictMath.exp(0.12 * g(rnd));
        double[] b = {
            B[0] * StrictMath.exp(0.15 * g(rnd)),
            B[1] * qrsWidth * StrictMath.exp(0.06 * g(rnd)),
            B[2] * qrsWidth,
            B[3] * qrsWidth * StrictMath.exp(0.06 * g(rnd)),
            B[4] * StrictMath.exp(0.15 * g(rnd))
        };
        // a wave's height in z is about a * b^2 / omega; dividing by the width change keeps width and height
        // separate traits, so a wide T does not also become a tall one
        double[] height = {
            StrictMath.exp(0.3 * g(rnd)), StrictMath.exp(0.35 * g(rnd)), 1, StrictMath.exp(0.35 * g(rnd)), StrictMath.exp(0.3 * g(rnd))
        };
        double[] a = new double[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            double widthChange = b[i] / B[i];
            a[i] = A[i] * height[i] / (widthChange * widthChange);
        }
        double rMv = 1.0 + 0.6 * rnd.nextDouble();
        double restingBpm = 60 + 20 * rnd.nextDouble();
        return new PersonProfile(personId, seed, theta, a, b, rMv, restingBpm);
    }

    /** A standard normal draw clipped to +-2.5 so that no event can overtake its neighbour. */
    private static double g(Random rnd) {
        return Math.max(-2.5, Math.min(2.5, rnd.nextGaussian()));
    }

    private static double[] checked(String name, double[] values) {
        Objects.requireNonNull(values, name);
        if (values.length != EVENTS) {
            throw new EcgSignalException(name + " needs " + EVENTS + " values (P, Q, R, S, T), got " + values.length);
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new EcgSignalException(name + " must be finite, got " + Arrays.toString(values));
            }
        }
        return values.clone();
    }

    @Override
    public double[] thetaRadians() {
        return thetaRadians.clone();
    }

    @Override
    public double[] amplitudes() {
        return amplitudes.clone();
    }

    @Override
    public double[] widthsRadians() {
        return widthsRadians.clone();
    }

    double theta(int i) {
        return thetaRadians[i];
    }

    double amplitude(int i) {
        return amplitudes[i];
    }

    double width(int i) {
        return widthsRadians[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonProfile p && p.personId == personId && p.seed == seed
                && Arrays.equals(p.thetaRadians, thetaRadians) && Arrays.equals(p.amplitudes, amplitudes)
                && Arrays.equals(p.widthsRadians, widthsRadians) && p.rAmplitudeMv == rAmplitudeMv
                && p.restingHeartRateBpm == restingHeartRateBpm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(personId, seed, Arrays.hashCode(thetaRadians), Arrays.hashCode(amplitudes),
                Arrays.hashCode(widthsRadians), rAmplitudeMv, restingHeartRateBpm);
    }

    /** Identity and seed only: a profile is a biometric template of a (synthetic) person. */
    @Override
    public String toString() {
        return "PersonProfile[person " + personId + ", seed " + seed + "]";
    }
}
