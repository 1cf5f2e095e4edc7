package io.github.ecgid.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.model.eval.IdentificationEvaluation.Subject;
import io.github.ecgid.model.identify.BeatPipeline;
import io.github.ecgid.model.nn.TrainingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The person-disjoint protocol on synthetic people: folds, galleries and accuracy on people never trained on. */
class PersonDisjointEvaluationTest {

    @Test
    void foldsPartitionThePeopleEvenlyAndDeterministically() {
        int[] a = PersonDisjointEvaluation.assignFolds(11, 3, 42);
        assertThat(a).isEqualTo(PersonDisjointEvaluation.assignFolds(11, 3, 42));
        assertThat(a).isNotEqualTo(PersonDisjointEvaluation.assignFolds(11, 3, 43));
        int[] counts = new int[3];
        for (int f : a) {
            counts[f]++;
        }
        assertThat(counts).containsExactlyInAnyOrder(4, 4, 3);
    }

    @Test
    void identifiesPeopleTheNetworkNeverSawFromTheirOtherSession() {
        SyntheticCohort cohort = SyntheticCohort.of(8, 2026).withDurationSeconds(30);
        BeatPipeline pipeline = new BeatPipeline(250, 50, "pan-tompkins", true);
        List<Subject> subjects = new ArrayList<>();
        for (int p = 1; p <= 8; p++) {
            float[][] enroll = pipeline.extract(cohort.recording(p, 1).record().lead(0)).beats();
            float[][] test = pipeline.extract(cohort.recording(p, 2).record().lead(0)).beats();
            subjects.add(new Subject("p" + p, enroll, List.<float[][]>of(test)));
        }
        List<String> folds = new ArrayList<>();
        IdentificationReport r = PersonDisjointEvaluation.builder("synthetic", 250).subjects(subjects).folds(2)
                .training(TrainingOptions.builder().epochs(8).earlyStoppingPatience(0).seed(7).threads(1).build())
                .progress(folds::add).build().run();

        assertThat(r.protocol()).isEqualTo("person-disjoint");
        assertThat(folds).hasSize(2).allMatch(l -> l.contains("4 background people") && l.contains("4 held-out"));
        assertThat(r.personDisjoint().meanGallerySize()).isEqualTo(4.0);
        assertThat(r.personDisjoint().fullGallerySize()).isEqualTo(8);
        // every person was tested exactly once, by the network of the fold that held them out
        int testedRows = (int) Arrays.stream(r.perBeat().confusion()).filter(row -> Arrays.stream(row).sum() > 0)
                .count();
        assertThat(testedRows).isEqualTo(8);
        // chance is 1 in 4 within a fold's gallery
        assertThat(r.rank1().get(10)).isGreaterThan(0.75);
        assertThat(r.personDisjoint().rank1FullGallery().get(10)).isLessThanOrEqualTo(r.rank1().get(10));
        assertThat(r.eer()).isLessThan(0.3);
        assertThat(r.personDisjoint().rank1ZNorm()).containsKeys(1, 5, 10);
        assertThat(r.personDisjoint().eerZNorm().get(1)).isBetween(0.0, 0.5);
        assertThat(r.openSet()).isNotNull();
        assertThat(r.openSet().enrolled()).isEqualTo(4);
    }

    @Test
    void refusesTooFewPeopleForTheFolds() {
        List<Subject> two = List.of(new Subject("a", new float[3][175], List.of()),
                new Subject("b", new float[3][175], List.of()));
        assertThatThrownBy(() -> PersonDisjointEvaluation.builder("x", 250).subjects(two).folds(2).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 4 subjects");
    }
}
