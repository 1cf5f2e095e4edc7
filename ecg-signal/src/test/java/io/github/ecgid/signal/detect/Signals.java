package io.github.ecgid.signal.detect;

import io.github.ecgid.core.synth.Noise;
import io.github.ecgid.core.synth.PersonProfile;
import io.github.ecgid.core.synth.SyntheticEcg;
import io.github.ecgid.core.synth.SyntheticRecording;
import io.github.ecgid.signal.eval.BeatMatcher;
import io.github.ecgid.signal.eval.DetectionScore;

/** Synthetic test signals with exact R-peak truth. */
final class Signals {
    private Signals() {
    }

    static SyntheticRecording ecg(double fs, double seconds, double bpm, Noise noise, long seed) {
        return SyntheticEcg.builder().samplingRateHz(fs).durationSeconds(seconds)
                .person(PersonProfile.of((int) seed, 1000 + seed)).sessionSeed(seed).heartRateBpm(bpm)
                .noise(noise).build().generate();
    }

    static long[] toLong(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    static DetectionScore score(SyntheticRecording rec, int[] detected, double toleranceMs) {
        return BeatMatcher.match(toLong(rec.rPeakSamples()), detected,
                BeatMatcher.toleranceSamples(toleranceMs, rec.samplingRateHz()));
    }
}
