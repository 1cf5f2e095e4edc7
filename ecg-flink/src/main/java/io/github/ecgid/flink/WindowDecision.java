package io.github.ecgid.flink;

import java.util.Locale;
import java.util.Objects;

/**
 * One continuous-verification decision of a device: made each time a window of beats completes, exactly as the
 * single-JVM {@code io.github.ecgid.model.identify.Monitor} makes its {@code MonitorDecision}. A Flink POJO.
 *
 * <p>Equality covers every field that the signal determines and leaves out the timings, which depend
 * on the machine ({@link #latencyMillis}, {@link #completedAtNanos}): two runs over the same samples give equal decisions.
 */
public final class WindowDecision {
    /** Device the window comes from. */
    public String deviceId;
    /** The device's owner, whose identity is verified; null when the device has no registered owner. */
    public String ownerId;
    /** Sample index of the window's first R-peak. */
    public long windowStartSample;
    /** Sample index of the R-peak that completed the window ({@code MonitorDecision.endSample()}). */
    public long windowEndSample;
    /** Who the beats were identified as; null when unknown or too noisy. */
    public String personId;
    /** The identification's score (open set: cosine to the best template), 0 when too noisy. */
    public double score;
    /** Threshold the score was compared with. */
    public double threshold;
    /** Whether the window was identified as its device's owner. */
    public boolean accepted;
    /** Whether too few beats were usable for a decision ({@code MonitorDecision.noisy()}). */
    public boolean tooNoisy;
    /** R-peaks in the window. */
    public int beatsDetected;
    /** Beats that passed the quality gate and entered the decision. */
    public int beatsUsed;
    /** Why the window was too noisy, empty otherwise. */
    public String note = "";
    /** Wall time from the source's emission of the chunk that completed the window to the decision, ms. */
    public double latencyMillis;
    /** {@link System#nanoTime()} at which the source emitted the chunk that completed the window (same-JVM use). */
    public long completedAtNanos;

    /** For Flink's POJO serializer. */
    public WindowDecision() {
    }

    /** The fields that identify a decision, as one comparable line (without latency). */
    public String key() {
        return String.format(Locale.ROOT, "%s|%s|%d|%d|%s|%.17g|%s|%s|%d|%d", deviceId, ownerId, windowStartSample,
                windowEndSample, personId, score, accepted, tooNoisy, beatsDetected, beatsUsed);
    }

    /** One JSON object on one line; no signal, no template. */
    public String toJson() {
        return String.format(Locale.ROOT, "{\"device\":%s,\"owner\":%s,\"window_start_sample\":%d,"
                        + "\"window_end_sample\":%d,\"person\":%s,\"score\":%.6f,\"threshold\":%.6f,\"accepted\":%s,"
                        + "\"too_noisy\":%s,\"beats_detected\":%d,\"beats_used\":%d,\"latency_ms\":%.3f%s}",
                Json.string(deviceId), Json.string(ownerId), windowStartSample, windowEndSample, Json.string(personId),
                score, threshold, accepted, tooNoisy, beatsDetected, beatsUsed, latencyMillis,
                note.isEmpty() ? "" : ",\"note\":" + Json.string(note));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowDecision d && Objects.equals(d.deviceId, deviceId)
                && Objects.equals(d.ownerId, ownerId) && d.windowStartSample == windowStartSample
                && d.windowEndSample == windowEndSample && Objects.equals(d.personId, personId)
                && Double.compare(d.score, score) == 0 && Double.compare(d.threshold, threshold) == 0
                && d.accepted == accepted && d.tooNoisy == tooNoisy && d.beatsDetected == beatsDetected
                && d.beatsUsed == beatsUsed && Objects.equals(d.note, note);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, windowStartSample, windowEndSample, personId, score);
    }

    @Override
    public String toString() {
        return "WindowDecision[" + key() + "]";
    }
}
