package io.github.ecgid.signal.filter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Zeros, poles and gain of a filter, with the transforms scipy.signal uses to design digital IIR filters
 * ({@code buttap}, {@code lp2lp_zpk}, {@code lp2hp_zpk}, {@code lp2bp_zpk}, {@code bilinear_zpk},
 * {@code zpk2sos} with {@code pairing='nearest'}). Ported step by step so the section coefficients match
 * scipy's to rounding error, which keeps the filtered output within 1e-9 of scipy's.
 */
final class Zpk {
    final List<Complex> zeros;
    final List<Complex> poles;
    final double gain;

    Zpk(List<Complex> zeros, List<Complex> poles, double gain) {
        this.zeros = List.copyOf(zeros);
        this.poles = List.copyOf(poles);
        this.gain = gain;
    }

    /** Analog Butterworth low-pass prototype of order n with cutoff 1 rad/s ({@code scipy.signal.buttap}). */
    static Zpk butterworthPrototype(int order) {
        List<Complex> p = new ArrayList<>(order);
        for (int m = -order + 1; m < order; m += 2) {
            p.add(Complex.expI(Math.PI * m / (2.0 * order)).negate());
        }
        return new Zpk(List.of(), p, 1.0);
    }

    private int degree() {
        return poles.size() - zeros.size();
    }

    Zpk lowPassToLowPass(double wo) {
        List<Complex> z = new ArrayList<>();
        for (Complex c : zeros) {
            z.add(c.times(wo));
        }
        List<Complex> p = new ArrayList<>();
        for (Complex c : poles) {
            p.add(c.times(wo));
        }
        return new Zpk(z, p, gain * Math.pow(wo, degree()));
    }

    Zpk lowPassToHighPass(double wo) {
        int degree = degree();
        Complex w = Complex.real(wo);
        List<Complex> z = new ArrayList<>();
        Complex prodZ = Complex.ONE;
        for (Complex c : zeros) {
            z.add(w.div(c));
            prodZ = prodZ.times(c.negate());
        }
        List<Complex> p = new ArrayList<>();
        Complex prodP = Complex.ONE;
        for (Complex c : poles) {
            p.add(w.div(c));
            prodP = prodP.times(c.negate());
        }
        for (int i = 0; i < degree; i++) {
            z.add(Complex.ZERO);
        }
        return new Zpk(z, p, gain * prodZ.div(prodP).re());
    }

    Zpk lowPassToBandPass(double wo, double bw) {
        int degree = degree();
        Complex wo2 = Complex.real(wo * wo);
        List<Complex> z = shiftToBand(zeros, bw, wo2);
        for (int i = 0; i < degree; i++) {
            z.add(Complex.ZERO);
        }
        return new Zpk(z, shiftToBand(poles, bw, wo2), gain * Math.pow(bw, degree));
    }

    private static List<Complex> shiftToBand(List<Complex> roots, double bw, Complex wo2) {
        List<Complex> plus = new ArrayList<>();
        List<Complex> minus = new ArrayList<>();
        for (Complex c : roots) {
            Complex lp = c.times(bw / 2);
            Complex s = lp.times(lp).minus(wo2).sqrt();
            plus.add(lp.plus(s));
            minus.add(lp.minus(s));
        }
        plus.addAll(minus);
        return plus;
    }

    /** Bilinear transform with {@code fs} as scipy's {@code bilinear_zpk}. */
    Zpk bilinear(double fs) {
        int degree = degree();
        Complex fs2 = Complex.real(2.0 * fs);
        List<Complex> z = new ArrayList<>();
        Complex prodZ = Complex.ONE;
        for (Complex c : zeros) {
            z.add(fs2.plus(c).div(fs2.minus(c)));
            prodZ = prodZ.times(fs2.minus(c));
        }
        List<Complex> p = new ArrayList<>();
        Complex prodP = Complex.ONE;
        for (Complex c : poles) {
            p.add(fs2.plus(c).div(fs2.minus(c)));
            prodP = prodP.times(fs2.minus(c));
        }
        for (int i = 0; i < degree; i++) {
            z.add(Complex.real(-1.0));
        }
        return new Zpk(z, p, gain * prodZ.div(prodP).re());
    }

