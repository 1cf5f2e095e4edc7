package io.github.ecgid.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.core.EcgSignalException;
import org.junit.jupiter.api.Test;

class NoiseTest {

    private static final double FS = 500;

    private static SyntheticRecording generate(Noise noise) {
        return SyntheticEcg.builder().samplingRateHz(FS).durationSeconds(60).person(PersonProfile.of(2, 3))
                .sessionSeed(11).respirationHz(0.25).noise(noise).build().generate();
    }

    private static double[] added(SyntheticRecording rec) {
        double[] x = rec.signalMv();
        double[] clean = rec.cleanMv();
        for (int i = 0; i < x.length; i++) {
            x[i] -= clean[i];
        }
        return x;
    }

    /** Amplitude of the sinusoidal component at {@code hz} (single-bin DFT over the whole signal). */
    private static double amplitudeAt(double[] x, double hz) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < x.length; i++) {
            double ang = 2 * Math.PI * hz * i / FS;
            re += x[i] * Math.cos(ang);
            im += x[i] * Math.sin(ang);
        }
        return 2 * Math.hypot(re, im) / x.length;
    }

    @Test
    void powerLineAppearsAtTheMainsFrequencyWithTheGivenAmplitude() {
        double[] at50 = added(generate(Noise.of(0, 0.05, 50, 0)));
        double[] at60 = added(generate(Noise.of(0, 0.05, 60, 0)));

        assertThat(amplitudeAt(at50, 50)).isCloseTo(0.05, within(0.01));
        assertThat(amplitudeAt(at50, 60)).isLessThan(0.005);
        assertThat(amplitudeAt(at60, 60)).isCloseTo(0.05, within(0.01));
    }

    @Test
    void baselineWanderFollowsTheBreathingRate() {
        double[] wander = added(generate(Noise.of(0.2, 0, 50, 0)));

        assertThat(amplitudeAt(wander, 0.25)).isCloseTo(0.2, within(0.03));
        assertThat(amplitudeAt(wander, 5)).isLessThan(0.01);
    }

    @Test
    void emgHasTheGivenRmsAndLittleLowFrequencyPower() {
        double[] emg = added(generate(Noise.of(0, 0, 50, 0.03)));
        double rms = Math.sqrt(java.util.Arrays.stream(emg).map(v -> v * v).average().orElseThrow());

        assertThat(rms).isCloseTo(0.03, within(0.002));
        assertThat(amplitudeAt(emg, 1)).isLessThan(0.002);
    }

    @Test
    void snrSettingScalesTheMixToTheRequestedRatio() {
        SyntheticRecording rec = generate(Noise.realistic().atSnrDb(6));
        double signalPower = variance(rec.cleanMv());
        double noisePower = variance(added(rec));

        assertThat(10 * Math.log10(signalPower / noisePower)).isCloseTo(6, within(0.01));
    }

    @Test
    void noneAddsNothing() {
        SyntheticRecording rec = generate(Noise.none());

        assertThat(rec.signalMv()).containsExactly(rec.cleanMv());
        assertThat(Noise.none().isNone()).isTrue();
        assertThat(Noise.realistic().isNone()).isFalse();
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> Noise.of(-0.1, 0, 50, 0)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining(">= 0 mV");
        assertThatThrownBy(() -> Noise.of(0, 0.1, 55, 0)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("50 or 60 Hz");
        assertThatThrownBy(() -> Noise.none().atSnrDb(10)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("non-zero component");
    }

    private static double variance(double[] x) {
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        return java.util.Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
    }
}
