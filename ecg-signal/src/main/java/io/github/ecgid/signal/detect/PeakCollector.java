package io.github.ecgid.signal.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects a stream's peaks and notes into an {@link RPeaks}. */
final class PeakCollector implements RPeakListener {
    private int[] peaks = new int[256];
    private int count;
    private final List<RPeaks.Note> notes = new ArrayList<>();

    @Override
    public void onPeak(long indexSamples) {
        if (count == peaks.length) {
            peaks = Arrays.copyOf(peaks, count * 2);
        }
        peaks[count++] = (int) indexSamples;
    }

    @Override
    public void onNote(RPeaks.Note note) {
        notes.add(note);
    }

    RPeaks toRPeaks(double samplingRateHz) {
        return new RPeaks(Arrays.copyOf(peaks, count), samplingRateHz, notes);
    }
}