    /** Second-order sections, scipy's {@code zpk2sos(z, p, k, pairing='nearest')} for digital filters. */
    double[][] toSos() {
        List<Complex> p = new ArrayList<>(poles);
        List<Complex> z = new ArrayList<>(zeros);
        while (p.size() < z.size()) {
            p.add(Complex.ZERO);
        }
        while (z.size() < p.size()) {
            z.add(Complex.ZERO);
        }
        int nSections = (p.size() + 1) / 2;
        if (p.size() % 2 == 1) {
            p.add(Complex.ZERO);
            z.add(Complex.ZERO);
        }
        z = cplxreal(z);
        p = cplxreal(p);
        double[][] sos = new double[nSections][];
        for (int si = nSections - 1; si >= 0; si--) {
            Complex p1 = p.remove(idxWorst(p));
            if (p1.isReal() && countReal(p) == 0) {
                Complex z1 = z.remove(nearest(z, p1, Which.REAL));
                sos[si] = section(List.of(z1, Complex.ZERO), List.of(p1, Complex.ZERO));
            } else if (p.size() + 1 == z.size() && !p1.isReal() && countReal(p) == 1 && countReal(z) == 1) {
                Complex z1 = z.remove(nearest(z, p1, Which.COMPLEX));
                sos[si] = section(List.of(z1, z1.conj()), List.of(p1, p1.conj()));
            } else {
                Complex p2;
                if (p1.isReal()) {
                    List<Integer> realIdx = new ArrayList<>();
                    List<Complex> realP = new ArrayList<>();
                    for (int i = 0; i < p.size(); i++) {
                        if (p.get(i).isReal()) {
                            realIdx.add(i);
                            realP.add(p.get(i));
                        }
                    }
                    p2 = p.remove((int) realIdx.get(idxWorst(realP)));
                } else {
                    p2 = p1.conj();
                }
                if (!z.isEmpty()) {
                    Complex z1 = z.remove(nearest(z, p1, Which.ANY));
                    if (!z1.isReal()) {
                        sos[si] = section(List.of(z1, z1.conj()), List.of(p1, p2));
                    } else if (!z.isEmpty()) {
                        Complex z2 = z.remove(nearest(z, p1, Which.REAL));
                        sos[si] = section(List.of(z1, z2), List.of(p1, p2));
                    } else {
                        sos[si] = section(List.of(z1), List.of(p1, p2));
                    }
                } else {
                    sos[si] = section(List.of(), List.of(p1, p2));
                }
            }
        }
        for (int j = 0; j < 3; j++) {
            sos[0][j] *= gain;
        }
        return sos;
    }

    private enum Which { REAL, COMPLEX, ANY }

    private static int countReal(List<Complex> l) {
        int n = 0;
        for (Complex c : l) {
            if (c.isReal()) {
                n++;
            }
        }
        return n;
    }

    private static int idxWorst(List<Complex> p) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < p.size(); i++) {
            double d = Math.abs(1 - p.get(i).abs());
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private static int nearest(List<Complex> from, Complex to, Which which) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < from.size(); i++) {
            Complex c = from.get(i);
            if (which == Which.REAL && !c.isReal() || which == Which.COMPLEX && c.isReal()) {
                continue;
            }
            double d = c.minus(to).abs();
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no " + which + " root left to pair");
        }
        return best;
    }

    /** scipy's {@code _cplxreal}: one of each conjugate pair (positive imaginary part), then the real roots. */
    private static List<Complex> cplxreal(List<Complex> roots) {
        double tol = 100 * Math.ulp(1.0);
        List<Complex> sorted = new ArrayList<>(roots);
        sorted.sort(Comparator.comparingDouble(Complex::re).thenComparingDouble(c -> Math.abs(c.im())));
        List<Complex> reals = new ArrayList<>();
        List<Complex> pos = new ArrayList<>();
        List<Complex> neg = new ArrayList<>();
        for (Complex c : sorted) {
            if (Math.abs(c.im()) <= tol * c.abs()) {
                reals.add(Complex.real(c.re()));
            } else if (c.im() > 0) {
                pos.add(c);
            } else {
                neg.add(c);
            }
        }
        if (pos.size() != neg.size()) {
            throw new IllegalStateException("complex root without conjugate");
        }
        List<Complex> out = new ArrayList<>();
        for (int i = 0; i < pos.size(); i++) {
            out.add(pos.get(i).plus(neg.get(i).conj()).times(0.5));
        }
        out.addAll(reals);
        return out;
    }

    /** One section from up to two zeros and two poles, as scipy's {@code _single_zpksos} with k = 1. */
    private static double[] section(List<Complex> z, List<Complex> p) {
        double[] s = new double[6];
        double[] b = poly(z);
        double[] a = poly(p);
        System.arraycopy(b, 0, s, 3 - b.length, b.length);
        System.arraycopy(a, 0, s, 6 - a.length, a.length);
        return s;
    }

    /** Real coefficients of prod (1 - r x^-1), highest power first, as numpy's {@code poly}. */
    private static double[] poly(List<Complex> r) {
        if (r.isEmpty()) {
            return new double[] {1.0};
        }
        if (r.size() == 1) {
            return new double[] {1.0, -r.get(0).re()};
        }
        Complex a = r.get(0).negate();
        Complex b = r.get(1).negate();
        return new double[] {1.0, b.plus(a).re(), a.times(b).re()};
    }
}
