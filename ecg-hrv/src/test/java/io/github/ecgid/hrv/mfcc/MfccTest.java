package io.github.ecgid.hrv.mfcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.EcgSignalException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class MfccTest {

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = MfccTest.class.getResourceAsStream("/hrv/mfcc_golden.json")) {
            for (JsonNode c : new ObjectMapper().readTree(in)) {
                if (c.get("name").asText().equals(name)) {
                    return c;
                }
            }
        }
        throw new AssertionError("no golden case " + name);
    }

    private static double[] doubles(JsonNode arr) {
        double[] v = new double[arr.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = arr.get(i).asDouble();
        }
        return v;
    }

    private static void assertFramesMatch(MfccResult r, JsonNode c) {
        JsonNode want = c.get("mfcc");
        assertThat(r.frameCount()).isEqualTo(want.size());
        double[][] got = r.frames();
        for (int f = 0; f < got.length; f++) {
            double[] w = doubles(want.get(f));
            for (int k = 0; k < w.length; k++) {
                assertThat(got[f][k]).as("frame %d coefficient %d", f, k).isCloseTo(w[k], within(1e-8 * (1 + Math.abs(w[k]))));
            }
        }
    }

    @Test
    void beatShorterThanFftIsOneZeroPaddedFrameMatchingTheReference() throws IOException {
        JsonNode c = golden("beat175");
        MfccResult r = Mfcc.defaults().compute(doubles(c.get("signal")));
        assertThat(r.frameCount()).isEqualTo(1);
        assertFramesMatch(r, c);
        assertThat(r.std()).containsOnly(0.0);
    }

    @Test
    void longWindowFramesAndStatisticsMatchTheReference() throws IOException {
        JsonNode c = golden("window1000");
        MfccResult r = Mfcc.defaults().compute(doubles(c.get("signal")));
        assertThat(r.frameCount()).isEqualTo((1000 - 256) / 64 + 1);
        assertFramesMatch(r, c);
        double[] stats = r.statistics();
        double[] mean = doubles(c.get("mean"));
        double[] std = doubles(c.get("std"));
        for (int k = 0; k < 13; k++) {
            assertThat(stats[k]).isCloseTo(mean[k], within(1e-8 * (1 + Math.abs(mean[k]))));
            assertThat(stats[13 + k]).isCloseTo(std[k], within(1e-8 * (1 + Math.abs(std[k]))));
        }
        assertThat(stats).hasSize(52);
    }

    @Test
    void nanSampleIsATypedErrorNamingItsIndex() {
        double[] beat = new double[175];
        beat[40] = Double.NaN;
        assertThatThrownBy(() -> Mfcc.defaults().compute(beat)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("sample 40");
    }

    @Test
    void melRangeAboveNyquistIsRejected() {
        assertThatThrownBy(() -> Mfcc.builder().samplingRateHz(60).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nyquist");
    }

    @Test
    void htkMelScaleRoundTrips() {
        assertThat(Mfcc.melToHz(Mfcc.hzToMel(37.5))).isCloseTo(37.5, within(1e-12));
        assertThat(Mfcc.hzToMel(700)).isCloseTo(2595 * Math.log10(2), within(1e-12));
    }
}
