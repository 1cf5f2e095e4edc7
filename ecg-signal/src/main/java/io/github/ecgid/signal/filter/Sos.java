package io.github.ecgid.signal.filter;

import io.github.ecgid.core.EcgSignalException;
import java.util.Arrays;

/**
 * An immutable IIR filter as a cascade of second-order sections (biquads) for one sampling rate.
 *
 * <p>Each section is {@code [b0, b1, b2, 1, a1, a2]} (scipy's {@code sos} layout, normalised so a0 = 1).
 * Offline use: {@link #zeroPhase(double[])} (forward-backward, scipy's {@code sosfiltfilt}) or
 * {@link #filter(double[])} (causal, scipy's {@code sosfilt}); live use: {@link #newStreamingFilter()}.
 * Arithmetic follows scipy's direct form II transposed in the same operation order, so results agree with
 * scipy to rounding error.
 *
 * <pre>{@code
 * Sos bp = Butterworth.bandPass(4, 250.0, 0.5, 40.0);
 * double[] clean = bp.zeroPhase(rawMv);
 * StreamingFilter live = bp.newStreamingFilter();
 * double y = live.filter(nextSampleMv);
 * }</pre>
 *
 * <p>Non-finite input samples make the output non-finite from there on; validate signals first.
 */
public final class Sos {
    private final double samplingRateHz;
    /** Per section: b0, b1, b2, a1, a2. */
    private final double[] coef;
    /**
     * Per section, what the filtering loops run: b0, c1 = b1 - a1 b0, c2 = b2 - a2 b0, -a1, -a2 (see
     * {@link #run}).
     */
    private final double[] loop;
    /**
     * Per section, when every section's numerator is {@code b0 [1, m, 1]} with m·b0 == b1 exactly (Butterworth
     * band-pass and low-/high-pass sections): b0, m, -a1, -a2; else null.
     */
    private final double[] symmetric;
    /** Per section: the two steady-state delay values for a unit step ({@code sosfilt_zi}). */
    private final double[] zi;
    private final int padLength;
    /**
     * Samples after which the cascade's zero-input response has decayed by 2^-200 (by its slowest pole), or 0
     * when that is unbounded or too long to be useful; see {@link #runLong}.
     */
    private final int decayLength;

    private Sos(double samplingRateHz, double[] coef) {
        this.samplingRateHz = samplingRateHz;
        this.coef = coef;
        this.loop = loopCoefficients(coef);
        this.symmetric = symmetricCoefficients(coef);
        this.zi = steadyState(coef);
        int n = coef.length / 5;
        int zeroB2 = 0;
        int zeroA2 = 0;
        for (int s = 0; s < n; s++) {
            if (coef[5 * s + 2] == 0) {
                zeroB2++;
            }
            if (coef[5 * s + 4] == 0) {
                zeroA2++;
            }
        }
        // scipy.signal.sosfiltfilt's default: padlen = 3 * ntaps, ntaps reduced for first-order sections.
        this.padLength = 3 * (2 * n + 1 - Math.min(zeroB2, zeroA2));
        this.decayLength = decayLength(coef);
    }

    /**
     * A filter from explicit sections {@code [b0, b1, b2, a0, a1, a2]}; each is normalised by its a0.
     *
     * @param samplingRateHz the rate the coefficients were designed for, in Hz
     * @throws EcgSignalException when there are no sections, a section is not 6 finite numbers, or a0 is 0
     */
    public static Sos of(double samplingRateHz, double[][] sections) {
        SamplingRates.requireSupported(samplingRateHz);
        if (sections == null || sections.length == 0) {
            throw new EcgSignalException("A filter needs at least one second-order section");
        }
        double[] c = new double[5 * sections.length];
        for (int s = 0; s < sections.length; s++) {
            double[] sec = sections[s];
            if (sec == null || sec.length != 6) {
                throw new EcgSignalException("Section " + s + " must have 6 coefficients [b0 b1 b2 a0 a1 a2]");
            }
            for (int j = 0; j < 6; j++) {
                if (!Double.isFinite(sec[j])) {
                    throw new EcgSignalException("Section " + s + " coefficient " + j + " is " + sec[j]);
                }
            }
            double a0 = sec[3];
            if (a0 == 0) {
                throw new EcgSignalException("Section " + s + " has a0 = 0");
            }
            c[5 * s] = sec[0] / a0;
            c[5 * s + 1] = sec[1] / a0;
            c[5 * s + 2] = sec[2] / a0;
            c[5 * s + 3] = sec[4] / a0;
            c[5 * s + 4] = sec[5] / a0;
        }
        return new Sos(samplingRateHz, c);
    }

