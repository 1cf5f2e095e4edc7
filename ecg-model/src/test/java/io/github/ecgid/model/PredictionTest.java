package io.github.ecgid.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PredictionTest {

    @Test
    void probabilitiesAreAStableSoftmax() {
        float[] p = new Prediction(new float[] {1000f, 1000f + (float) Math.log(3), -1000f}, new float[64])
                .probabilities();
        assertThat(p[0]).isCloseTo(0.25f, within(1e-5f));
        assertThat(p[1]).isCloseTo(0.75f, within(1e-5f));
        assertThat(p[2]).isZero();
    }

    @Test
    void predictedClassIsTheFirstLargestLogit() {
        assertThat(new Prediction(new float[] {0f, 2f, 2f, 1f}, new float[64]).predictedClass()).isEqualTo(1);
    }

    @Test
    void arraysAreCopiedInAndOut() {
        float[] logits = {1f, 2f};
        Prediction p = new Prediction(logits, new float[64]);
        logits[0] = 9f;
        p.logits()[1] = 9f;
        assertThat(p.logits()).containsExactly(1f, 2f);
    }

    @Test
    void enginesParseTheirCommandLineNames() {
        assertThat(Engine.parse("pure-java")).isEqualTo(Engine.PURE_JAVA);
        assertThat(Engine.parse("ONNX_RUNTIME")).isEqualTo(Engine.ONNX_RUNTIME);
        assertThatThrownBy(() -> Engine.parse("cuda")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pure-java or onnx-runtime");
    }
}
