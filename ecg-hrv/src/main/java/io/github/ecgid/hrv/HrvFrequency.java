package io.github.ecgid.hrv;

/**
 * Frequency-domain HRV indices: absolute band powers in ms² (the integral of the PSD over the band; no
 * normalisation of the spectrum), ratios dimensionless. NaN for a band the recording is too short to
 * resolve (e.g. ULF on 5 minutes).
 *
 * @param ulfMs2 HRV_ULF, default 0–0.0033 Hz
 * @param vlfMs2 HRV_VLF, default 0.0033–0.04 Hz
 * @param lfMs2  HRV_LF, default 0.04–0.15 Hz
 * @param hfMs2  HRV_HF, default 0.15–0.4 Hz
 * @param vhfMs2 HRV_VHF, default 0.4–0.5 Hz
 * @param tpMs2  HRV_TP: sum of the five bands (NaN bands skipped)
 * @param lfhf   HRV_LFHF: LF / HF
 * @param lfn    HRV_LFn: LF / TP
 * @param hfn    HRV_HFn: HF / TP
 * @param lnhf   HRV_LnHF: natural log of HF in ms²
 * @param method the PSD estimator used
 */
public record HrvFrequency(double ulfMs2, double vlfMs2, double lfMs2, double hfMs2, double vhfMs2, double tpMs2,
                           double lfhf, double lfn, double hfn, double lnhf, PsdMethod method) {

    static HrvFrequency empty(PsdMethod method) {
        return new HrvFrequency(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, method);
    }
}
