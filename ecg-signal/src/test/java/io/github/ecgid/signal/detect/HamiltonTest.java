package io.github.ecgid.signal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.core.synth.Noise;
import io.github.ecgid.core.synth.SyntheticRecording;
import io.github.ecgid.signal.eval.DetectionScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HamiltonTest {

    private final RPeakDetector detector = RPeakDetectors.byName("hamilton");

    @ParameterizedTest
    @ValueSource(doubles = {125, 130, 200, 250, 360, 500, 1000})
    void detectsEveryBeatOfANoisySinusRhythmAtEachRate(double fs) {
        SyntheticRecording rec = Signals.ecg(fs, 60, 72, Noise.realistic(), 12);

        DetectionScore s = Signals.score(rec, detector.detect(rec.signalMv(), fs).indexSamples(), 50);

        assertThat(s.f1()).as("%s", s).isEqualTo(1.0);
    }

    @Test
    void flatLineGivesNoPeaks() {
        assertThat(detector.detect(new double[360 * 10], 360).count()).isZero();
    }
}
