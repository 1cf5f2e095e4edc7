package io.github.ecgid.model.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.core.EcgSource;
import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.model.math.Embeddings;
import io.github.ecgid.model.nn.TrainingOptions;
import io.github.ecgid.model.nn.TrainingSet;
import io.github.ecgid.model.onnx.OnnxModel;
import io.github.ecgid.model.train.IdentityTrainer;
import io.github.ecgid.signal.beat.BeatPipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product path end to end on synthetic people: a network trained once on a background population
 * (persons 1-12), then people it has never seen (persons 13-16) enrolled without retraining.
 */
class EcgIdentifierTest {
    private static final double FS = 250;
    private static final SyntheticCohort COHORT = SyntheticCohort.of(16, 2026).withDurationSeconds(40);
    private static EcgIdentifier ecgid;

    @BeforeAll
    static void trainOnBackgroundPopulation() {
        BeatPipeline pipeline = new BeatPipeline(FS, 50, "pan-tompkins", true);
        List<float[]> beats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int p = 1; p <= 12; p++) {
            names.add("background-" + p);
            for (int s = 1; s <= 1; s++) {
                for (float[] b : pipeline.extract(COHORT.recording(p, s).record().lead(0)).beats()) {
                    beats.add(b);
                    labels.add(p - 1);
                }
            }
        }
        TrainingSet data = TrainingSet.of(beats.toArray(new float[0][]), labels.stream().mapToInt(i -> i).toArray(),
                names);
        ecgid = EcgIdentifier.builder()
                .samplingRateHz(FS)
                .model(IdentityTrainer.builder().samplingRateHz(FS)
                        .options(TrainingOptions.builder().epochs(12).earlyStoppingPatience(0).seed(7).build())
                        .build().train(data).model())
                .build();
    }

    @AfterAll
    static void close() {
        ecgid.close();
    }

    @BeforeEach
    void enrollUnseenPeople() {
        for (PersonTemplate t : ecgid.templates()) {
            ecgid.unenroll(t.personId());
        }
        for (int p = 13; p <= 15; p++) {
            ecgid.enroll("person-" + p, session(p, 1));
        }
    }

    private static EcgRecord session(int person, int session) {
        return COHORT.recording(person, session).record();
    }

    @Test
    void toBuilderMakesAnIdentifierWithTheSameSettingsAndNoTemplates() {
        ecgid.calibrate(0.01);
        try (EcgIdentifier copy = ecgid.toBuilder().build()) {
            assertThat(copy.threshold()).isEqualTo(ecgid.threshold());
            assertThat(copy.combinedThreshold()).isEqualTo(ecgid.combinedThreshold());
            assertThat(copy.closedSetThreshold()).isEqualTo(ecgid.closedSetThreshold());
            assertThat(copy.beatsPerDecision()).isEqualTo(ecgid.beatsPerDecision());
            assertThat(copy.model().fingerprint()).isEqualTo(ecgid.model().fingerprint());
            assertThat(copy.pipeline().describe()).isEqualTo(ecgid.pipeline().describe());
            assertThat(copy.templates()).isEmpty();
            copy.addTemplates(ecgid.templates());
            Identification a = ecgid.identify(session(14, 2));
            Identification b = copy.identify(session(14, 2));
            assertThat(b.person()).isEqualTo(a.person());
            assertThat(b.score()).isEqualTo(a.score());
        }
    }

    @Test
    void toBuilderChangesOneSettingAndLeavesTheOriginalAsItWas() {
        double before = ecgid.threshold();
        try (EcgIdentifier strict = ecgid.toBuilder().threshold(0.99).closedSetThreshold(0.9).build()) {
            assertThat(strict.threshold()).isEqualTo(0.99);
            assertThat(strict.combinedThreshold()).isEqualTo(0.99);
            assertThat(strict.closedSetThreshold()).isEqualTo(0.9);
        }
        assertThat(ecgid.threshold()).isEqualTo(before);
        assertThat(ecgid.closedSetThreshold()).isEqualTo(EcgIdentifier.DEFAULT_CLOSED_SET_THRESHOLD);
    }

    @Test
    void builderRefusesThresholdsOutsideTheirScales() {
        assertThatThrownBy(() -> EcgIdentifier.builder().threshold(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[-1, 1]");
        assertThatThrownBy(() -> EcgIdentifier.builder().combinedThreshold(Double.NEGATIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("combined threshold");
        assertThatThrownBy(() -> EcgIdentifier.builder().closedSetThreshold(-0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probability in [0, 1]");
        assertThatThrownBy(() -> EcgIdentifier.builder().powerLineHz(55))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("50 or 60 Hz, got 55");
    }

    @Test
    void identifiesEnrolledPeopleInANewSessionWithoutRetraining() {
        for (int p = 13; p <= 15; p++) {
            Identification who = ecgid.identify(session(p, 2));
            assertThat(who.person()).as("person %d, ranking %s", p, who.ranking()).contains("person-" + p);
            assertThat(who.mode()).isEqualTo(Identification.Mode.OPEN_SET);
            assertThat(who.beatsUsed()).isGreaterThan(20);
        }
    }

    @Test
    void calibratedThresholdRejectsAPersonWhoWasNeverEnrolled() {
        ecgid.calibrate(0.01);
        Identification stranger = ecgid.identify(session(16, 2));
        assertThat(stranger.isUnknown()).as("stranger scored %s against %s; genuine %s", stranger.ranking(),
                stranger.threshold(), ecgid.identify(session(14, 2)).ranking()).isTrue();
        assertThat(ecgid.identify(session(14, 2)).person()).contains("person-14");
    }

    @Test
    void cohortCalibrationWorksWithASingleEnrolledPerson() {
        ecgid.unenroll("person-14");
        ecgid.unenroll("person-15");
        assertThatThrownBy(() -> ecgid.calibrate(0.01)).isInstanceOf(IllegalStateException.class);
        // the background population (never enrolled) is the cohort
        List<float[][]> cohort = new ArrayList<>();
        for (int p = 1; p <= 12; p++) {
            cohort.add(ecgid.beats(session(p, 2)));
        }
        double t = ecgid.calibrateOnCohort(cohort, 0.0);
        assertThat(ecgid.threshold()).isEqualTo(t);
        for (float[][] rec : cohort) {
            assertThat(ecgid.identify(rec).isUnknown()).isTrue();
        }
        assertThat(ecgid.identify(session(13, 2)).person()).contains("person-13");
        assertThat(ecgid.identify(session(16, 2)).isUnknown()).isTrue();
    }

    @Test
    void verificationAcceptsTheRightClaimAndRejectsAFalseOne() {
        ecgid.calibrate(0.01);
        assertThat(ecgid.verify("person-13", session(13, 2)).accepted()).isTrue();
        Verification impostor = ecgid.verify("person-13", session(15, 2));
        assertThat(impostor.accepted()).isFalse();
        assertThat(impostor.score()).isLessThan(ecgid.verify("person-13", session(13, 2)).score());
    }

    @Test
    void verifiesATrainedPersonWhoIsNotEnrolledByTheirSoftmaxProbability() {
        Verification own = ecgid.verify("background-3", session(3, 2));
        Verification other = ecgid.verify("background-3", session(5, 2));
        assertThat(own.mode()).isEqualTo(Identification.Mode.CLOSED_SET);
        assertThat(own.threshold()).isEqualTo(EcgIdentifier.DEFAULT_CLOSED_SET_THRESHOLD);
        assertThat(own.accepted()).as("score %s", own.score()).isTrue();
        assertThat(other.accepted()).as("score %s", other.score()).isFalse();
        assertThat(ecgid.verify("person-13", session(13, 2)).mode()).isEqualTo(Identification.Mode.OPEN_SET);
    }

    @Test
    void verifiesAPersonWhoIsEnrolledAndTrainedByTemplateAndClassProbabilityCombined() {
        ecgid.enroll("background-3", session(3, 1));
        float[][] beats = ecgid.beats(session(3, 2));
        double meanProbability = ecgid.predictions(beats).stream().mapToDouble(p -> p.probabilities()[2]).average()
                .orElseThrow();
        try (EcgIdentifier templateOnly = EcgIdentifier.builder().samplingRateHz(FS).model(ecgid.model())
                .combinedVerification(0).build()) {
            templateOnly.addTemplates(ecgid.templates());
            Verification cosine = templateOnly.verify("background-3", beats);

            Verification combined = ecgid.verify("background-3", beats);

            assertThat(cosine.mode()).isEqualTo(Identification.Mode.OPEN_SET);
            assertThat(combined.mode()).isEqualTo(Identification.Mode.COMBINED);
            assertThat(combined.threshold()).isEqualTo(ecgid.combinedThreshold());
            assertThat(combined.score()).isCloseTo(cosine.score() + EcgIdentifier.DEFAULT_COMBINED_WEIGHT
                    * Math.log(meanProbability), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void combinedScorePushesDownAClaimTheNetworkGivesToSomebodyElse() {
        ecgid.enroll("background-3", session(3, 1));
        float[][] impostor = ecgid.beats(session(5, 2));
        double cosine = ecgid.templates().stream().filter(t -> t.personId().equals("background-3")).findFirst()
                .orElseThrow().score(Embeddings.meanDirection(ecgid.identityVectors(impostor), 0, impostor.length));

        Verification claim = ecgid.verify("background-3", impostor);

        assertThat(claim.score()).isLessThan(cosine - 0.1);
        assertThat(claim.score()).isLessThan(ecgid.verify("background-3", session(3, 2)).score());
    }

    @Test
    void cohortCalibrationSetsTheCombinedThresholdSoNoStrangerPassesAsATrainedPerson() {
        ecgid.enroll("background-3", session(3, 1));
        ecgid.unenroll("person-14");
        ecgid.unenroll("person-15");
        List<float[][]> cohort = List.of(ecgid.beats(session(14, 2)), ecgid.beats(session(15, 2)),
                ecgid.beats(session(16, 2)));

        ecgid.calibrateOnCohort(cohort, 0.0);

        int k = ecgid.beatsPerDecision();
        for (float[][] rec : cohort) {
            for (int start = 0; start + k <= rec.length; start += k) {
                Verification v = ecgid.verify("background-3", java.util.Arrays.copyOfRange(rec, start, start + k));
                assertThat(v.mode()).isEqualTo(Identification.Mode.COMBINED);
                assertThat(v.accepted()).as("score %s, threshold %s", v.score(), v.threshold()).isFalse();
            }
        }
        assertThat(ecgid.combinedThreshold()).isNotEqualTo(EcgIdentifier.DEFAULT_THRESHOLD);
    }

    @Test
    void refusesToVerifySomebodyWhoIsNeitherEnrolledNorTrained() {
        assertThatThrownBy(() -> ecgid.verify("mallory", session(13, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mallory' is neither enrolled").hasMessageContaining("person-13")
                .hasMessageContaining("background-1");
    }

    @Test
    void closedSetModeNamesTheTrainedClassWhenNobodyIsEnrolled() {
        for (PersonTemplate t : ecgid.templates()) {
            ecgid.unenroll(t.personId());
        }
        Identification who = ecgid.identify(session(3, 2));
        assertThat(who.mode()).isEqualTo(Identification.Mode.CLOSED_SET);
        assertThat(who.person()).contains("background-3");
        assertThat(who.score()).isBetween(0.5, 1.0);
    }

    @Test
    void templatesSurviveASaveAndLoadIntoAFreshIdentifier(@TempDir Path dir) {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        Path store = dir.resolve("people.ecgt");
        ecgid.saveTemplates(store, key);
        List<PersonTemplate> saved = ecgid.templates();
        for (PersonTemplate t : saved) {
            ecgid.unenroll(t.personId());
        }
        ecgid.loadTemplates(store, key);
        assertThat(ecgid.templates()).isEqualTo(saved);
        assertThat(ecgid.identify(session(15, 2)).person()).contains("person-15");
    }

    @Test
    void templatesStayAsEnrolledUnlessAdaptationIsOn() {
        List<PersonTemplate> before = ecgid.templates();
        ecgid.identify(session(14, 2));
        ecgid.verify("person-14", session(14, 2));
        assertThat(ecgid.templateAdaptationRate()).isZero();
        assertThat(ecgid.templates()).isEqualTo(before);
    }

    @Test
    void withAdaptationAnAcceptedDecisionMovesOnlyTheWinnersTemplateTowardsIt() {
        try (EcgIdentifier adaptive = EcgIdentifier.builder().samplingRateHz(FS).model(ecgid.model())
                .templateAdaptation(0.5).threshold(-1).build()) {
            adaptive.addTemplates(ecgid.templates());
            float[][] beats = adaptive.beats(session(14, 2));
            float[] probe = Embeddings.meanDirection(adaptive.identityVectors(beats), 0, beats.length);
            PersonTemplate before = adaptive.templates().get(1);
            assertThat(before.personId()).isEqualTo("person-14");

            Identification who = adaptive.identify(beats);

            assertThat(who.person()).contains("person-14");
            PersonTemplate after = adaptive.templates().get(1);
            assertThat(after.score(probe)).isGreaterThan(before.score(probe));
            assertThat(after.centroid()).isEqualTo(before.centroid());
            assertThat(adaptive.templates().get(0)).isEqualTo(ecgid.templates().get(0));
            assertThat(adaptive.templates().get(2)).isEqualTo(ecgid.templates().get(2));
        }
    }

    @Test
    void galleryNormalizationRanksTheEnrolledPeopleByTheirNormalisedScores() {
        try (EcgIdentifier normalising = EcgIdentifier.builder().samplingRateHz(FS).model(ecgid.model())
                .galleryNormalization(true).build()) {
            normalising.addTemplates(ecgid.templates());
            float[][] beats = normalising.beats(session(14, 2));
            float[] probe = Embeddings.meanDirection(normalising.identityVectors(beats), 0, beats.length);
            List<PersonTemplate> gallery = normalising.templates();

            assertThat(normalising.galleryNormalization()).isTrue();
            assertThat(normalising.identify(beats)).isEqualTo(EcgIdentifier.openSet(probe, beats.length, gallery,
                    normalising.threshold(), GalleryNorm.of(gallery)));

            // with two people left there is too little gallery to normalise against: the cosine ranks
            normalising.unenroll("person-15");
            assertThat(normalising.identify(beats)).isEqualTo(EcgIdentifier.openSet(probe, beats.length,
                    normalising.templates(), normalising.threshold(), null));
        }
    }

    @Test
    void withAdaptationARejectedStrangerMovesNoTemplate() {
        try (EcgIdentifier adaptive = EcgIdentifier.builder().samplingRateHz(FS).model(ecgid.model())
                .templateAdaptation(0.5).threshold(1).build()) {
            adaptive.addTemplates(ecgid.templates());
            assertThat(adaptive.identify(session(16, 2)).isUnknown()).isTrue();
            assertThat(adaptive.verify("person-13", session(16, 2)).accepted()).isFalse();
            assertThat(adaptive.templates()).isEqualTo(ecgid.templates());
        }
    }

    @Test
    void monitorEmitsADecisionPerWindowOfBeatsFromAStream() throws Exception {
        List<MonitorDecision> decisions = new CopyOnWriteArrayList<>();
        try (EcgSource src = EcgSource.replay(session(14, 2));
             Monitor monitor = ecgid.monitor(src, decisions::add)) {
            assertThat(monitor.await(60, TimeUnit.SECONDS)).isTrue();
        }
        // 40 s at 60-80 bpm: about 3 windows of 10 beats
        assertThat(decisions).hasSizeGreaterThanOrEqualTo(2);
        long right = decisions.stream().filter(d -> d.identification().person().orElse("").equals("person-14"))
                .count();
        assertThat(right).as("decisions %s", decisions).isGreaterThanOrEqualTo(decisions.size() - 1);
        assertThat(decisions).allSatisfy(d -> assertThat(d.beatsDetected()).isEqualTo(10));
    }

    @Test
    void aTrainedIdentifierComparesTheFusedWhitenedViews() {
        assertThat(ecgid.matcher()).isEqualTo(Matcher.FUSED);
        assertThat(IdentitySpace.of(ecgid.model())).isPresent();
        assertThat(ecgid.templates()).allSatisfy(t -> assertThat(t.dimension()).isEqualTo(ecgid.templateDimension()));
        assertThat(ecgid.templateDimension()).isEqualTo(64 + IdentitySpace.DEFAULT_COMPONENTS);
    }

    @Test
    void aModelWithoutIdentitySpaceFallsBackToTheEmbeddingAndRefusesWhitenedMatchers() {
        OnnxModel plain = OnnxModel.fromBytes(ecgid.model().withMetadata(IdentitySpace.METADATA_KEY, null).toBytes(),
                "plain.onnx");
        try (EcgIdentifier old = EcgIdentifier.builder().samplingRateHz(FS).model(plain).build()) {
            assertThat(old.matcher()).isEqualTo(Matcher.EMBEDDING);
            old.enroll("person-13", session(13, 1));
            old.enroll("person-14", session(14, 1));
            assertThat(old.identify(session(14, 2)).ranking().get(0).personId()).isEqualTo("person-14");
        }
        assertThatThrownBy(() -> EcgIdentifier.builder().samplingRateHz(FS).model(plain).matcher(Matcher.WAVEFORM)
                .build()).isInstanceOf(EcgModelException.class).hasMessageContaining(IdentitySpace.METADATA_KEY)
                .hasMessageContaining("Matcher.EMBEDDING");
    }

    @Test
    void refusesTemplatesEnrolledWithAnotherMatcher() {
        try (EcgIdentifier other = EcgIdentifier.builder().samplingRateHz(FS).model(ecgid.model())
                .matcher(Matcher.EMBEDDING).build()) {
            assertThatThrownBy(() -> other.addTemplates(ecgid.templates())).isInstanceOf(EcgModelException.class)
                    .hasMessageContaining("dimension " + ecgid.templateDimension()).hasMessageContaining("re-enroll");
        }
    }

    @Test
    void rejectsARecordAtAnotherSamplingRate() {
        EcgRecord at360 = COHORT.withSamplingRateHz(360).recording(13, 2).record();
        assertThatThrownBy(() -> ecgid.identify(at360)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("360.0 Hz").hasMessageContaining("250.0 Hz");
    }

    @Test
    void refusesToEnrollFromARecordWithoutUsableBeats() {
        EcgRecord flat = EcgRecord.of(FS, "ECG", new double[(int) (FS * 20)]);
        assertThatThrownBy(() -> ecgid.enroll("nobody", flat)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("passed the quality gate").hasMessageContaining("flat line");
    }

    @Test
    void aFailedEnrollmentSaysHowManyBeatsWereFoundAndWhyTheRestWereRejected() {
        double[] x = COHORT.recording(13, 1).record().slice(0, 4).lead(0);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 40; // beats far above the gate's 10 mV
        }
        EcgRecord railed = EcgRecord.of(FS, "ECG", x);

        assertThatThrownBy(() -> ecgid.enroll("loud", railed)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("'loud'").hasMessageMatching("(?s).*found \\d+ beats and 0 passed.*")
                .hasMessageContaining("amplitude");
    }

    /** Session 2 of a person with seeded white noise of {@code rmsMv} added: detector bursts, beats the gate drops. */
    private static EcgRecord buriedInNoise(int person, double rmsMv) {
        double[] x = session(person, 2).lead(0);
        java.util.Random rnd = new java.util.Random(99);
        for (int i = 0; i < x.length; i++) {
            x[i] += rmsMv * rnd.nextGaussian();
        }
        return EcgRecord.of(FS, "ECG", x);
    }

    @Test
    void aRecordBuriedInNoiseIsRefusedAsTooNoisyAndNamesNobody() {
        Identification who = ecgid.identify(buriedInNoise(14, 3.0));

        assertThat(who.tooNoisy()).as("%s", who).isTrue();
        assertThat(who.person()).isEmpty();
        assertThat(who.ranking()).isEmpty();
        assertThat(who.quality().reason()).startsWith("signal too noisy").contains("passed the quality gate");
        assertThat(who.quality().usableShare()).isLessThan(0.5);
    }

    @Test
    void aCleanRecordIsScoredAndItsQualitySaysHowManyBeatsWereUsable() {
        Identification who = ecgid.identify(session(14, 2));

        assertThat(who.tooNoisy()).isFalse();
        assertThat(who.quality().beatsUsable()).isEqualTo(who.beatsUsed()).isGreaterThan(20);
        assertThat(who.quality().beatsDetected()).isGreaterThanOrEqualTo(who.quality().beatsUsable());
    }

    @Test
    void verifyingATooNoisyRecordRejectsTheClaimWithTheReason() {
        Verification v = ecgid.verify("person-14", buriedInNoise(14, 3.0));

        assertThat(v.tooNoisy()).isTrue();
        assertThat(v.accepted()).isFalse();
        assertThat(v.beatsUsed()).isZero();
        assertThat(v.quality().reason()).startsWith("signal too noisy");
    }
}