    /** Sampling rate the filter was designed for, in Hz. */
    public double samplingRateHz() {
        return samplingRateHz;
    }

    /** Number of second-order sections. */
    public int sectionCount() {
        return coef.length / 5;
    }

    /** A copy of the sections as {@code [b0, b1, b2, 1, a1, a2]} rows. */
    public double[][] sections() {
        int n = sectionCount();
        double[][] out = new double[n][];
        for (int s = 0; s < n; s++) {
            out[s] = new double[] {coef[5 * s], coef[5 * s + 1], coef[5 * s + 2], 1.0, coef[5 * s + 3],
                coef[5 * s + 4]};
        }
        return out;
    }

    /**
     * Samples of odd extension added at each end by {@link #zeroPhase(double[])}: scipy's default
     * {@code 3 * (2 * sections + 1 - min(#b2 == 0, #a2 == 0))}. Inputs must be longer than this.
     */
    public int padLength() {
        return padLength;
    }

    /** This filter followed by {@code next} (same sampling rate), as one cascade. */
    public Sos then(Sos next) {
        if (next.samplingRateHz != samplingRateHz) {
            throw new EcgSignalException("Cannot cascade a " + samplingRateHz + " Hz filter with a "
                    + next.samplingRateHz + " Hz filter");
        }
        double[] c = Arrays.copyOf(coef, coef.length + next.coef.length);
        System.arraycopy(next.coef, 0, c, coef.length, next.coef.length);
        return new Sos(samplingRateHz, c);
    }

    /** Magnitude of the frequency response at {@code frequencyHz} (1.0 = passes unchanged). */
    public double magnitudeAt(double frequencyHz) {
        double w = 2 * Math.PI * frequencyHz / samplingRateHz;
        double c1 = Math.cos(w);
        double s1 = -Math.sin(w);
        double c2 = Math.cos(2 * w);
        double s2 = -Math.sin(2 * w);
        double mag = 1;
        for (int s = 0; s < sectionCount(); s++) {
            int k = 5 * s;
            double nr = coef[k] + coef[k + 1] * c1 + coef[k + 2] * c2;
            double ni = coef[k + 1] * s1 + coef[k + 2] * s2;
            double dr = 1 + coef[k + 3] * c1 + coef[k + 4] * c2;
            double di = coef[k + 3] * s1 + coef[k + 4] * s2;
            mag *= Math.hypot(nr, ni) / Math.hypot(dr, di);
        }
        return mag;
    }

    /**
     * Zero-phase (forward-backward) filtering, equal to scipy's {@code sosfiltfilt(sos, x)} with its defaults:
     * odd extension of {@link #padLength()} samples at each end, steady-state initial conditions
     * ({@code sosfilt_zi}) scaled by the first sample of each pass. The magnitude response is squared.
     *
     * @return a new array of the same length
     * @throws EcgSignalException if {@code x.length <= padLength()}
     */
    public double[] zeroPhase(double[] x) {
        double[] y = x.clone();
        zeroPhaseInPlace(y);
        return y;
    }

    /**
     * {@link #zeroPhase(double[])} written back into {@code x}; allocates only the padded work array.
     *
     * @throws EcgSignalException if {@code x.length <= padLength()}
     */
    public void zeroPhaseInPlace(double[] x) {
        zeroPhaseInPlace(x, 0.0, false);
    }

    /**
     * Zero-phase filtering of {@code x - offset}, written back into {@code x}: bit for bit what subtracting
     * {@code offset} from every sample and then calling {@link #zeroPhaseInPlace(double[])} gives. For a single
     * section (a notch) the subtraction happens inside the forward pass, which saves a read and a write of the
     * whole signal (the mean removal before the notch in {@code Preprocessor}); otherwise it is done first.
     *
     * @throws EcgSignalException if {@code x.length <= padLength()}
     */
    public void zeroPhaseInPlace(double[] x, double offset) {
        zeroPhaseInPlace(x, offset, true);
    }

