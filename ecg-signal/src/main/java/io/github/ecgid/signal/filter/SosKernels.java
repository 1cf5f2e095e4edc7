package io.github.ecgid.signal.filter;

/**
 * The loops {@link Sos} runs its sections with: unrolled by sections (one, two, three or four at a time, the
 * intermediate values kept in registers) and by samples (one sample ahead, two signals at once, symmetric
 * numerators), each in the operation order of scipy's direct form II transposed so results match it to rounding.
 * Kept apart from {@code Sos} so that the filter's design and API read without them; nothing here allocates.
 */
final class SosKernels {

    private SosKernels() {
    }

    /**
     * {@link #run1AheadOffset} (or backwards, {@link #run1Ahead}) on four stretches at once: {@code count >= 2}
     * samples from {@code a + k dir count} with state {@code st[k]}, k = 0..3, stepping by {@code dir}; each
     * chain does exactly the single-chain operations.
     */
    static void run1AheadFour(double[] x, int a, int count, int dir, double[] c, double[][] st,
                                      double offset) {
        final double b0 = c[0];
        final double c1 = c[1];
        final double c2 = c[2];
        final double na1 = c[3];
        final double na2 = c[4];
        final int stride = dir * count;
        int i0 = a;
        int i1 = a + stride;
        int i2 = i1 + stride;
        int i3 = i2 + stride;
        double s0 = st[0][0];
        double s1 = st[1][0];
        double s2 = st[2][0];
        double s3 = st[3][0];
        double v0 = x[i0] - offset;
        double v1 = x[i1] - offset;
        double v2 = x[i2] - offset;
        double v3 = x[i3] - offset;
        double t0 = st[0][1] + c1 * v0;
        double t1 = st[1][1] + c1 * v1;
        double t2 = st[2][1] + c1 * v2;
        double t3 = st[3][1] + c1 * v3;
        for (int k = 0; k < count - 1; k++) {
            double n0 = x[i0 + dir] - offset;
            double n1 = x[i1 + dir] - offset;
            double n2 = x[i2 + dir] - offset;
            double n3 = x[i3 + dir] - offset;
            x[i0] = b0 * v0 + s0;
            x[i1] = b0 * v1 + s1;
            x[i2] = b0 * v2 + s2;
            x[i3] = b0 * v3 + s3;
            double u0 = Math.fma(na2, s0, c2 * v0 + c1 * n0);
            double u1 = Math.fma(na2, s1, c2 * v1 + c1 * n1);
            double u2 = Math.fma(na2, s2, c2 * v2 + c1 * n2);
            double u3 = Math.fma(na2, s3, c2 * v3 + c1 * n3);
            s0 = Math.fma(na1, s0, t0);
            s1 = Math.fma(na1, s1, t1);
            s2 = Math.fma(na1, s2, t2);
            s3 = Math.fma(na1, s3, t3);
            t0 = u0;
            t1 = u1;
            t2 = u2;
            t3 = u3;
            v0 = n0;
            v1 = n1;
            v2 = n2;
            v3 = n3;
            i0 += dir;
            i1 += dir;
            i2 += dir;
            i3 += dir;
        }
        x[i0] = b0 * v0 + s0;
        st[0][1] = Math.fma(na2, s0, c2 * v0);
        st[0][0] = Math.fma(na1, s0, t0);
        x[i1] = b0 * v1 + s1;
        st[1][1] = Math.fma(na2, s1, c2 * v1);
        st[1][0] = Math.fma(na1, s1, t1);
        x[i2] = b0 * v2 + s2;
        st[2][1] = Math.fma(na2, s2, c2 * v2);
        st[2][0] = Math.fma(na1, s2, t2);
        x[i3] = b0 * v3 + s3;
        st[3][1] = Math.fma(na2, s3, c2 * v3);
        st[3][0] = Math.fma(na1, s3, t3);
    }

