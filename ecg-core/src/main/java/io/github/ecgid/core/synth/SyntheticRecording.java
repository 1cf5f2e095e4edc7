package io.github.ecgid.core.synth;

import io.github.ecgid.core.EcgRecord;
import java.util.Arrays;
import java.util.Objects;

/**
 * One generated recording: the (possibly noisy) ECG as an {@link EcgRecord} whose annotations are an
 * {@code 'N'} beat at every R peak, the exact R-peak sample indices, and the clean signal before noise.
 *
 * <p>The R peaks are the local maxima of the R waves of {@link #cleanMv()}; beats too close to either end of
 * the recording for a full R wave are left out.
 *
 * @param record        the ECG in mV, one lead, with {@code 'N'} annotations at the R peaks
 * @param rPeakSamples  ascending R-peak sample indices (copied in and out)
 * @param cleanMv       the ECG without noise in mV, same length as the record (copied in and out)
 * @param person        the morphology the recording was generated from
 * @param sessionSeed   the seed of heart rate, RR variability, amplitude drift and noise
 * @param heartRateBpm  the mean heart rate the RR process was set to
 */
public record SyntheticRecording(EcgRecord record, int[] rPeakSamples, double[] cleanMv, PersonProfile person,
                                 long sessionSeed, double heartRateBpm) {

    public SyntheticRecording {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(person, "person");
        rPeakSamples = rPeakSamples.clone();
        cleanMv = cleanMv.clone();
    }

    @Override
    public int[] rPeakSamples() {
        return rPeakSamples.clone();
    }

    @Override
    public double[] cleanMv() {
        return cleanMv.clone();
    }

    /** Sampling rate in Hz. */
    public double samplingRateHz() {
        return record.samplingRateHz();
    }

    /** The (possibly noisy) ECG in mV. */
    public double[] signalMv() {
        return record.lead(0);
    }

    /** Number of R peaks. */
    public int beatCount() {
        return rPeakSamples.length;
    }

    /** Intervals between successive R peaks in seconds (one fewer than the peaks). */
    public double[] rrIntervalsSeconds() {
        double[] rr = new double[Math.max(0, rPeakSamples.length - 1)];
        for (int i = 0; i < rr.length; i++) {
            rr[i] = (rPeakSamples[i + 1] - rPeakSamples[i]) / record.samplingRateHz();
        }
        return rr;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyntheticRecording s && s.record.equals(record)
                && Arrays.equals(s.rPeakSamples, rPeakSamples) && Arrays.equals(s.cleanMv, cleanMv)
                && s.person.equals(person) && s.sessionSeed == sessionSeed && s.heartRateBpm == heartRateBpm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(record, Arrays.hashCode(rPeakSamples), person, sessionSeed, heartRateBpm);
    }

    /** Summary only, no samples. */
    @Override
    public String toString() {
        return "SyntheticRecording[" + record + ", " + rPeakSamples.length + " R peaks, " + heartRateBpm + " bpm]";
    }
}
