package io.github.ecgid.signal.filter;

import io.github.ecgid.core.EcgSignalException;

/**
 * Causal, stateful IIR filtering sample by sample or block by block, for live signals. Created by
 * {@link Sos#newStreamingFilter()}. Allocates nothing per sample. Not thread-safe: one per stream.
 *
 * <p>Feeding a signal in chunks of any size gives exactly the result of {@link Sos#filter(double[])} on
 * the whole signal. The state is a small {@code double[]} ({@link #snapshot()}/{@link #restore(double[])})
 * so a stream processor can checkpoint and resume.
 */
public final class StreamingFilter {
    private final Sos sos;
    private final double[] state;

    StreamingFilter(Sos sos) {
        this.sos = sos;
        this.state = new double[2 * sos.sectionCount()];
    }

    /** Filters one sample and returns the output sample (same arithmetic as the block path). */
    public double filter(double x) {
        final double[] c = sos.loopCoefficients();
        final double[] st = state;
        double v = x;
        for (int k = 0, z = 0; k < c.length; k += 5, z += 2) {
            double s0 = st[z];
            double y = c[k] * v + s0;
            st[z] = Math.fma(c[k + 3], s0, st[z + 1] + c[k + 1] * v);
            st[z + 1] = Math.fma(c[k + 4], s0, c[k + 2] * v);
            v = y;
        }
        return v;
    }

    /** Filters {@code x[offset, offset + length)} in place. */
    public void apply(double[] x, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > x.length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + (offset + length) + ") of "
                    + x.length);
        }
        sos.forward(x, offset, offset + length, state);
    }

    /** Back to the initial (all-zero) state, as if no sample had been seen. */
    public void reset() {
        java.util.Arrays.fill(state, 0.0);
    }

    /**
     * Sets the state as if the input had been constant at {@code x0} forever, which avoids the start-up
     * transient when a live signal starts with an offset (scipy's {@code sosfilt_zi * x0}).
     */
    public void primeWith(double x0) {
        sos.setState(state, x0);
    }

    /** A copy of the internal state (2 values per section). */
    public double[] snapshot() {
        return state.clone();
    }

    /** Restores a state taken by {@link #snapshot()} from a filter with the same coefficients. */
    public void restore(double[] snapshot) {
        if (snapshot == null || snapshot.length != state.length) {
            throw new EcgSignalException("Filter state must have " + state.length + " values, got "
                    + (snapshot == null ? "null" : snapshot.length));
        }
        System.arraycopy(snapshot, 0, state, 0, state.length);
    }

    /** The coefficients this filter runs. */
    public Sos sos() {
        return sos;
    }
}