    /**
     * {@link #run1AheadOffset} (or backwards, {@link #run1Ahead}) on two stretches at once: {@code count >= 2}
     * samples from index {@code a} with state {@code sa}, and from {@code b} with state {@code sb}, stepping by
     * {@code dir}; each chain does exactly the single-chain operations.
     */
    static void run1AheadTwo(double[] x, int a, int b, int count, int dir, double[] c, double[] sa,
                                     double[] sb, double offset) {
        final double b0 = c[0];
        final double c1 = c[1];
        final double c2 = c[2];
        final double na1 = c[3];
        final double na2 = c[4];
        double s0 = sa[0];
        double r0 = sb[0];
        double v = x[a] - offset;
        double w = x[b] - offset;
        double t = sa[1] + c1 * v;
        double u = sb[1] + c1 * w;
        int i = a;
        int j = b;
        for (int k = 0; k < count - 1; k++) {
            double nv = x[i + dir] - offset;
            double nw = x[j + dir] - offset;
            double y = b0 * v + s0;
            double z = b0 * w + r0;
            double tn = Math.fma(na2, s0, c2 * v + c1 * nv);
            double un = Math.fma(na2, r0, c2 * w + c1 * nw);
            s0 = Math.fma(na1, s0, t);
            r0 = Math.fma(na1, r0, u);
            t = tn;
            u = un;
            x[i] = y;
            x[j] = z;
            v = nv;
            w = nw;
            i += dir;
            j += dir;
        }
        x[i] = b0 * v + s0;
        sa[1] = Math.fma(na2, s0, c2 * v);
        sa[0] = Math.fma(na1, s0, t);
        x[j] = b0 * w + r0;
        sb[1] = Math.fma(na2, r0, c2 * w);
        sb[0] = Math.fma(na1, r0, u);
    }

    /**
     * {@link #run4Symmetric} on two stretches at once (see {@link #run1AheadTwo}), with the sections' gains
     * folded out: section k runs on values divided by G_k = b0_0 ... b0_k (states converted on entry and exit),
     * so its input needs no multiply, and the output is multiplied by G_3 once. Two chains make the pass bound
     * by arithmetic rather than latency, and this drops 4 of 21 operations per sample and chain (band-pass
     * filtfilt of 21.6 M samples about 134 -> 114 ms). Rounding differs slightly from the single-chain kernel;
     * only long passes, already split, run here.
     */
    static void run4SymmetricTwo(double[] x, int a, int b, int count, int dir, double[] c, double[] sa,
                                         double[] sb) {
        final double g0 = c[0];
        final double m0 = c[1];
        final double p0 = c[2];
        final double q0 = c[3];
        final double g1 = c[4];
        final double m1 = c[5];
        final double p1 = c[6];
        final double q1 = c[7];
        final double g2 = c[8];
        final double m2 = c[9];
        final double p2 = c[10];
        final double q2 = c[11];
        final double g3 = c[12];
        final double m3 = c[13];
        final double p3 = c[14];
        final double q3 = c[15];
        final double k0 = g0;
        final double k1 = k0 * g1;
        final double k2 = k1 * g2;
        final double k3 = k2 * g3;
        double s00 = sa[0] / k0;
        double s01 = sa[1] / k0;
        double s10 = sa[2] / k1;
        double s11 = sa[3] / k1;
        double s20 = sa[4] / k2;
        double s21 = sa[5] / k2;
        double s30 = sa[6] / k3;
        double s31 = sa[7] / k3;
        double r00 = sb[0] / k0;
        double r01 = sb[1] / k0;
        double r10 = sb[2] / k1;
        double r11 = sb[3] / k1;
        double r20 = sb[4] / k2;
        double r21 = sb[5] / k2;
        double r30 = sb[6] / k3;
        double r31 = sb[7] / k3;
        int i = a;
        int j = b;
        for (int k = 0; k < count; k++) {
            double u0 = x[i];
            double v0 = x[j];
            double y0 = u0 + s00;
            double z0 = v0 + r00;
            s00 = Math.fma(p0, y0, Math.fma(m0, u0, s01));
            r00 = Math.fma(p0, z0, Math.fma(m0, v0, r01));
            s01 = Math.fma(q0, y0, u0);
            r01 = Math.fma(q0, z0, v0);
            double u1 = y0;
            double v1 = z0;
            double y1 = u1 + s10;
            double z1 = v1 + r10;
            s10 = Math.fma(p1, y1, Math.fma(m1, u1, s11));
            r10 = Math.fma(p1, z1, Math.fma(m1, v1, r11));
            s11 = Math.fma(q1, y1, u1);
            r11 = Math.fma(q1, z1, v1);
            double u2 = y1;
            double v2 = z1;
            double y2 = u2 + s20;
            double z2 = v2 + r20;
            s20 = Math.fma(p2, y2, Math.fma(m2, u2, s21));
            r20 = Math.fma(p2, z2, Math.fma(m2, v2, r21));
            s21 = Math.fma(q2, y2, u2);
            r21 = Math.fma(q2, z2, v2);
            double u3 = y2;
            double v3 = z2;
            double y3 = u3 + s30;
            double z3 = v3 + r30;
            s30 = Math.fma(p3, y3, Math.fma(m3, u3, s31));
            r30 = Math.fma(p3, z3, Math.fma(m3, v3, r31));
            s31 = Math.fma(q3, y3, u3);
            r31 = Math.fma(q3, z3, v3);
            x[i] = k3 * y3;
            x[j] = k3 * z3;
            i += dir;
            j += dir;
        }
        sa[0] = s00 * k0;
        sa[1] = s01 * k0;
        sa[2] = s10 * k1;
        sa[3] = s11 * k1;
        sa[4] = s20 * k2;
        sa[5] = s21 * k2;
        sa[6] = s30 * k3;
        sa[7] = s31 * k3;
        sb[0] = r00 * k0;
        sb[1] = r01 * k0;
        sb[2] = r10 * k1;
        sb[3] = r11 * k1;
        sb[4] = r20 * k2;
        sb[5] = r21 * k2;
        sb[6] = r30 * k3;
        sb[7] = r31 * k3;
    }

