package io.github.ecgid.core.synth;

import io.github.ecgid.core.EcgSignalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Several synthetic persons, each recorded in several sessions: the embedded data set for demos, tests and
 * enrolment/identification experiments. Immutable; the {@code with...} methods return changed copies.
 *
 * <p>Person {@code p} (1-based) has the morphology {@link PersonProfile#of(int, long) PersonProfile.of(p, seed)};
 * session {@code s} (1-based) of that person has a session seed derived from the cohort seed, {@code p} and
 * {@code s}, so it differs in heart rate, variability, amplitude drift and noise but not in beat shape.
 *
 * <pre>{@code
 * SyntheticCohort cohort = SyntheticCohort.of(6, 42).withSessions(3).withDurationSeconds(300);
 * SyntheticRecording enrol = cohort.recording(2, 1);
 * SyntheticRecording probe = cohort.recording(2, 3);
 * List<SyntheticRecording> all = cohort.generate(); // person-major: (1,1), (1,2), ..., (6,3)
 * }</pre>
 *
 * @param persons         number of persons, at least 1
 * @param seed            cohort seed
 * @param sessions        sessions per person, at least 1 (default 2)
 * @param durationSeconds length of each recording (default 60 s)
 * @param samplingRateHz  sampling rate of each recording (default 250 Hz)
 * @param noise           artefacts of each recording (default {@link Noise#realistic()})
 */
public record SyntheticCohort(int persons, long seed, int sessions, double durationSeconds, double samplingRateHz,
                              Noise noise) {

    public SyntheticCohort {
        if (persons < 1 || sessions < 1) {
            throw new EcgSignalException("A cohort needs at least 1 person and 1 session, got " + persons
                    + " persons and " + sessions + " sessions");
        }
        Objects.requireNonNull(noise, "noise");
        // validates rate and duration with the generator's own messages
        SyntheticEcg.builder().samplingRateHz(samplingRateHz).durationSeconds(durationSeconds);
    }

    /** {@code persons} persons from {@code seed}, 2 sessions of 60 s each at 250 Hz with realistic noise. */
    public static SyntheticCohort of(int persons, long seed) {
        return new SyntheticCohort(persons, seed, 2, 60, 250, Noise.realistic());
    }

    public SyntheticCohort withSessions(int count) {
        return new SyntheticCohort(persons, seed, count, durationSeconds, samplingRateHz, noise);
    }

    public SyntheticCohort withDurationSeconds(double seconds) {
        return new SyntheticCohort(persons, seed, sessions, seconds, samplingRateHz, noise);
    }

    public SyntheticCohort withSamplingRateHz(double hz) {
        return new SyntheticCohort(persons, seed, sessions, durationSeconds, hz, noise);
    }

    public SyntheticCohort withNoise(Noise newNoise) {
        return new SyntheticCohort(persons, seed, sessions, durationSeconds, samplingRateHz, newNoise);
    }

    /** The morphology of person {@code person} (1-based). */
    public PersonProfile person(int person) {
        checkPerson(person);
        return PersonProfile.of(person, seed);
    }

    /** The seed of session {@code session} (1-based) of person {@code person} (1-based). */
    public long sessionSeed(int person, int session) {
        checkPerson(person);
        if (session < 1 || session > sessions) {
            throw new EcgSignalException("Session " + session + " outside 1.." + sessions);
        }
        return Seeds.mix(seed, person, session, 0x5345_5353L);
    }

    /** Generates one recording: person and session are 1-based. */
    public SyntheticRecording recording(int person, int session) {
        return SyntheticEcg.builder()
                .samplingRateHz(samplingRateHz)
                .durationSeconds(durationSeconds)
                .person(person(person))
                .sessionSeed(sessionSeed(person, session))
                .noise(noise)
                .build()
                .generate();
    }

    /** All recordings, person-major: person 1 sessions 1..K, then person 2, and so on. */
    public List<SyntheticRecording> generate() {
        List<SyntheticRecording> all = new ArrayList<>(persons * sessions);
        for (int p = 1; p <= persons; p++) {
            for (int s = 1; s <= sessions; s++) {
                all.add(recording(p, s));
            }
        }
        return all;
    }

    private void checkPerson(int person) {
        if (person < 1 || person > persons) {
            throw new EcgSignalException("Person " + person + " outside 1.." + persons);
        }
    }
}
