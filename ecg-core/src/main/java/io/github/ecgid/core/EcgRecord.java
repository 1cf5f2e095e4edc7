package io.github.ecgid.core;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable multi-lead ECG recording: samples in millivolts at a fixed sampling rate.
 *
 * <p>Arrays are copied in and out, so a record can be shared freely between threads. {@code startSample}
 * is the index of this record's first sample in the recording it was read from (non-zero after
 * {@link #slice}), so positions found in a slice can be mapped back with {@link #toSourceIndex(int)}.
 *
 * <pre>{@code
 * EcgRecord rec = EcgRecord.of(250.0, "ECG", samplesMv);
 * EcgRecord first10s = rec.slice(0, 10);
 * double[] mv = first10s.lead("ECG");
 * }</pre>
 *
 * @param samplingRateHz samples per second per lead, positive and finite
 * @param leadNames      one unique name per lead, e.g. {@code "MLII"}, {@code "V5"}, {@code "ECG I"}
 * @param samplesMv      {@code samplesMv[lead][i]}, all leads the same length, in mV
 * @param startSample    index of sample 0 in the source recording (0 for a whole record)
 * @param source         human-readable origin, e.g. a file path or {@code "synthetic person 3"}
 * @param annotations    beat or event annotations, indices relative to this record's sample 0
 */
public record EcgRecord(double samplingRateHz, List<String> leadNames, double[][] samplesMv, long startSample,
                        String source, Annotations annotations) {

    public EcgRecord {
        if (!(samplingRateHz > 0) || Double.isInfinite(samplingRateHz)) {
            throw new EcgSignalException("Sampling rate must be positive and finite, got " + samplingRateHz
                    + " Hz for " + source);
        }
        Objects.requireNonNull(leadNames, "leadNames");
        Objects.requireNonNull(samplesMv, "samplesMv");
        leadNames = List.copyOf(leadNames);
        if (leadNames.isEmpty()) {
            throw new EcgSignalException("A record needs at least one lead: " + source);
        }
        if (leadNames.size() != samplesMv.length) {
            throw new EcgSignalException(leadNames.size() + " lead names but " + samplesMv.length
                    + " sample arrays in " + source);
        }
        if (leadNames.stream().distinct().count() != leadNames.size()) {
            throw new EcgSignalException("Lead names must be unique, got " + leadNames + " in " + source);
        }
        double[][] copy = new double[samplesMv.length][];
        for (int i = 0; i < samplesMv.length; i++) {
            copy[i] = Objects.requireNonNull(samplesMv[i], "samplesMv[" + i + "]").clone();
            if (copy[i].length != copy[0].length) {
                throw new EcgSignalException("Lead " + leadNames.get(i) + " has " + copy[i].length
                        + " samples, lead " + leadNames.get(0) + " has " + copy[0].length + " in " + source);
            }
        }
        samplesMv = copy;
        if (startSample < 0) {
            throw new EcgSignalException("startSample must be >= 0, got " + startSample);
        }
        source = source == null ? "unnamed record" : source;
        annotations = annotations == null ? Annotations.empty() : annotations;
    }

    /** A single-lead record starting at sample 0, without annotations. */
    public static EcgRecord of(double samplingRateHz, String leadName, double[] samplesMv) {
        return new EcgRecord(samplingRateHz, List.of(leadName), new double[][] {samplesMv}, 0, null, null);
    }

    /** A multi-lead record starting at sample 0. */
    public static EcgRecord of(double samplingRateHz, List<String> leadNames, double[][] samplesMv, String source,
                               Annotations annotations) {
        return new EcgRecord(samplingRateHz, leadNames, samplesMv, 0, source, annotations);
    }

    /** Deep copy of all samples, {@code [lead][i]}, in mV. */
    @Override
    public double[][] samplesMv() {
        double[][] out = new double[samplesMv.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = samplesMv[i].clone();
        }
        return out;
    }

    /** Number of samples per lead. */
    public int length() {
        return samplesMv[0].length;
    }

    /** Number of leads. */
    public int leadCount() {
        return samplesMv.length;
    }

    /** Duration in seconds ({@code length / samplingRateHz}). */
    public double durationSeconds() {
        return length() / samplingRateHz;
    }

    /** A copy of one lead in mV, by name. */
    public double[] lead(String name) {
        return samplesMv[leadIndex(name)].clone();
    }

    /** A copy of one lead in mV, by 0-based position. */
    public double[] lead(int index) {
        if (index < 0 || index >= samplesMv.length) {
            throw new EcgSignalException("Lead index " + index + " out of range 0.." + (samplesMv.length - 1)
                    + " in " + source);
        }
        return samplesMv[index].clone();
    }

    /** Whether a lead of that name exists. */
    public boolean hasLead(String name) {
        return leadNames.contains(name);
    }

    /** Position of a lead by name; throws naming the leads that exist. */
    public int leadIndex(String name) {
        int i = leadNames.indexOf(name);
        if (i < 0) {
            throw new EcgSignalException("No lead '" + name + "' in " + source + "; leads are " + leadNames);
        }
        return i;
    }

    /** Copies {@code length} samples of a lead, from {@code from}, into {@code dest} at {@code destOffset}. */
    public void copyLead(int leadIndex, int from, double[] dest, int destOffset, int length) {
        System.arraycopy(samplesMv[leadIndex], from, dest, destOffset, length);
    }

    /**
     * The part of the record between two times in seconds (from inclusive, to exclusive, clamped to the
     * record). Annotations are shifted and kept when they fall inside.
     */
    public EcgRecord slice(double fromSeconds, double toSeconds) {
        if (!(fromSeconds >= 0) || !(toSeconds > fromSeconds)) {
            throw new EcgSignalException("Slice needs 0 <= from < to, got from " + fromSeconds + " s to "
                    + toSeconds + " s for " + source);
        }
        int from = (int) Math.min(length(), Math.round(fromSeconds * samplingRateHz));
        int to = (int) Math.min(length(), Math.round(toSeconds * samplingRateHz));
        return sliceSamples(from, to);
    }

    /** The part of the record between two sample indices (from inclusive, to exclusive). */
    public EcgRecord sliceSamples(int fromSample, int toSample) {
        if (fromSample < 0 || toSample > length() || fromSample > toSample) {
            throw new EcgSignalException("Slice [" + fromSample + ", " + toSample + ") outside 0.." + length()
                    + " samples of " + source);
        }
        double[][] part = new double[samplesMv.length][];
        for (int i = 0; i < part.length; i++) {
            part[i] = Arrays.copyOfRange(samplesMv[i], fromSample, toSample);
        }
        return new EcgRecord(samplingRateHz, leadNames, part, startSample + fromSample, source,
                annotations.between(fromSample, toSample).shifted(-fromSample));
    }

    /** Maps a sample index of this record to the index in the source recording. */
    public long toSourceIndex(int sampleIndex) {
        return startSample + sampleIndex;
    }

    /** The same record with other annotations. */
    public EcgRecord withAnnotations(Annotations newAnnotations) {
        return new EcgRecord(samplingRateHz, leadNames, samplesMv, startSample, source, newAnnotations);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcgRecord r && r.samplingRateHz == samplingRateHz && r.leadNames.equals(leadNames)
                && Arrays.deepEquals(r.samplesMv, samplesMv) && r.startSample == startSample
                && r.source.equals(source) && r.annotations.equals(annotations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(samplingRateHz, leadNames, Arrays.deepHashCode(samplesMv), startSample, source,
                annotations);
    }

    /** Summary only: never prints samples (biometric data stays out of logs). */
    @Override
    public String toString() {
        return "EcgRecord[" + source + ", " + samplingRateHz + " Hz, leads " + leadNames + ", " + length()
                + " samples, " + annotations.size() + " annotations]";
    }
}