    private void zeroPhaseInPlace(double[] x, double offset, boolean subtract) {
        int n = x.length;
        int edge = padLength;
        if (n <= edge) {
            throw new EcgSignalException("Zero-phase filtering needs more than " + edge + " samples (the odd "
                    + "extension at each end), got " + n);
        }
        // The odd extensions live in two small arrays; the passes run left, x, right (and back), carrying the
        // state across, which is exactly one pass over the extended signal without copying x.
        boolean fused = subtract && sectionCount() == 1;
        if (subtract && !fused) {
            for (int i = 0; i < n; i++) {
                x[i] -= offset;
            }
        }
        double[] left = new double[edge];
        double[] right = new double[edge];
        // the same operations as on the subtracted signal: (x[k] - off) first, then the extension (v - 0.0 is
        // v, bit for bit, so off = 0 serves the unfused case)
        double off = fused ? offset : 0.0;
        double x0 = x[0] - off;
        double xn = x[n - 1] - off;
        for (int i = 0; i < edge; i++) {
            left[i] = 2 * x0 - (x[edge - i] - off);
            right[i] = 2 * xn - (x[n - 2 - i] - off);
        }
        double[] state = new double[2 * sectionCount()];
        setState(state, left[0]);
        runOffline(left, 0, edge, true, state);
        runLong(x, 0, n, true, state, off);
        runOffline(right, 0, edge, true, state);
        setState(state, right[edge - 1]);
        runOffline(right, 0, edge, false, state);
        runLong(x, 0, n, false, state, 0.0);
        runOffline(left, 0, edge, false, state);
    }

    /** Causal filtering from a zero state, equal to scipy's {@code sosfilt(sos, x)}. Returns a new array. */
    public double[] filter(double[] x) {
        double[] y = x.clone();
        forward(y, 0, y.length, new double[2 * sectionCount()]);
        return y;
    }

    /** A causal filter that keeps its state between calls, for live signals. */
    public StreamingFilter newStreamingFilter() {
        return new StreamingFilter(this);
    }

    double[] coefficients() {
        return coef;
    }

    /** The per-section loop coefficients {@code b0, c1, c2, -a1, -a2} ({@link StreamingFilter} runs them too). */
    double[] loopCoefficients() {
        return loop;
    }

    private static double[] symmetricCoefficients(double[] c) {
        int ns = c.length / 5;
        double[] out = new double[4 * ns];
        for (int s = 0; s < ns; s++) {
            double b0 = c[5 * s];
            double b1 = c[5 * s + 1];
            double b2 = c[5 * s + 2];
            if (b0 == 0 || b2 != b0) {
                return null;
            }
            double m = b1 / b0;
            if (m * b0 != b1 || (m != 2 && m != -2)) {
                return null;
            }
            out[4 * s] = b0;
            out[4 * s + 1] = m;
            out[4 * s + 2] = -c[5 * s + 3];
            out[4 * s + 3] = -c[5 * s + 4];
        }
        return out;
    }

    private static double[] loopCoefficients(double[] c) {
        double[] l = new double[c.length];
        for (int k = 0; k < c.length; k += 5) {
            double b0 = c[k];
            double a1 = c[k + 3];
            double a2 = c[k + 4];
            l[k] = b0;
            l[k + 1] = c[k + 1] - a1 * b0;
            l[k + 2] = c[k + 2] - a2 * b0;
            l[k + 3] = -a1;
            l[k + 4] = -a2;
        }
        return l;
    }

    /** Sets {@code state} to the steady state for a constant input {@code x0}. */
    void setState(double[] state, double x0) {
        for (int i = 0; i < state.length; i++) {
            state[i] = zi[i] * x0;
        }
    }

    /** In-place causal pass over {@code x[from, to)}; {@code state} holds 2 values per section. */
    void forward(double[] x, int from, int to, double[] state) {
        run(x, from, to, true, state);
    }

    /** In-place causal pass run backwards in time over {@code x[from, to)}. */
    void backward(double[] x, int from, int to, double[] state) {
        run(x, from, to, false, state);
    }

