package io.github.ecgid.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.nn.CnnWeights;
import io.github.ecgid.model.nn.DenseParams;
import io.github.ecgid.model.onnx.OnnxModel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A model whose weights overflow (issue 26: a weight of 3e38 scored {@code NaN} with exit code 0) is refused
 * when it computes a non-finite output, with a message that says what to do. The seal cannot catch it: the
 * weights may have been broken before export.
 */
class BrokenWeightsTest {

    /** Finite weights (they pass export and import checks) whose products overflow float. */
    private static OnnxModel overflowing() {
        CnnWeights w = TestModels.randomWeights(3, 5);
        DenseParams fc2 = w.fc2();
        float[] huge = new float[fc2.weight().length];
        Arrays.fill(huge, 3e38f);
        DenseParams broken = new DenseParams(fc2.outFeatures(), fc2.inFeatures(), huge, fc2.bias());
        return OnnxModel.export(new CnnWeights(w.conv1(), w.bn1(), w.conv2(), w.bn2(), w.conv3(), w.bn3(), w.fc1(),
                broken), TestModels.provenance(3));
    }

    @Test
    void aModelThatComputesNaNOrInfinityIsRefusedForASingleBeat() {
        try (BeatClassifier c = BeatClassifier.open(overflowing(), Engine.PURE_JAVA)) {
            assertThatThrownBy(() -> c.predict(TestModels.randomBeats(1, 3)[0]))
                    .isInstanceOf(EcgModelException.class).hasMessageContaining("for the beat")
                    .hasMessageContaining("weights are broken").hasMessageContaining("re-export or retrain");
        }
    }

    @Test
    void aModelThatComputesNaNOrInfinityIsRefusedInABatchNamingTheBeat() {
        try (BeatClassifier c = BeatClassifier.open(overflowing(), Engine.PURE_JAVA)) {
            assertThatThrownBy(() -> c.predictBatch(TestModels.randomBeats(4, 3)))
                    .isInstanceOf(EcgModelException.class).hasMessageContaining("beat 0");
        }
    }
}
