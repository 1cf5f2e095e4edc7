package io.github.ecgid.signal.detect;

/**
 * Finds R-peaks (QRS complexes) in a single-lead ECG at any sampling rate from 100 to 2000 Hz.
 * Implementations are immutable and thread-safe; each call or stream has its own state.
 *
 * <pre>{@code
 * RPeakDetector det = RPeakDetectors.byName("pan-tompkins");
 * RPeaks peaks = det.detect(leadMv, 360.0);
 * }</pre>
 */
public interface RPeakDetector {

    /** Name for {@link RPeakDetectors#byName}, e.g. {@code "pan-tompkins"}. */
    String name();

    /**
     * Detects the R-peaks of a whole signal. Non-finite stretches are skipped, flat stretches and a too-short
     * input are reported in {@link RPeaks#notes()}; they never throw.
     *
     * @param samplesMv      one lead in mV
     * @param samplingRateHz sampling rate, 100 to 2000 Hz
     * @throws io.github.ecgid.core.EcgSignalException if the sampling rate is outside 100..2000 Hz
     */
    default RPeaks detect(double[] samplesMv, double samplingRateHz) {
        PeakCollector collector = new PeakCollector();
        StreamingRPeakDetector stream = streaming(samplingRateHz, collector);
        stream.accept(samplesMv, 0, samplesMv.length);
        stream.finish();
        return collector.toRPeaks(samplingRateHz);
    }

    /**
     * A streaming detector for live input.
     *
     * @throws io.github.ecgid.core.EcgSignalException if the sampling rate is outside 100..2000 Hz
     */
    StreamingRPeakDetector streaming(double samplingRateHz, RPeakListener listener);
}
