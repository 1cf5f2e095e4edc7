package io.github.ecgid.flink;

import java.util.Arrays;
import java.util.Objects;

/**
 * A run of consecutive raw samples of one device's identification lead, the element the job streams. A Flink POJO
 * (public fields, no-argument constructor) so that Flink serializes it with its own POJO serializer, not Kryo.
 *
 * <p>{@code ingestNanos} is the {@link System#nanoTime()} at which the source emitted the chunk; it only feeds
 * the latency figures and takes no part in any decision.
 */
public final class EcgChunk {
    /** Device the samples come from; the job is keyed by it. */
    public String deviceId;
    /** Index of {@code samplesMv[0]} in the device's stream, counted from 0. */
    public long firstSample;
    /** Sampling rate of the device, Hz. */
    public double samplingRateHz;
    /** Samples in mV. */
    public double[] samplesMv;
    /** Wall-clock emission time at the source ({@link System#nanoTime()}), for latency only. */
    public long ingestNanos;

    /** For Flink's POJO serializer. */
    public EcgChunk() {
    }

    public EcgChunk(String deviceId, long firstSample, double samplingRateHz, double[] samplesMv, long ingestNanos) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.firstSample = firstSample;
        this.samplingRateHz = samplingRateHz;
        this.samplesMv = Objects.requireNonNull(samplesMv, "samplesMv");
        this.ingestNanos = ingestNanos;
    }

    /** Event time of the chunk's last sample, in ms from the start of the device's stream. */
    public long eventTimeMillis() {
        return (long) Math.floor((firstSample + samplesMv.length) * 1000.0 / samplingRateHz);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcgChunk c && c.deviceId.equals(deviceId) && c.firstSample == firstSample
                && c.samplingRateHz == samplingRateHz && Arrays.equals(c.samplesMv, samplesMv);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, firstSample, samplingRateHz, Arrays.hashCode(samplesMv));
    }

    /** Summary only: no signal values. */
    @Override
    public String toString() {
        return "EcgChunk[" + deviceId + ", samples " + firstSample + ".."
                + (firstSample + (samplesMv == null ? 0 : samplesMv.length)) + " at " + samplingRateHz + " Hz]";
    }
}
