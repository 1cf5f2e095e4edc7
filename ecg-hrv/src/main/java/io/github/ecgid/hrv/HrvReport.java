package io.github.ecgid.hrv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * All HRV indices of one RR series: typed groups ({@link #time()}, {@link #frequency()},
 * {@link #nonlinear()}) and a flat {@link #asMap()} keyed by NeuroKit2's {@code HRV_*} names.
 *
 * <p>A series with fewer than 3 intervals gives an empty report: every index NaN and
 * {@link #emptyReason()} saying why.
 *
 * <pre>{@code
 * HrvReport r = HrvAnalyzer.defaults().analyze(RrSeries.fromPeaks(peaks, 250.0));
 * double rmssd = r.time().rmssdMs();
 * r.asMap().forEach((name, value) -> System.out.println(name + " " + value));
 * }</pre>
 *
 * @param intervalCount NN intervals analysed (after artefact correction)
 * @param time          time-domain indices
 * @param frequency     frequency-domain indices
 * @param nonlinear     nonlinear indices
 * @param emptyReason   why nothing was computed, or empty
 */
public record HrvReport(int intervalCount, HrvTime time, HrvFrequency frequency, HrvNonlinear nonlinear,
                        Optional<String> emptyReason) {

    public HrvReport {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(nonlinear, "nonlinear");
        Objects.requireNonNull(emptyReason, "emptyReason");
    }

    /** A report with every index NaN and the reason nothing was computed. */
    public static HrvReport empty(int intervalCount, String reason, PsdMethod method) {
        return new HrvReport(intervalCount, HrvTime.EMPTY, HrvFrequency.empty(method), HrvNonlinear.EMPTY,
                Optional.of(reason));
    }

    /** True when nothing could be computed. */
    public boolean isEmpty() {
        return emptyReason.isPresent();
    }

    /**
     * Every index under its NeuroKit2 name ({@code HRV_MeanNN}, …, {@code HRV_DFA_alpha2}) in a fixed order:
     * time, frequency, nonlinear. Values are NaN where not computable. Unmodifiable.
     */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        HrvTime t = time;
        m.put("HRV_MeanNN", t.meanNnMs());
        m.put("HRV_SDNN", t.sdnnMs());
        m.put("HRV_SDANN1", t.sdann1Ms());
        m.put("HRV_SDNNI1", t.sdnni1Ms());
        m.put("HRV_SDANN2", t.sdann2Ms());
        m.put("HRV_SDNNI2", t.sdnni2Ms());
        m.put("HRV_SDANN5", t.sdann5Ms());
        m.put("HRV_SDNNI5", t.sdnni5Ms());
        m.put("HRV_RMSSD", t.rmssdMs());
        m.put("HRV_SDSD", t.sdsdMs());
        m.put("HRV_CVNN", t.cvnn());
        m.put("HRV_CVSD", t.cvsd());
        m.put("HRV_MedianNN", t.medianNnMs());
        m.put("HRV_MadNN", t.madNnMs());
        m.put("HRV_MCVNN", t.mcvnn());
        m.put("HRV_IQRNN", t.iqrNnMs());
        m.put("HRV_Prc20NN", t.prc20NnMs());
        m.put("HRV_Prc80NN", t.prc80NnMs());
        m.put("HRV_pNN50", t.pnn50Percent());
        m.put("HRV_pNN20", t.pnn20Percent());
        m.put("HRV_MinNN", t.minNnMs());
        m.put("HRV_MaxNN", t.maxNnMs());
        m.put("HRV_HTI", t.hti());
        m.put("HRV_TINN", t.tinnMs());
        m.put("HRV_MeanHR", t.meanHrBpm());
        HrvFrequency f = frequency;
        m.put("HRV_ULF", f.ulfMs2());
        m.put("HRV_VLF", f.vlfMs2());
        m.put("HRV_LF", f.lfMs2());
        m.put("HRV_HF", f.hfMs2());
        m.put("HRV_VHF", f.vhfMs2());
        m.put("HRV_TP", f.tpMs2());
        m.put("HRV_LFHF", f.lfhf());
        m.put("HRV_LFn", f.lfn());
        m.put("HRV_HFn", f.hfn());
        m.put("HRV_LnHF", f.lnhf());
        HrvNonlinear n = nonlinear;
        m.put("HRV_SD1", n.sd1Ms());
        m.put("HRV_SD2", n.sd2Ms());
        m.put("HRV_SD1SD2", n.sd1sd2());
        m.put("HRV_S", n.sMs2());
        m.put("HRV_CSI", n.csi());
        m.put("HRV_CVI", n.cvi());
        m.put("HRV_ApEn", n.apEn());
        m.put("HRV_SampEn", n.sampEn());
        m.put("HRV_DFA_alpha1", n.dfaAlpha1());
        m.put("HRV_DFA_alpha2", n.dfaAlpha2());
        return Collections.unmodifiableMap(m);
    }
}