    /**
     * Samples for the zero-input response to decay by 2^-200 at the slowest pole's radius, plus a margin (the
     * exponent leaves room for the polynomial growth of close poles); 0 when a pole is on or outside the unit
     * circle, or the length is impractical.
     */
    private static int decayLength(double[] c) {
        double rmax = 0;
        for (int k = 0; k < c.length; k += 5) {
            double a1 = c[k + 3];
            double a2 = c[k + 4];
            double disc = a1 * a1 - 4 * a2;
            double r;
            if (disc < 0) {
                r = Math.sqrt(a2);
            } else {
                double sq = Math.sqrt(disc);
                r = Math.max(Math.abs(-a1 + sq), Math.abs(-a1 - sq)) / 2;
            }
            rmax = Math.max(rmax, r);
        }
        if (!(rmax < 1 - 1e-9)) {
            return 0;
        }
        double len = 200 * Math.log(2) / -Math.log(Math.max(rmax, 0.5));
        return len > 1e7 ? 0 : (int) Math.ceil(len) + 64;
    }

    /**
     * One zero-phase pass over the whole signal {@code x[from, to)}, of {@code x - offset} (offset only for a
     * single section, else 0). Long signals with a single section or four symmetric ones are split into parts
     * (four for one section, two for four) run as independent recurrences in one loop: a pass is bound by the
     * latency of its recurrence, not by arithmetic, so several chains take about the time of one (notch
     * filtfilt of 24 h at 250 Hz 120 -> 74 ms with two parts, 74 -> ~53 with four; band-pass 195 -> 135 ms).
     * The first part runs from the true state; each later one from a zero state, and then gets the cascade's
     * zero-input response from the previous part's final state added (linearity): computed by running the same
     * kernel on zeros for {@code decayLength} samples, after which that response is below 2^-200 of the state
     * and dropped, as is its share of the final state. The result differs from the unsplit pass by rounding
     * only; short signals (and every golden test vector) are not split.
     */
    private void runLong(double[] x, int from, int to, boolean fwd, double[] st, double offset) {
        int ns = coef.length / 5;
        int len = to - from;
        boolean kernel = ns == 1 || (ns == 4 && symmetric != null);
        if (!kernel || decayLength == 0 || len / 2 < Math.max(2 * decayLength, 4096)) {
            if (ns == 1 && to - from >= 2) {
                if (fwd) {
                    SosKernels.run1AheadOffset(x, from, to, loop, st, offset);
                } else {
                    SosKernels.run1Ahead(x, from, to, false, loop, st);
                }
            } else {
                runOffline(x, from, to, fwd, st);
            }
            return;
        }
        // a single section has few operations per sample: four chains still fit the pipeline
        int parts = ns == 1 && len / 4 >= Math.max(2 * decayLength, 4096) ? 4 : 2;
        int q = len / parts;
        int dir = fwd ? 1 : -1;
        int a0 = fwd ? from : to - 1;
        double[][] states = new double[parts][];
        states[0] = st;
        for (int k = 1; k < parts; k++) {
            states[k] = new double[st.length];
        }
        if (parts == 4) {
            SosKernels.run1AheadFour(x, a0, q, dir, loop, states, offset);
        } else if (ns == 1) {
            SosKernels.run1AheadTwo(x, a0, a0 + dir * q, q, dir, loop, st, states[1], offset);
        } else {
            SosKernels.run4SymmetricTwo(x, a0, a0 + dir * q, q, dir, symmetric, st, states[1]);
        }
        double[] last = states[parts - 1];
        // the last part's extra samples (len - parts q < parts), last in processing order
        for (int k = parts * q; k < len; k++) {
            int i = a0 + dir * k;
            x[i] -= offset;
            run(x, i, i + 1, fwd, last);
        }
        // each later part started from zero: add the zero-input response of the state the part before it
        // ended in (that part's own correction has decayed by then, as each part is longer than decayLength)
        double[] zir = new double[decayLength];
        for (int k = 1; k < parts; k++) {
            int used = zeroInputResponse(states[k - 1], zir);
            int b0 = a0 + dir * k * q;
            for (int j = 0; j < used; j++) {
                x[b0 + dir * j] += zir[j];
            }
        }
        if (last != st) {
            System.arraycopy(last, 0, st, 0, st.length);
        }
    }

