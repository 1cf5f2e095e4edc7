package io.github.ecgid.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.eval.IdentificationEvaluation.Subject;
import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.model.nn.TrainingOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A closed-set protocol on synthetic people, one of whom is tested on another person's recording. */
class IdentificationEvaluationTest {
    private static IdentificationReport report;

    @BeforeAll
    static void evaluate() {
        SyntheticCohort cohort = SyntheticCohort.of(5, 2026).withDurationSeconds(30);
        BeatPipeline pipeline = new BeatPipeline(250, 50, "pan-tompkins", true);
        List<Subject> subjects = new ArrayList<>();
        for (int p = 1; p <= 5; p++) {
            float[][] enroll = pipeline.extract(cohort.recording(p, 1).record().lead(0)).beats();
            int testedOn = p == 5 ? 1 : p; // p5's "test session" is p1's second recording
            float[][] test = pipeline.extract(cohort.recording(testedOn, 2).record().lead(0)).beats();
            subjects.add(new Subject("p" + p, enroll, List.<float[][]>of(test)));
        }
        report = IdentificationEvaluation.builder("synthetic", "record-disjoint", 250).subjects(subjects)
                .training(TrainingOptions.builder().epochs(8).earlyStoppingPatience(0).seed(7).threads(1).build())
                .build().run();
    }

    @Test
    void perPersonResultsAddUpToTheOverallRankOne() {
        assertThat(report.perPerson()).extracting(IdentificationReport.PersonResult::person)
                .containsExactly("p1", "p2", "p3", "p4", "p5");
        for (int k : new int[] {1, 5, 10}) {
            double right = 0;
            double rightSoftmax = 0;
            int windows = 0;
            for (IdentificationReport.PersonResult p : report.perPerson()) {
                right += p.rank1Template().get(k) * p.windows().get(k);
                rightSoftmax += p.rank1().get(k) * p.windows().get(k);
                windows += p.windows().get(k);
            }
            assertThat(right / windows).as("template, %d beats", k).isCloseTo(report.rank1Template().get(k), within(1e-9));
            assertThat(rightSoftmax / windows).as("softmax, %d beats", k).isCloseTo(report.rank1().get(k), within(1e-9));
        }
    }

    @Test
    void theCombinedScoreIsReportedForEveryWindowLength() {
        // every tested person is a network class, so verify would combine template and class probability
        assertThat(report.eerCombined().keySet()).containsExactlyInAnyOrder(1, 5, 10);
        assertThat(report.eerCombined().values()).allSatisfy(e -> assertThat(e).isBetween(0.0, 1.0));
    }

    @Test
    void theGalleryNormalisedRankingIsReportedForEveryWindowLength() {
        assertThat(report.rank1GalleryNorm().keySet()).containsExactlyInAnyOrder(1, 5, 10);
        assertThat(report.eerGalleryNorm().keySet()).containsExactlyInAnyOrder(1, 5, 10);
        assertThat(report.rank1GalleryNorm().values()).allSatisfy(r -> assertThat(r).isBetween(0.0, 1.0));
        assertThat(report.eerGalleryNorm().values()).allSatisfy(e -> assertThat(e).isBetween(0.0, 1.0));
    }

    @Test
    void thePersonTestedOnSomebodyElsesEcgCarriesTheErrors() {
        IdentificationReport.PersonResult impostor = report.perPerson().get(4);
        assertThat(impostor.rank1Template().get(10)).isLessThan(0.2);
        double othersWorst = report.perPerson().subList(0, 4).stream()
                .mapToDouble(IdentificationReport.PersonResult::frrAtEer).max().orElseThrow();
        assertThat(impostor.frrAtEer()).isGreaterThan(0.8).isGreaterThan(othersWorst);
    }
}
