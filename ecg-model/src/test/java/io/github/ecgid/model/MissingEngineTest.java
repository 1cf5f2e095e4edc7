package io.github.ecgid.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.onnx.OnnxModel;
import org.junit.jupiter.api.Test;

/** ecg-model alone (its tests do not see ecg-model-ort): ONNX Runtime is absent, pure Java still runs. */
class MissingEngineTest {
    private static final OnnxModel MODEL = OnnxModel.export(TestModels.randomWeights(3, 5), TestModels.provenance(3));

    @Test
    void askingForAnEngineThatIsNotOnTheClassPathSaysWhichAndWhatToUseInstead() {
        assertThatThrownBy(() -> BeatClassifier.open(MODEL, Engine.ONNX_RUNTIME))
                .isInstanceOf(EcgModelException.class)
                .hasMessageContaining("No ONNX_RUNTIME engine on the class path")
                .hasMessageContaining("Engine.PURE_JAVA");
    }

    @Test
    void thePureJavaEngineNeedsNoProvider() {
        try (BeatClassifier c = BeatClassifier.open(MODEL, Engine.PURE_JAVA)) {
            assertThat(c.predict(TestModels.randomBeats(1, 2)[0]).embedding()).hasSize(BeatClassifier.EMBEDDING_SIZE);
        }
    }
}
