package io.github.ecgid.signal.beat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.signal.preprocess.SampleGap;
import org.junit.jupiter.api.Test;

class BeatPipelineTest {
    private static final double FS = 250;
    private static final double[] LEAD = SyntheticCohort.of(2, 11).withDurationSeconds(30).recording(1, 1).record()
            .lead(0);

    @Test
    void keepsTheRWaveTopThatTheSeedClipFlattens() {
        BeatPipeline.Result plain = new BeatPipeline(FS, 50, "pan-tompkins", true).extract(LEAD);
        BeatPipeline.Result clipped = new BeatPipeline(FS, 50, "pan-tompkins", true).withSeedClip().extract(LEAD);

        assertThat(plain.beats().length).isGreaterThan(20);
        assertThat(clipped.beats().length).isGreaterThan(20);
        // the clip caps R at a level the z-score then maps lower: the R wave stands out less
        assertThat(meanPeak(plain.beats())).isGreaterThan(meanPeak(clipped.beats()) * 1.05);
    }

    @Test
    void saysInItsProvenanceWhetherItClips() {
        BeatPipeline p = new BeatPipeline(FS, 50, "pan-tompkins", true);

        assertThat(p.seedClip()).isFalse();
        assertThat(p.describe()).contains("no amplitude clip");
        assertThat(p.withSeedClip().seedClip()).isTrue();
        assertThat(p.withSeedClip().describe()).contains("clip median +- 5*1.4826*MAD");
    }

    @Test
    void bridgesAShortRunOfInvalidSamplesAndSaysSo() {
        double[] x = LEAD.clone();
        java.util.Arrays.fill(x, 3000, 3025, Double.NaN); // 0.1 s at 250 Hz

        BeatPipeline.Result r = new BeatPipeline(FS, 50, "pan-tompkins", true).extract(x);

        assertThat(r.bridgedGaps()).containsExactly(new io.github.ecgid.signal.preprocess.SampleGap(3000, 3025));
        assertThat(r.beats().length).isGreaterThan(20);
    }

    @Test
    void refusesARunOfInvalidSamplesLongerThanItsLimit() {
        double[] x = LEAD.clone();
        java.util.Arrays.fill(x, 3000, 3125, Double.NaN); // 0.5 s
        BeatPipeline p = new BeatPipeline(FS, 50, "pan-tompkins", true);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.extract(x))
                .isInstanceOf(io.github.ecgid.signal.preprocess.SampleGapException.class);
        assertThat(p.withMaxGapSeconds(1).extract(x).bridgedGaps()).hasSize(1);
        assertThat(p.maxGapSeconds()).isEqualTo(SampleGap.DEFAULT_MAX_GAP_SECONDS);
    }

    private static double meanPeak(float[][] beats) {
        double sum = 0;
        for (float[] b : beats) {
            float max = Float.NEGATIVE_INFINITY;
            for (float v : b) {
                max = Math.max(max, v);
            }
            sum += max;
        }
        return sum / beats.length;
    }
}
