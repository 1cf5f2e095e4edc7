package io.github.ecgid.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.IdentifierSettings;
import io.github.ecgid.model.identify.IdentitySpace;
import io.github.ecgid.model.identify.Matcher;
import io.github.ecgid.model.nn.TrainingOptions;
import io.github.ecgid.model.nn.TrainingSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdentityTrainerTest {
    private static final double FS = 250;
    private static TrainingSet data;

    @BeforeAll
    static void fourSyntheticPeople() {
        SyntheticCohort cohort = SyntheticCohort.of(4, 11).withDurationSeconds(20);
        BeatPipeline pipeline = new BeatPipeline(FS, 50, "pan-tompkins", true);
        List<float[]> beats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int p = 1; p <= 4; p++) {
            names.add("p" + p);
            for (float[] b : pipeline.extract(cohort.recording(p, 1).record().lead(0)).beats()) {
                beats.add(b);
                labels.add(p - 1);
            }
        }
        data = TrainingSet.of(beats.toArray(new float[0][]), labels.stream().mapToInt(i -> i).toArray(), names);
    }

    private static IdentityTrainer.Builder twoEpochs() {
        return IdentityTrainer.builder().samplingRateHz(FS)
                .options(TrainingOptions.builder().epochs(2).earlyStoppingPatience(0).seed(3).build());
    }

    @Test
    void theTrainedModelCarriesTheSettingsAndIdentitySpaceAnIdentifierApplies() {
        IdentityTrainer trainer = twoEpochs().threshold(0.7).beatsPerDecision(6)
                .qualityGate(IdentifierSettings.Gate.RECURRING).build();

        IdentityTrainer.Trained t = trainer.train(data);

        assertThat(IdentifierSettings.of(t.model())).contains(trainer.settings());
        assertThat(IdentitySpace.of(t.model())).isPresent();
        assertThat(t.history()).hasSize(2);
        try (EcgIdentifier id = EcgIdentifier.builder().samplingRateHz(FS).model(t.model()).build()) {
            assertThat(id.threshold()).isEqualTo(0.7);
            assertThat(id.matcher()).isEqualTo(Matcher.FUSED);
            assertThat(id.classLabels()).containsExactly("p1", "p2", "p3", "p4");
        }
    }

    @Test
    void trainingTwiceWithOneSeedGivesTheSameModel() {
        IdentityTrainer trainer = twoEpochs().build();

        assertThat(trainer.train(data).model().fingerprint()).isEqualTo(trainer.train(data).model().fingerprint());
    }

    @Test
    void toBuilderCopiesTheSettingsWithoutSharingThem() {
        IdentityTrainer a = twoEpochs().threshold(0.6).build();
        IdentityTrainer b = a.toBuilder().threshold(0.9).build();

        assertThat(a.settings().threshold()).isEqualTo(0.6);
        assertThat(b.settings().threshold()).isEqualTo(0.9);
        assertThat(b.settings().detector()).isEqualTo(a.settings().detector());
    }

    @Test
    void aTrainerNeedsTheSamplingRate() {
        assertThatThrownBy(() -> IdentityTrainer.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("samplingRateHz");
    }
}
