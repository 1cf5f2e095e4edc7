package io.github.ecgid.model.nn;

import io.github.ecgid.core.EcgModelException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LightweightCnnTest {

    private static float[] randomBeat(SplittableRandom rnd) {
        float[] b = new float[175];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) Gaussian.next(rnd);
        }
        return b;
    }

    /** Weights with non-trivial BatchNorm statistics, so folding them is exercised. */
    private static CnnWeights weightsWithStatistics(int classes, long seed) {
        Map<String, float[]> sd = CnnWeights.heInitialized(classes, seed).stateDict();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (String key : sd.keySet()) {
            if (key.startsWith("bn") || key.endsWith(".bias")) {
                float[] t = sd.get(key);
                for (int i = 0; i < t.length; i++) {
                    double u = rnd.nextDouble();
                    t[i] = (float) (key.endsWith("running_var") || key.endsWith(".weight") ? 0.5 + u : u - 0.5);
                }
            }
        }
        return CnnWeights.fromStateDict(sd);
    }

    @Test
    void hasTheOriginsParameterCountForSixClasses() {
        CnnWeights w = CnnWeights.heInitialized(6, 1);
        assertThat(w.parameterCount()).isEqualTo(44_358);
        assertThat(new LightweightCnn(w).parameterCount()).isEqualTo(44_358);
        assertThat(LightweightCnn.parameterCount(6)).isEqualTo(44_358);
        assertThat(LightweightCnn.parameterCount(10)).isEqualTo(CnnWeights.heInitialized(10, 1).parameterCount());
    }

    @Test
    void returnsOneLogitPerClassAndA64ValueNonNegativeEmbedding() {
        LightweightCnn cnn = new LightweightCnn(CnnWeights.heInitialized(5, 2));
        CnnOutput out = cnn.predict(randomBeat(new SplittableRandom(3)));
        assertThat(out.logits()).hasSize(5);
        assertThat(out.embedding()).hasSize(64);
        for (float e : out.embedding()) {
            assertThat(e).isGreaterThanOrEqualTo(0f);
        }
        double sum = 0;
        for (double p : out.probabilities()) {
            sum += p;
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void fastPathMatchesDoubleReferenceForward() {
        CnnWeights w = weightsWithStatistics(6, 4);
        LightweightCnn cnn = new LightweightCnn(w);
        SplittableRandom rnd = new SplittableRandom(5);
        double[] logits = new double[6];
        double[] emb = new double[64];
        for (int k = 0; k < 20; k++) {
            float[] beat = randomBeat(rnd);
            CnnOutput out = cnn.predict(beat);
            ReferenceForward.forward(w, beat, logits, emb);
            for (int i = 0; i < 6; i++) {
                assertThat((double) out.logits()[i]).isCloseTo(logits[i], org.assertj.core.data.Offset.offset(1e-5));
            }
            for (int i = 0; i < 64; i++) {
                assertThat((double) out.embedding()[i]).isCloseTo(emb[i], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void batchCallGivesTheSameNumbersAsSingleBeats() {
        LightweightCnn cnn = new LightweightCnn(weightsWithStatistics(3, 6));
        SplittableRandom rnd = new SplittableRandom(7);
        int batch = 9;
        float[] beats = new float[batch * 175];
        float[][] single = new float[batch][];
        for (int b = 0; b < batch; b++) {
            single[b] = randomBeat(rnd);
            System.arraycopy(single[b], 0, beats, b * 175, 175);
        }
        float[] logits = new float[batch * 3];
        float[] emb = new float[batch * 64];
        cnn.predictBatch(beats, batch, logits, emb);
        List<CnnOutput> each = cnn.predictAll(single);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < 3; i++) {
                assertThat(logits[b * 3 + i]).isEqualTo(each.get(b).logits()[i]);
            }
            for (int i = 0; i < 64; i++) {
                assertThat(emb[b * 64 + i]).isEqualTo(each.get(b).embedding()[i]);
            }
        }
    }

    @Test
    void stateDictRoundTripKeepsEveryTensor() {
        CnnWeights w = weightsWithStatistics(4, 8);
        assertThat(CnnWeights.fromStateDict(w.stateDict())).isEqualTo(w);
        assertThat(w.stateDict().keySet()).startsWith("conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias",
                "bn1.running_mean", "bn1.running_var").endsWith("fc2.weight", "fc2.bias");
    }

    @Test
    void rejectsABeatOfTheWrongLength() {
        LightweightCnn cnn = new LightweightCnn(CnnWeights.heInitialized(6, 1));
        assertThatThrownBy(() -> cnn.predict(new float[174])).isInstanceOf(EcgModelException.class)
                .hasMessageContaining("175").hasMessageContaining("174");
    }

    @Test
    void rejectsNaNNamingBeatAndSample() {
        LightweightCnn cnn = new LightweightCnn(CnnWeights.heInitialized(6, 1));
        float[] beats = new float[3 * 175];
        beats[175 * 2 + 40] = Float.NaN;
        assertThatThrownBy(() -> cnn.predictBatch(beats, 3, new float[18], null)).isInstanceOf(EcgModelException.class)
                .hasMessageContaining("Beat 2").hasMessageContaining("NaN").hasMessageContaining("sample 40");
        float[] one = new float[175];
        one[7] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> cnn.predict(one)).isInstanceOf(EcgModelException.class)
                .hasMessageContaining("infinite").hasMessageContaining("sample 7");
    }

    @Test
    void rejectsWeightsOfTheWrongShapeNamingTheTensor() {
        Map<String, float[]> sd = CnnWeights.heInitialized(6, 1).stateDict();
        sd.put("conv2.weight", new float[64 * 32 * 3]);
        assertThatThrownBy(() -> CnnWeights.fromStateDict(sd)).isInstanceOf(EcgModelException.class)
                .hasMessageContaining("Conv1d weight [64][32][5]").hasMessageContaining("10240");
        Map<String, float[]> missing = CnnWeights.heInitialized(6, 1).stateDict();
        missing.remove("fc1.bias");
        assertThatThrownBy(() -> CnnWeights.fromStateDict(missing)).isInstanceOf(EcgModelException.class)
                .hasMessageContaining("fc1.bias");
    }

    @Test
    void identityBatchNormLeavesConvolutionOutputUntouched() {
        Map<String, float[]> sd = CnnWeights.heInitialized(6, 9).stateDict();
        sd.keySet().removeIf(k -> k.startsWith("bn"));
        CnnWeights folded = CnnWeights.fromStateDict(sd);
        assertThat(folded.bn2()).isEqualTo(BatchNormParams.identity(64));
        assertThat(folded.bn2().scale(3)).isEqualTo(1.0);
        assertThat(folded.bn2().shift(3)).isEqualTo(0.0);
    }
}
