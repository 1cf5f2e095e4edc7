package io.github.ecgid.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgModelException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelProvenanceTest {

    private static final float[][] BEATS = {{1f, 2f, 3f}, {4f, 5f, 6f}};

    @Test
    void fingerprintIsStableAndSensitiveToBeatsAndLabels() {
        String f = ModelProvenance.fingerprint(BEATS, new int[] {0, 1});
        assertThat(f).matches("[0-9a-f]{64}").isEqualTo(ModelProvenance.fingerprint(BEATS, new int[] {0, 1}));
        assertThat(ModelProvenance.fingerprint(BEATS, new int[] {1, 0})).isNotEqualTo(f);
        assertThat(ModelProvenance.fingerprint(new float[][] {{1f, 2f, 3f}, {4f, 5f, 6.0001f}}, new int[] {0, 1}))
                .isNotEqualTo(f);
        assertThat(ModelProvenance.fingerprint(new float[][] {BEATS[1], BEATS[0]}, new int[] {1, 0}))
                .isNotEqualTo(f);
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
