package io.github.ecgid.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.model.nn.SimdSupport;
import io.github.ecgid.model.onnx.OnnxModel;
import org.junit.jupiter.api.Test;

/** {@link Engine#AUTO}: the faster engine of this JVM, with the same answers as the engine it picks. */
class AutoEngineTest {
    private static final OnnxModel MODEL = OnnxModel.export(TestModels.randomWeights(3, 11),
            TestModels.provenance(3));

    @Test
    void autoRunsPureJavaOnSimdKernelsElseOnnxRuntime() {
        try (BeatClassifier c = BeatClassifier.open(MODEL, Engine.AUTO)) {
            assertThat(c.engine()).isEqualTo(SimdSupport.active() ? Engine.PURE_JAVA : Engine.ONNX_RUNTIME);
        }
    }

    @Test
    void autoGivesThePickedEnginesPrediction() {
        float[] beat = TestModels.randomBeats(1, 4)[0];
        try (BeatClassifier auto = BeatClassifier.open(MODEL, Engine.AUTO);
             BeatClassifier picked = BeatClassifier.open(MODEL, auto.engine())) {
            assertThat(auto.predict(beat).embedding()).containsExactly(picked.predict(beat).embedding(), within(0f));
        }
    }

    @Test
    void autoIsNotAConcreteEngineAndParsesFromItsName() {
        assertThat(Engine.concrete()).containsExactly(Engine.PURE_JAVA, Engine.ONNX_RUNTIME);
        assertThat(Engine.parse("auto")).isEqualTo(Engine.AUTO);
    }
}
