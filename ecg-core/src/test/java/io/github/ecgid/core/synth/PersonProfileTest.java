package io.github.ecgid.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgSignalException;
import org.junit.jupiter.api.Test;

class PersonProfileTest {

    @Test
    void standardProfileIsThePapersTableOne() {
        PersonProfile p = PersonProfile.standard();

        assertThat(p.thetaRadians()).containsExactly(Math.toRadians(-70), Math.toRadians(-15), 0,
                Math.toRadians(15), Math.toRadians(100));
        assertThat(p.amplitudes()).containsExactly(1.2, -5, 30, -7.5, 0.75);
        assertThat(p.widthsRadians()).containsExactly(0.25, 0.1, 0.1, 0.1, 0.4);
    }

    @Test
    void samePersonAndSeedGiveTheSameProfile() {
        assertThat(PersonProfile.of(4, 99)).isEqualTo(PersonProfile.of(4, 99));
    }

    @Test
    void otherPersonOrOtherSeedGivesAnotherMorphology() {
        PersonProfile p = PersonProfile.of(4, 99);

        assertThat(PersonProfile.of(5, 99).thetaRadians()).isNotEqualTo(p.thetaRadians());
        assertThat(PersonProfile.of(4, 100).amplitudes()).isNotEqualTo(p.amplitudes());
    }

    @Test
    void derivedProfilesKeepEventsInOrderAndAmplitudesPlausible() {
        for (int id = 1; id <= 500; id++) {
            PersonProfile p = PersonProfile.of(id, 7);
            // the constructor enforces order; here: signs of the waves and physiological ranges
            double[] a = p.amplitudes();
            assertThat(a[0]).isPositive();
            assertThat(a[1]).isNegative();
            assertThat(a[3]).isNegative();
            assertThat(a[4]).isPositive();
            assertThat(p.rAmplitudeMv()).isBetween(1.0, 1.6);
            assertThat(p.restingHeartRateBpm()).isBetween(60.0, 80.0);
        }
    }

    @Test
    void arraysAreCopiedInAndOut() {
        double[] theta = PersonProfile.standard().thetaRadians();
        PersonProfile p = new PersonProfile(1, 1, theta, new double[] {1, -1, 30, -1, 1},
                new double[] {0.2, 0.1, 0.1, 0.1, 0.3}, 1, 60);
        theta[0] = 0.5;
        p.amplitudes()[2] = -3;

        assertThat(p.thetaRadians()[0]).isEqualTo(Math.toRadians(-70));
        assertThat(p.amplitudes()[2]).isEqualTo(30);
    }

    @Test
    void rejectsEventsOutOfOrderOrWithoutWidth() {
        double[] a = {1, -1, 30, -1, 1};
        double[] b = {0.2, 0.1, 0.1, 0.1, 0.3};
        assertThatThrownBy(() -> new PersonProfile(1, 1, new double[] {-1, -1.2, 0, 0.3, 1.7}, a, b, 1, 60))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("increase strictly");
        assertThatThrownBy(() -> new PersonProfile(1, 1, PersonProfile.standard().thetaRadians(), a,
                new double[] {0.2, 0.1, 0, 0.1, 0.3}, 1, 60))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("widths must be positive");
        assertThatThrownBy(() -> new PersonProfile(1, 1, new double[] {1, 2}, a, b, 1, 60))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("needs 5 values");
    }

    @Test
    void toStringRevealsNoMorphology() {
        assertThat(PersonProfile.of(3, 8).toString()).isEqualTo("PersonProfile[person 3, seed 8]");
    }
}
