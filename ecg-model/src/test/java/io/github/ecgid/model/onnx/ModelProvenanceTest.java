package io.github.ecgid.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.nn.TrainingSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelProvenanceTest {

    @Test
    void acceptsTrainingSetFingerprintsWithTheirPrefix() {
        String fp = TrainingSet.of(new float[][] {new float[175], new float[175]}, new int[] {0, 1},
                List.of("a", "b")).fingerprint();
        ModelProvenance p = ModelProvenance.builder().classLabels(List.of("a", "b")).samplingRateHz(250)
                .trainingDataSha256(fp).build();
        assertThat(p.trainingDataSha256()).hasSize(64).isEqualTo(fp.substring("sha256:".length()));
    }

    @Test
    void roundTripsThroughMetadataWithAwkwardLabels() {
        ModelProvenance p = ModelProvenance.builder().classLabels(List.of("Person_1", "a,b", "%2C", ""+"x y"))
                .samplingRateHz(500).preprocessing("p").trainingDataSha256("AB".repeat(32)).seed(-3).build();
        assertThat(ModelProvenance.fromMetadata(p.toMetadata(), "m")).contains(p);
        assertThat(p.trainingDataSha256()).isEqualTo("ab".repeat(32));
    }

    @Test
    void modelsWithoutEcgidMetadataHaveNoProvenance() {
        assertThat(ModelProvenance.fromMetadata(Map.of("author", "x"), "m")).isEmpty();
    }

    @Test
    void malformedMetadataIsAModelError() {
        Map<String, String> meta = new HashMap<>(ModelProvenance.builder().classLabels(List.of("a", "b"))
                .samplingRateHz(250).build().toMetadata());
        meta.put("ecgid.sampling_rate_hz", "fast");
        assertThatThrownBy(() -> ModelProvenance.fromMetadata(meta, "m.onnx"))
                .isInstanceOf(EcgModelException.class).hasMessageContaining("m.onnx");
    }

    @Test
    void rejectsDuplicateLabelsAndBadFingerprints() {
        assertThatThrownBy(() -> ModelProvenance.builder().classLabels(List.of("a", "a")).samplingRateHz(250).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique");
        assertThatThrownBy(() -> ModelProvenance.builder().classLabels(List.of("a")).samplingRateHz(250)
                .trainingDataSha256("xyz").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelProvenance.builder().classLabels(List.of("a")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("samplingRateHz");
    }
}
