package io.github.ecgid.hrv;

/**
 * Time-domain HRV indices, NeuroKit2 names in {@link HrvReport#asMap()}. Intervals and spreads in ms,
 * percentages in % (0–100), heart rate in beats per minute; NaN where not computable (e.g. SDANN5 on a
 * recording shorter than about 12.5 minutes).
 *
 * <p>Successive differences (RMSSD, SDSD, pNN50, pNN20) use only pairs of intervals with no gap between
 * them (see {@link RrSeries#isSuccessive(int)}).
 *
 * @param meanNnMs     HRV_MeanNN: mean interval
 * @param sdnnMs       HRV_SDNN: standard deviation of intervals (n − 1)
 * @param rmssdMs      HRV_RMSSD: root mean square of successive differences
 * @param sdsdMs       HRV_SDSD: standard deviation of successive differences (n − 1)
 * @param cvnn         HRV_CVNN: SDNN / MeanNN
 * @param cvsd         HRV_CVSD: RMSSD / MeanNN
 * @param medianNnMs   HRV_MedianNN: median interval
 * @param madNnMs      HRV_MadNN: 1.4826 × median absolute deviation
 * @param mcvnn        HRV_MCVNN: MadNN / MedianNN
 * @param iqrNnMs      HRV_IQRNN: 75th − 25th percentile (linear interpolation)
 * @param prc20NnMs    HRV_Prc20NN: 20th percentile
 * @param prc80NnMs    HRV_Prc80NN: 80th percentile
 * @param pnn50Percent HRV_pNN50: successive differences above 50 ms, per (differences + 1), in %
 * @param pnn20Percent HRV_pNN20: as pNN50 with 20 ms
 * @param minNnMs      HRV_MinNN
 * @param maxNnMs      HRV_MaxNN
 * @param hti          HRV_HTI: intervals / height of the 1/128 s histogram
 * @param tinnMs       HRV_TINN: base width of the least-squares triangle fitted to that histogram
 * @param sdann1Ms     HRV_SDANN1: SD of the 1-minute mean intervals
 * @param sdnni1Ms     HRV_SDNNI1: mean of the 1-minute SDNNs
 * @param sdann2Ms     HRV_SDANN2
 * @param sdnni2Ms     HRV_SDNNI2
 * @param sdann5Ms     HRV_SDANN5
 * @param sdnni5Ms     HRV_SDNNI5
 * @param meanHrBpm    HRV_MeanHR: mean of the instantaneous heart rates 60000 / RR
 */
public record HrvTime(double meanNnMs, double sdnnMs, double rmssdMs, double sdsdMs, double cvnn, double cvsd,
                      double medianNnMs, double madNnMs, double mcvnn, double iqrNnMs, double prc20NnMs,
                      double prc80NnMs, double pnn50Percent, double pnn20Percent, double minNnMs, double maxNnMs,
                      double hti, double tinnMs, double sdann1Ms, double sdnni1Ms, double sdann2Ms,
                      double sdnni2Ms, double sdann5Ms, double sdnni5Ms, double meanHrBpm) {

    static final HrvTime EMPTY = new HrvTime(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN);
}