    /**
     * One section, carrying {@code t = s2 + c1 x} one sample ahead: {@code t(i+1) = fma(-a2, s1(i), c2 x(i) +
     * c1 x(i+1))}, so the recursive path is one fused multiply-add per sample in both state variables (a
     * latency-bound notch runs about a third faster). Needs at least 2 samples.
     */
    static void run1Ahead(double[] x, int from, int to, boolean fwd, double[] c, double[] st) {
        if (fwd) {
            run1AheadOffset(x, from, to, c, st, 0.0); // v - 0.0 is v: the same operations, bit for bit
            return;
        }
        final double b0 = c[0];
        final double c1 = c[1];
        final double c2 = c[2];
        final double na1 = c[3];
        final double na2 = c[4];
        double s0 = st[0];
        double v;
        double y;
        double t = st[1] + c1 * x[to - 1];
        int i = to - 1;
        for (; i > from; i--) {
            v = x[i];
            y = b0 * v + s0;
            double tn = Math.fma(na2, s0, c2 * v + c1 * x[i - 1]);
            s0 = Math.fma(na1, s0, t);
            t = tn;
            x[i] = y;
        }
        v = x[i];
        y = b0 * v + s0;
        st[1] = Math.fma(na2, s0, c2 * v);
        s0 = Math.fma(na1, s0, t);
        x[i] = y;
        st[0] = s0;
    }

    /**
     * {@link #run1Ahead} forwards over {@code x[from, to)} (at least 2 samples) filtering {@code x[i] - offset}:
     * each input is read once, the offset subtracted, and the same operations follow, so the output is bit for
     * bit that of subtracting first.
     */
    static void run1AheadOffset(double[] x, int from, int to, double[] c, double[] st, double offset) {
        final double b0 = c[0];
        final double c1 = c[1];
        final double c2 = c[2];
        final double na1 = c[3];
        final double na2 = c[4];
        double s0 = st[0];
        double v = x[from] - offset;
        double t = st[1] + c1 * v;
        double y;
        int i = from;
        for (; i < to - 1; i++) {
            double next = x[i + 1] - offset;
            y = b0 * v + s0;
            double tn = Math.fma(na2, s0, c2 * v + c1 * next);
            s0 = Math.fma(na1, s0, t);
            t = tn;
            x[i] = y;
            v = next;
        }
        y = b0 * v + s0;
        st[1] = Math.fma(na2, s0, c2 * v);
        s0 = Math.fma(na1, s0, t);
        x[i] = y;
        st[0] = s0;
    }

