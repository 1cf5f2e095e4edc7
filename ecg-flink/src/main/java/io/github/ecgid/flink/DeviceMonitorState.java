package io.github.ecgid.flink;

import io.github.ecgid.signal.detect.DetectorSnapshot;

/**
 * Everything a device's continuous verification carries from one chunk to the next, as Flink keyed state: the
 * streaming R-peak detector's {@link DetectorSnapshot} (as its plain fields), the ring of recent samples the
 * windows are cut from, and the R-peaks not yet decided. A Flink POJO of primitives and primitive arrays, so
 * checkpoints use Flink's own serializers, never Java serialization or Kryo.
 */
public final class DeviceMonitorState {
    /** Sampling rate the state was made for, Hz. */
    public double samplingRateHz;
    /** Samples of the device accepted so far (absolute index of the next sample). */
    public long written;
    /** Absolute index of the detector's sample 0 (0 unless the stream restarted after a gap). */
    public long detectorOrigin;
    /** Ring of the last {@code ring.length} samples, in mV, indexed by absolute sample modulo its length. */
    public double[] ring;
    /** Absolute indices of the detected R-peaks not yet decided, first {@link #peakCount} valid. */
    public long[] peaks;
    /** Number of valid entries in {@link #peaks}. */
    public int peakCount;
    /** Detector snapshot: name. */
    public String detectorName;
    /** Detector snapshot: configuration fingerprint. */
    public long detectorConfigHash;
    /** Detector snapshot: samples consumed. */
    public long detectorSamples;
    /** Detector snapshot: floating-point state. */
    public double[] detectorValues;
    /** Detector snapshot: integer state. */
    public long[] detectorCounters;

    /** For Flink's POJO serializer. */
    public DeviceMonitorState() {
    }

    /** The detector state as the library's snapshot type, null before the first chunk. */
    public DetectorSnapshot detectorSnapshot() {
        return detectorName == null ? null : new DetectorSnapshot(detectorName, detectorConfigHash, detectorSamples,
                detectorValues, detectorCounters);
    }

    /** Stores a detector snapshot's fields. */
    public void detectorSnapshot(DetectorSnapshot s) {
        detectorName = s.detector();
        detectorConfigHash = s.configHash();
        detectorSamples = s.samplesConsumed();
        detectorValues = s.values();
        detectorCounters = s.counters();
    }

    @Override
    public String toString() {
        return "DeviceMonitorState[" + written + " samples, " + peakCount + " pending peaks]";
    }
}
