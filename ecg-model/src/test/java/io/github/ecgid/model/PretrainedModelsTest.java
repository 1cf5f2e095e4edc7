package io.github.ecgid.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.identify.EcgIdentifier;
import org.junit.jupiter.api.Test;

/** ecg-model alone carries no pretrained model: the artefact that does is named in the error. */
class PretrainedModelsTest {

    @Test
    void withoutThePretrainedArtefactTheErrorNamesIt() {
        assertThat(PretrainedModels.available()).doesNotContain(PretrainedModels.GENERAL);
        assertThatThrownBy(PretrainedModels::general).isInstanceOf(EcgModelException.class)
                .hasMessageContaining(PretrainedModels.GENERAL_ARTIFACT);
    }

    @Test
    void anIdentifierWithoutAModelAsksForTheArtefact() {
        assertThatThrownBy(() -> EcgIdentifier.builder().samplingRateHz(250).build())
                .isInstanceOf(EcgModelException.class).hasMessageContaining("ecg-model-pretrained");
    }
}