    /**
     * Four sections with numerators {@code b0 [1, m, 1]}, m = ±2: {@code u = b0 x; y = u + s1;
     * s1' = fma(-a1, y, fma(m, u, s2)); s2' = fma(-a2, y, u)}, scipy's operations with m·u = b1 x exact.
     * Four instead of five multiplies per section, which is what bounds a cascade's throughput.
     */
    static void run4Symmetric(double[] x, int from, int to, boolean fwd, double[] c, double[] st) {
        final double g0 = c[0];
        final double m0 = c[1];
        final double p0 = c[2];
        final double q0 = c[3];
        final double g1 = c[4];
        final double m1 = c[5];
        final double p1 = c[6];
        final double q1 = c[7];
        final double g2 = c[8];
        final double m2 = c[9];
        final double p2 = c[10];
        final double q2 = c[11];
        final double g3 = c[12];
        final double m3 = c[13];
        final double p3 = c[14];
        final double q3 = c[15];
        double s00 = st[0];
        double s01 = st[1];
        double s10 = st[2];
        double s11 = st[3];
        double s20 = st[4];
        double s21 = st[5];
        double s30 = st[6];
        double s31 = st[7];
        if (fwd) {
            for (int i = from; i < to; i++) {
                double u0 = g0 * x[i];
                double y0 = u0 + s00;
                s00 = Math.fma(p0, y0, Math.fma(m0, u0, s01));
                s01 = Math.fma(q0, y0, u0);
                double u1 = g1 * y0;
                double y1 = u1 + s10;
                s10 = Math.fma(p1, y1, Math.fma(m1, u1, s11));
                s11 = Math.fma(q1, y1, u1);
                double u2 = g2 * y1;
                double y2 = u2 + s20;
                s20 = Math.fma(p2, y2, Math.fma(m2, u2, s21));
                s21 = Math.fma(q2, y2, u2);
                double u3 = g3 * y2;
                double y3 = u3 + s30;
                s30 = Math.fma(p3, y3, Math.fma(m3, u3, s31));
                s31 = Math.fma(q3, y3, u3);
                x[i] = y3;
            }
        } else {
            for (int i = to - 1; i >= from; i--) {
                double u0 = g0 * x[i];
                double y0 = u0 + s00;
                s00 = Math.fma(p0, y0, Math.fma(m0, u0, s01));
                s01 = Math.fma(q0, y0, u0);
                double u1 = g1 * y0;
                double y1 = u1 + s10;
                s10 = Math.fma(p1, y1, Math.fma(m1, u1, s11));
                s11 = Math.fma(q1, y1, u1);
                double u2 = g2 * y1;
                double y2 = u2 + s20;
                s20 = Math.fma(p2, y2, Math.fma(m2, u2, s21));
                s21 = Math.fma(q2, y2, u2);
                double u3 = g3 * y2;
                double y3 = u3 + s30;
                s30 = Math.fma(p3, y3, Math.fma(m3, u3, s31));
                s31 = Math.fma(q3, y3, u3);
                x[i] = y3;
            }
        }
        st[0] = s00;
        st[1] = s01;
        st[2] = s10;
        st[3] = s11;
        st[4] = s20;
        st[5] = s21;
        st[6] = s30;
        st[7] = s31;
    }

    static void run1(double[] x, int from, int to, boolean fwd, double[] c, int k, double[] st,
                             int z) {
        final double b00 = c[k + 0];
        final double b01 = c[k + 1];
        final double b02 = c[k + 2];
        final double a01 = c[k + 3];
        final double a02 = c[k + 4];
        double s00 = st[z + 0];
        double s01 = st[z + 1];
        if (fwd) {
            for (int i = from; i < to; i++) {
                double v = x[i];
                double y0 = b00 * v + s00;
                double t0 = Math.fma(a01, s00, s01 + b01 * v);
                s01 = Math.fma(a02, s00, b02 * v);
                s00 = t0;
                x[i] = y0;
            }
        } else {
            for (int i = to - 1; i >= from; i--) {
                double v = x[i];
                double y0 = b00 * v + s00;
                double t0 = Math.fma(a01, s00, s01 + b01 * v);
                s01 = Math.fma(a02, s00, b02 * v);
                s00 = t0;
                x[i] = y0;
            }
        }
        st[z + 0] = s00;
        st[z + 1] = s01;
    }

