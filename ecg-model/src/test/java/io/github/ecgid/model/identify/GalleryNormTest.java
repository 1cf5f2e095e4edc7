package io.github.ecgid.model.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GalleryNormTest {

    private static float[] unit(double... v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / Math.sqrt(n));
        }
        return u;
    }

    private static PersonTemplate template(String id, float[]... modes) {
        return new PersonTemplate(id, modes[0], modes, 0.9, 30);
    }

    /**
     * "popular" sits between the others, so everybody's modes come close to it; "loner" is far from everyone. A
     * probe a little nearer "popular" than "loner" in cosine is far more unusual for "loner".
     */
    private static final PersonTemplate POPULAR = template("popular", unit(1, 1, 0));
    private static final PersonTemplate LONER = template("loner", unit(0, 0, 1));
    private static final PersonTemplate LEFT = template("left", unit(1, 0.2, 0), unit(1, 0.4, 0.1));
    private static final PersonTemplate RIGHT = template("right", unit(0.2, 1, 0));

    @Test
    void statisticsAreThoseOfTheOtherPeoplesModesAgainstTheTemplate() {
        GalleryNorm norm = GalleryNorm.of(List.of(POPULAR, LONER, LEFT, RIGHT));

        double[] others = {
            POPULAR.score(unit(0, 0, 1)), POPULAR.score(unit(1, 0.2, 0)), POPULAR.score(unit(1, 0.4, 0.1)),
            POPULAR.score(unit(0.2, 1, 0))};
        double mean = (others[0] + others[1] + others[2] + others[3]) / 4;
        double var = 0;
        for (double c : others) {
            var += (c - mean) * (c - mean) / 4;
        }
        assertThat(norm.mean("popular")).isCloseTo(mean, within(1e-9));
        assertThat(norm.sd("popular")).isCloseTo(Math.sqrt(var), within(1e-9));
        assertThat(norm.normalize("popular", 0.95)).isCloseTo((0.95 - mean) / Math.sqrt(var), within(1e-9));
    }

    @Test
    void cohortStatisticsAreThoseOfTheStrangersVectorsAgainstEachTemplate() {
        List<float[]> strangers = List.of(unit(1, 0, 0), unit(0, 1, 0), unit(0, 0.3, 1));
        GalleryNorm norm = GalleryNorm.againstCohort(List.of(POPULAR, LONER), strangers);

        double[] c = {LONER.score(strangers.get(0)), LONER.score(strangers.get(1)), LONER.score(strangers.get(2))};
        double mean = (c[0] + c[1] + c[2]) / 3;
        double var = 0;
        for (double x : c) {
            var += (x - mean) * (x - mean) / 3;
        }
        assertThat(norm.mean("loner")).isCloseTo(mean, within(1e-9));
        assertThat(norm.sd("loner")).isCloseTo(Math.sqrt(var), within(1e-9));
        assertThatThrownBy(() -> GalleryNorm.againstCohort(List.of(POPULAR), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cohort");
    }

    @Test
    void aTemplateEverybodyResemblesLosesAProbeThatIsUnusuallyCloseToAnother() {
        List<PersonTemplate> gallery = List.of(POPULAR, LONER, LEFT, RIGHT);
        float[] probe = unit(0.55, 0.55, 0.63);
        assertThat(POPULAR.score(probe)).isGreaterThan(LONER.score(probe));

        Identification raw = EcgIdentifier.openSet(probe, 10, gallery, 0.5, null);
        Identification normalised = EcgIdentifier.openSet(probe, 10, gallery, 0.5, GalleryNorm.of(gallery));

        assertThat(raw.person()).contains("popular");
        assertThat(normalised.person()).contains("loner");
        // the ranking changes order, not scores: the winner's cosine is the confidence the threshold tests
        assertThat(normalised.score()).isEqualTo(LONER.score(probe));
        assertThat(normalised.ranking()).containsExactlyInAnyOrderElementsOf(raw.ranking());
    }

    @Test
    void theThresholdStillTestsTheWinnersCosine() {
        List<PersonTemplate> gallery = List.of(POPULAR, LONER, LEFT, RIGHT);
        float[] probe = unit(0.55, 0.55, 0.63);

        Identification who = EcgIdentifier.openSet(probe, 10, gallery, LONER.score(probe) + 1e-6,
                GalleryNorm.of(gallery));

        assertThat(who.isUnknown()).isTrue();
    }

    @Test
    void needsThreePeople() {
        assertThatThrownBy(() -> GalleryNorm.of(List.of(POPULAR, LONER)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3 enrolled people, got 2");
    }

    @Test
    void refusesSomebodyWhoWasNotInTheGallery() {
        GalleryNorm norm = GalleryNorm.of(List.of(POPULAR, LONER, LEFT));
        assertThatThrownBy(() -> norm.normalize("right", 0.9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'right' was not in the gallery");
    }
}
