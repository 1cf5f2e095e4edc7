package io.github.ecgid.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Training with the cosine margin loss, and what the exported last layer means for such a network. */
class CosineMarginTrainingTest {

    @Test
    void learnsSeparableWaveformsAndExportsUnitClassDirectionsWithoutBias() {
        TrainingSet train = SyntheticBeats.make(4, 40, 0.1, 1);
        TrainingSet val = SyntheticBeats.make(4, 25, 0.1, 2);
        TrainedCnn trained = CnnTrainer.train(train, val,
                TrainingOptions.builder().epochs(12).seed(3).cosineMargin(16, 0.3).build(), TrainingListener.none());
        assertThat(trained.best().validationAccuracy()).isGreaterThan(0.95);

        // exported logits are W e with rows of one common length and no bias: their argmax is the class whose
        // direction is closest to the embedding, as in training
        DenseParams fc2 = trained.weights().fc2();
        float[] w = fc2.weight();
        double first = Double.NaN;
        for (int k = 0; k < fc2.outFeatures(); k++) {
            double s2 = 0;
            for (int j = 0; j < fc2.inFeatures(); j++) {
                s2 += (double) w[k * fc2.inFeatures() + j] * w[k * fc2.inFeatures() + j];
            }
            first = Double.isNaN(first) ? Math.sqrt(s2) : first;
            assertThat(Math.sqrt(s2)).isCloseTo(first, org.assertj.core.data.Offset.offset(1e-3 * first));
        }
        assertThat(fc2.bias()).containsOnly(0f);
        int right = 0;
        double meanWinner = 0;
        for (int i = 0; i < val.size(); i++) {
            CnnOutput out = trained.model().predict(val.beat(i));
            right += out.predictedClass() == val.label(i) ? 1 : 0;
            meanWinner += out.probabilities()[out.predictedClass()] / val.size();
        }
        assertThat(right / (double) val.size()).isGreaterThan(0.95);
        // the exported logits are about s cos for an embedding of typical length, so the softmax stays confident
        assertThat(meanWinner).isGreaterThan(0.5);
    }

    @Test
    void optionsRejectAMarginOutsideZeroToOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingOptions.builder().cosineMargin(16, 1.2)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("margin");
    }
}