    static void run2(double[] x, int from, int to, boolean fwd, double[] c, int k, double[] st,
                             int z) {
        final double b00 = c[k + 0];
        final double b01 = c[k + 1];
        final double b02 = c[k + 2];
        final double a01 = c[k + 3];
        final double a02 = c[k + 4];
        final double b10 = c[k + 5];
        final double b11 = c[k + 6];
        final double b12 = c[k + 7];
        final double a11 = c[k + 8];
        final double a12 = c[k + 9];
        double s00 = st[z + 0];
        double s01 = st[z + 1];
        double s10 = st[z + 2];
        double s11 = st[z + 3];
        if (fwd) {
            for (int i = from; i < to; i++) {
                double v = x[i];
                double y0 = b00 * v + s00;
                double t0 = Math.fma(a01, s00, s01 + b01 * v);
                s01 = Math.fma(a02, s00, b02 * v);
                s00 = t0;
                double y1 = b10 * y0 + s10;
                double t1 = Math.fma(a11, s10, s11 + b11 * y0);
                s11 = Math.fma(a12, s10, b12 * y0);
                s10 = t1;
                x[i] = y1;
            }
        } else {
            for (int i = to - 1; i >= from; i--) {
                double v = x[i];
                double y0 = b00 * v + s00;
                double t0 = Math.fma(a01, s00, s01 + b01 * v);
                s01 = Math.fma(a02, s00, b02 * v);
                s00 = t0;
                double y1 = b10 * y0 + s10;
                double t1 = Math.fma(a11, s10, s11 + b11 * y0);
                s11 = Math.fma(a12, s10, b12 * y0);
                s10 = t1;
                x[i] = y1;
            }
        }
        st[z + 0] = s00;
        st[z + 1] = s01;
        st[z + 2] = s10;
        st[z + 3] = s11;
    }

    static void run3(double[] x, int from, int to, boolean fwd, double[] c, int k, double[] st,
                             int z) {
        final double b00 = c[k + 0];
        final double b01 = c[k + 1];
        final double b02 = c[k + 2];
        final double a01 = c[k + 3];
        final double a02 = c[k + 4];
        final double b10 = c[k + 5];
        final double b11 = c[k + 6];
        final double b12 = c[k + 7];
        final double a11 = c[k + 8];
        final double a12 = c[k + 9];
        final double b20 = c[k + 10];
        final double b21 = c[k + 11];
        final double b22 = c[k + 12];
        final double a21 = c[k + 13];
        final double a22 = c[k + 14];
        double s00 = st[z + 0];
        double s01 = st[z + 1];
        double s10 = st[z + 2];
        double s11 = st[z + 3];
        double s20 = st[z + 4];
        double s21 = st[z + 5];
        if (fwd) {
            for (int i = from; i < to; i++) {
                double v = x[i];
                double y0 = b00 * v + s00;
                double t0 = Math.fma(a01, s00, s01 + b01 * v);
                s01 = Math.fma(a02, s00, b02 * v);
                s00 = t0;
                double y1 = b10 * y0 + s10;
                double t1 = Math.fma(a11, s10, s11 + b11 * y0);
                s11 = Math.fma(a12, s10, b12 * y0);
                s10 = t1;
                double y2 = b20 * y1 + s20;
                double t2 = Math.fma(a21, s20, s21 + b21 * y1);
                s21 = Math.fma(a22, s20, b22 * y1);
                s20 = t2;
                x[i] = y2;
            }
        } else {
            for (int i = to - 1; i >= from; i--) {
                double v = x[i];
                double y0 = b00 * v + s00;
                double t0 = Math.fma(a01, s00, s01 + b01 * v);
                s01 = Math.fma(a02, s00, b02 * v);
                s00 = t0;
                double y1 = b10 * y0 + s10;
                double t1 = Math.fma(a11, s10, s11 + b11 * y0);
                s11 = Math.fma(a12, s10, b12 * y0);
                s10 = t1;
                double y2 = b20 * y1 + s20;
                double t2 = Math.fma(a21, s20, s21 + b21 * y1);
                s21 = Math.fma(a22, s20, b22 * y1);
                s20 = t2;
                x[i] = y2;
            }
        }
        st[z + 0] = s00;
        st[z + 1] = s01;
        st[z + 2] = s10;
        st[z + 3] = s11;
        st[z + 4] = s20;
        st[z + 5] = s21;
    }

