package io.github.ecgid.hrv;

/**
 * Nonlinear HRV indices.
 *
 * @param sd1Ms      HRV_SD1: Poincaré spread across the identity line (successive pairs only)
 * @param sd2Ms      HRV_SD2: Poincaré spread along the identity line
 * @param sd1sd2     HRV_SD1SD2: SD1 / SD2
 * @param sMs2       HRV_S: ellipse area π·SD1·SD2
 * @param csi        HRV_CSI: cardiac sympathetic index SD2 / SD1
 * @param cvi        HRV_CVI: cardiac vagal index log10(16·SD1·SD2)
 * @param apEn       HRV_ApEn: approximate entropy, m = 2, r = 0.2·SD (n − 1), self-matches counted
 * @param sampEn     HRV_SampEn: sample entropy, m = 2, r = 0.2·SD; +∞ when no template of length 3 matches
 * @param dfaAlpha1  HRV_DFA_alpha1: DFA exponent over 4–16 beats (NaN if 16 or fewer intervals)
 * @param dfaAlpha2  HRV_DFA_alpha2: DFA exponent over 16–64 beats (NaN if 64 or fewer intervals)
 */
public record HrvNonlinear(double sd1Ms, double sd2Ms, double sd1sd2, double sMs2, double csi, double cvi,
                           double apEn, double sampEn, double dfaAlpha1, double dfaAlpha2) {

    static final HrvNonlinear EMPTY = new HrvNonlinear(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