    /**
     * The cascade's response to zero input from state {@code st} (modified) into {@code zir}, in blocks; returns
     * how many leading samples are non-zero. After each block, state values below 2^-230 of the starting
     * state's largest are set to 0: a fast pole's part of the response would otherwise decay into subnormal
     * numbers, and every operation on those costs a hundred cycles or more (it made a 1 h band-pass pass four
     * times slower). What is dropped is below the 2^-200 the response is followed to; once the whole state is
     * 0 the rest of the response is 0.
     */
    private int zeroInputResponse(double[] st, double[] zir) {
        double top = 0;
        for (double v : st) {
            top = Math.max(top, Math.abs(v));
        }
        double floor = top * 0x1p-230;
        int len = zir.length;
        int at = 0;
        while (at < len) {
            int end = Math.min(len, at + 256);
            java.util.Arrays.fill(zir, at, end, 0.0);
            runOffline(zir, at, end, true, st);
            at = end;
            boolean any = false;
            for (int i = 0; i < st.length; i++) {
                if (Math.abs(st[i]) < floor) {
                    st[i] = 0.0;
                } else if (st[i] != 0) {
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return at;
    }

    /**
     * Runs the cascade over {@code x[from, to)}. Sections go in groups of up to four with coefficients and
     * state in locals, so the sections' recursions overlap in the pipeline and no state goes through memory
     * per sample; forward and backward loops are separate so the JIT drops bounds checks. Each section is
     * direct form II transposed with y substituted into the state updates:
     * {@code y = b0 x + s1; s1' = fma(-a1, s1, s2 + c1 x); s2' = fma(-a2, s1, c2 x)} with
     * {@code c1 = b1 - a1 b0}, {@code c2 = b2 - a2 b0}. Algebraically scipy's {@code y = b0 x + s1;
     * s1' = b1 x - a1 y + s2; s2' = b2 x - a2 y}, but the sample-to-sample dependency is one fused multiply-add
     * instead of an add, a multiply and a subtract, which roughly halves the time of a latency-bound pass.
     */
    /**
     * The zero-phase passes (not the streaming ones, whose per-sample and block paths must agree bit for bit):
     * a single section runs with one sample of look-ahead ({@link #run1Ahead}), groups of four sections with
     * symmetric numerators {@code b0 [1, ±2, 1]} run with one multiply by x per section ({@link #run4Symmetric});
     * the rest as {@link #run}. All are scipy's direct form II transposed up to rounding.
     */
    private void runOffline(double[] x, int from, int to, boolean fwd, double[] st) {
        int ns = coef.length / 5;
        if (to - from < 2) {
            run(x, from, to, fwd, st);
        } else if (ns == 1) {
            SosKernels.run1Ahead(x, from, to, fwd, loop, st);
        } else if (ns == 4 && symmetric != null) {
            SosKernels.run4Symmetric(x, from, to, fwd, symmetric, st);
        } else {
            run(x, from, to, fwd, st);
        }
    }

    private void run(double[] x, int from, int to, boolean fwd, double[] st) {
        int ns = coef.length / 5;
        int s = 0;
        while (s < ns) {
            int g = Math.min(4, ns - s);
            if (g == 3 && ns - s == 3) {
                SosKernels.run3(x, from, to, fwd, loop, 5 * s, st, 2 * s);
            } else if (g >= 2) {
                if (g == 4) {
                    SosKernels.run4(x, from, to, fwd, loop, 5 * s, st, 2 * s);
                } else {
                    g = 2;
                    SosKernels.run2(x, from, to, fwd, loop, 5 * s, st, 2 * s);
                }
            } else {
                SosKernels.run1(x, from, to, fwd, loop, 5 * s, st, 2 * s);
            }
            s += g;
        }
    }

    /** scipy's {@code sosfilt_zi}: per-section lfilter_zi scaled by the DC gain of the sections before it. */
    private static double[] steadyState(double[] c) {
        int ns = c.length / 5;
        double[] zi = new double[2 * ns];
        double scale = 1.0;
        for (int s = 0; s < ns; s++) {
            double b0 = c[5 * s];
            double b1 = c[5 * s + 1];
            double b2 = c[5 * s + 2];
            double a1 = c[5 * s + 3];
            double a2 = c[5 * s + 4];
            // Solve (I - companion(a)^T) zi = b[1:] - a[1:] * b0 for the 2x2 case.
            double r0 = b1 - a1 * b0;
            double r1 = b2 - a2 * b0;
            double z0 = (r0 + r1) / (1 + a1 + a2);
            double z1 = r1 - a2 * z0;
            zi[2 * s] = scale * z0;
            zi[2 * s + 1] = scale * z1;
            scale *= (b0 + b1 + b2) / (1.0 + a1 + a2);
        }
        return zi;
    }

    @Override
    public String toString() {
        return "Sos[" + sectionCount() + " sections at " + samplingRateHz + " Hz]";
    }
}