    static void run4(double[] x, int from, int to, boolean fwd, double[] c, int k, double[] st,
                             int z) {
        final double b00 = c[k + 0];
        final double b01 = c[k + 1];
        final double b02 = c[k + 2];
        final double a01 = c[k + 3];
        final double a02 = c[k + 4];
        final double b10 = c[k + 5];
        final double b11 = c[k + 6];
        final double b12 = c[k + 7];
        final double a11 = c[k + 8];
        final double a12 = c[k + 9];
        final double b20 = c[k + 10];
        final double b21 = c[k + 11];
        final double b22 = c[k + 12];
        final double a21 = c[k + 13];
        final double a22 = c[k + 14];
        final double b30 = c[k + 15];
        final double b31 = c[k + 16];
        final double b32 = c[k + 17];
        final double a31 = c[k + 18];
        final double a32 = c[k + 19];
        double s00 = st[z + 0];
        double s01 = st[z + 1];
        double s10 = st[z + 2];
        double s11 = st[z + 3];
        double s20 = st[z + 4];
        double s21 = st[z + 5];
        double s30 = st[z + 6];
        double s31 = st[z + 7];
        if (fwd) {
            for (int i = from; i < to; i++) {
                double v = x[i];
                double y0 = b00 * v + s00;
                double t0 = Math.fma(a01, s00, s01 + b01 * v);
                s01 = Math.fma(a02, s00, b02 * v);
                s00 = t0;
                double y1 = b10 * y0 + s10;
                double t1 = Math.fma(a11, s10, s11 + b11 * y0);
                s11 = Math.fma(a12, s10, b12 * y0);
                s10 = t1;
                double y2 = b20 * y1 + s20;
                double t2 = Math.fma(a21, s20, s21 + b21 * y1);
                s21 = Math.fma(a22, s20, b22 * y1);
                s20 = t2;
                double y3 = b30 * y2 + s30;
                double t3 = Math.fma(a31, s30, s31 + b31 * y2);
                s31 = Math.fma(a32, s30, b32 * y2);
                s30 = t3;
                x[i] = y3;
            }
        } else {
            for (int i = to - 1; i >= from; i--) {
                double v = x[i];
                double y0 = b00 * v + s00;
                double t0 = Math.fma(a01, s00, s01 + b01 * v);
                s01 = Math.fma(a02, s00, b02 * v);
                s00 = t0;
                double y1 = b10 * y0 + s10;
                double t1 = Math.fma(a11, s10, s11 + b11 * y0);
                s11 = Math.fma(a12, s10, b12 * y0);
                s10 = t1;
                double y2 = b20 * y1 + s20;
                double t2 = Math.fma(a21, s20, s21 + b21 * y1);
                s21 = Math.fma(a22, s20, b22 * y1);
                s20 = t2;
                double y3 = b30 * y2 + s30;
                double t3 = Math.fma(a31, s30, s31 + b31 * y2);
                s31 = Math.fma(a32, s30, b32 * y2);
                s30 = t3;
                x[i] = y3;
            }
        }
        st[z + 0] = s00;
        st[z + 1] = s01;
        st[z + 2] = s10;
        st[z + 3] = s11;
        st[z + 4] = s20;
        st[z + 5] = s21;
        st[z + 6] = s30;
        st[z + 7] = s31;
    }
}
