package io.github.ecgid.model.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.TestModels;
import io.github.ecgid.model.identify.IdentifierSettings.Gate;
import io.github.ecgid.model.onnx.OnnxModel;
import io.github.ecgid.signal.beat.QualityGate;
import org.junit.jupiter.api.Test;

class IdentifierSettingsTest {

    private static OnnxModel model() {
        return OnnxModel.export(TestModels.randomWeights(3, 5), TestModels.provenance(3));
    }

    @Test
    void travelsInTheModelFile() {
        IdentifierSettings s = new IdentifierSettings(Gate.RECURRING, false, "hamilton", 0.71, 10);
        OnnxModel m = OnnxModel.fromBytes(s.attachTo(model()).toBytes(), "m.onnx");

        assertThat(IdentifierSettings.of(m)).contains(s);
    }

    @Test
    void anIdentifierAppliesTheModelsGateAndThreshold() {
        OnnxModel m = new IdentifierSettings(Gate.AMPLITUDE, false, "pan-tompkins", 0.66, 7).attachTo(model());

        try (EcgIdentifier id = EcgIdentifier.builder().samplingRateHz(250).model(m).build()) {
            assertThat(id.threshold()).isEqualTo(0.66);
            assertThat(id.beatsPerDecision()).isEqualTo(7);
            assertThat(id.pipeline().qualityGate()).isEqualTo(QualityGate.amplitudeOnly());
        }
    }

    @Test
    void theBuilderStillOverridesTheModel() {
        OnnxModel m = new IdentifierSettings(Gate.AMPLITUDE, false, "pan-tompkins", 0.66, 7).attachTo(model());

        try (EcgIdentifier id = EcgIdentifier.builder().samplingRateHz(250).model(m).threshold(0.9)
                .qualityGate(QualityGate.recurring()).build()) {
            assertThat(id.threshold()).isEqualTo(0.9);
            assertThat(id.pipeline().qualityGate()).isEqualTo(QualityGate.recurring());
        }
    }

    @Test
    void aModelWithoutSettingsGetsTheDefaults() {
        try (EcgIdentifier id = EcgIdentifier.builder().samplingRateHz(250).model(model()).build()) {
            assertThat(id.modelSettings()).isEqualTo(IdentifierSettings.defaults());
            assertThat(id.threshold()).isEqualTo(EcgIdentifier.DEFAULT_THRESHOLD);
        }
    }

    @Test
    void refusesAModelCutForAnotherBeatWindowNamingTheField() {
        OnnxModel m = model().withMetadata(IdentifierSettings.METADATA_KEY, IdentifierSettings.defaults().encode()
                .replace("beat_samples=175", "beat_samples=250"));

        assertThatThrownBy(() -> IdentifierSettings.of(m)).isInstanceOf(EcgModelException.class)
                .hasMessageContaining(IdentifierSettings.METADATA_KEY).hasMessageContaining("250 samples");
    }

    @Test
    void refusesAnUnknownGateOrMissingField() {
        String enc = IdentifierSettings.defaults().encode();
        OnnxModel badGate = model().withMetadata(IdentifierSettings.METADATA_KEY,
                enc.replace("quality_gate=full", "quality_gate=strict"));
        OnnxModel noThreshold = model().withMetadata(IdentifierSettings.METADATA_KEY,
                enc.replaceAll(";threshold=[^;]*", ""));

        assertThatThrownBy(() -> IdentifierSettings.of(badGate)).isInstanceOf(EcgModelException.class)
                .hasMessageContaining("not valid");
        assertThatThrownBy(() -> IdentifierSettings.of(noThreshold)).isInstanceOf(EcgModelException.class)
                .hasMessageContaining("lacks the field threshold");
    }

    @Test
    void aGateOtherThanTheNamedOnesCannotBeRecorded() {
        assertThat(Gate.of(QualityGate.defaults())).isEqualTo(Gate.FULL);
        assertThat(Gate.of(null)).isEqualTo(Gate.OFF);
        assertThatThrownBy(() -> Gate.of(new QualityGate(0.2, 5, 3, QualityGate.ShapeCheck.none())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
