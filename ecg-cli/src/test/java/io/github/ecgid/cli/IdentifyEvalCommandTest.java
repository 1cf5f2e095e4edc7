package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.synth.SyntheticCohort;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifyEvalCommandTest {
    @TempDir
    Path dir;

    /** An ECG-ID-shaped database: {@code people} synthetic people, two 20 s records each, 500 Hz, format 16. */
    private static void writeEcgIdDb(Path db, int people) throws IOException {
        SyntheticCohort cohort = SyntheticCohort.of(people, 2026).withDurationSeconds(20).withSamplingRateHz(500);
        StringBuilder records = new StringBuilder();
        for (int p = 1; p <= people; p++) {
            String person = String.format("Person_%02d", p);
            Path folder = Files.createDirectories(db.resolve(person));
            for (int s = 1; s <= 2; s++) {
                String name = "rec_" + s;
                double[] mv = cohort.recording(p, s).signalMv();
                ByteBuffer dat = ByteBuffer.allocate(4 * mv.length).order(ByteOrder.LITTLE_ENDIAN);
                int checksum = 0;
                for (double v : mv) {
                    short adc = (short) Math.round(v * 200);
                    dat.putShort(adc).putShort(adc);
                    checksum += adc;
                }
                Files.write(folder.resolve(name + ".dat"), dat.array());
                long first = Math.round(mv[0] * 200);
                String header = name + " 2 500 " + mv.length + "\n"
                        + name + ".dat 16 200 12 0 " + first + " " + (short) checksum + " 0 ECG I\n"
                        + name + ".dat 16 200 12 0 " + first + " " + (short) checksum + " 0 ECG I filtered\n";
                Files.writeString(folder.resolve(name + ".hea"), header, StandardCharsets.US_ASCII);
                records.append(person).append('/').append(name).append('\n');
            }
        }
        Files.writeString(db.resolve("RECORDS"), records.toString(), StandardCharsets.US_ASCII);
    }

    @Test
    void beatRandomReportsTheAgreedKeysAndSaysItIsOptimistic() throws Exception {
        writeEcgIdDb(dir, 6);

        CliRun r = CliRun.of("identify-eval", "--dataset", "ecgiddb", "--db", dir.toString(), "--protocol",
                "beat-random", "--epochs", "4", "--margin-scale", "16", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String k : new String[] {"dataset", "protocol", "persons", "rank1", "rank1_template", "rank1_softmax",
            "eer", "frr_at_far_0.1pct", "accuracy", "precision", "recall", "f1", "specificity", "confusion"}) {
            assertThat(j.has(k)).as(k).isTrue();
        }
        assertThat(j.get("protocol").asText()).isEqualTo("beat-random");
        assertThat(j.get("persons").asInt()).isEqualTo(6);
        assertThat(j.get("rank1").get("1").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.get("notes").toString()).contains("beat-random").contains("(optimistic)");
    }

    @Test
    void aProtocolOfTheOtherDatasetIsAUsageError() {
        CliRun r = CliRun.of("identify-eval", "--dataset", "ecgiddb", "--db", dir.toString(), "--protocol",
                "time-split");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("does not apply to ecgiddb");
    }

    @Test
    void thePersonDisjointProtocolIsAUsageErrorThatNamesTheProtocolsLeft() {
        CliRun r = CliRun.of("identify-eval", "--dataset", "ecgiddb", "--db", dir.toString(), "--protocol",
                "person-disjoint");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("protocol person-disjoint does not apply to ecgiddb; use record-disjoint or "
                + "beat-random");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ecgiddb", "mitdb"})
    void foldsWithoutARecipeAreAUsageError(String dataset) {
        CliRun r = CliRun.of("identify-eval", "--dataset", dataset, "--db", dir.toString(), "--folds", "2");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--folds applies to --recipe only");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"--background, mitdb", "--background-db, /tmp", "--background-max-beats, 100",
        "--matcher, waveform", "--adapt-templates, 0.2", "--seed-clip,", "--channel, FILTERED"})
    void aRemovedFlagIsAnUnknownOption(String option, String value) {
        CliRun r = value == null
                ? CliRun.of("identify-eval", "--dataset", "ecgiddb", "--db", dir.toString(), option)
                : CliRun.of("identify-eval", "--dataset", "ecgiddb", "--db", dir.toString(), option, value);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option").contains("'" + option + "'");
    }

    @Test
    void aMarginOutsideItsRangeIsAUsageError() throws Exception {
        writeEcgIdDb(dir, 4);
        CliRun r = CliRun.of("identify-eval", "--dataset", "ecgiddb", "--db", dir.toString(), "--margin-scale", "16",
                "--margin", "1.5");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("margin must be in [0, 1)");
    }

    @Test
    void recordDisjointReportsTheSoftmaxCombinedAndGalleryNormalisedFigures() throws Exception {
        writeEcgIdDb(dir, 6);

        CliRun r = CliRun.of("identify-eval", "--dataset", "ecgiddb", "--db", dir.toString(), "--epochs", "4",
                "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("protocol").asText()).isEqualTo("record-disjoint");
        for (String k : new String[] {"1", "5", "10"}) {
            assertThat(j.get("eer_softmax").get(k).asDouble()).as(k).isBetween(0.0, 1.0);
            assertThat(j.get("eer_combined").get(k).asDouble()).as(k).isBetween(0.0, 1.0);
            assertThat(j.get("rank1_gallery_norm").get(k).asDouble()).as(k).isBetween(0.0, 1.0);
            assertThat(j.get("eer_gallery_norm").get(k).asDouble()).as(k).isBetween(0.0, 1.0);
        }
        assertThat(j.has("adaptation")).isFalse();
        assertThat(j.has("folds")).isFalse();
    }

    @Test
    void perPersonResultsNameEveryPersonAndTheTextListsTheWeakest() throws Exception {
        writeEcgIdDb(dir, 6);

        CliRun json = CliRun.of("identify-eval", "--dataset", "ecgiddb", "--db", dir.toString(), "--epochs", "4",
                "--json");
        CliRun text = CliRun.of("identify-eval", "--dataset", "ecgiddb", "--db", dir.toString(), "--epochs", "4");

        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode people = new ObjectMapper().readTree(json.out()).get("per_person");
        assertThat(people).hasSize(6);
        assertThat(people.get(0).get("person").asText()).isEqualTo("Person_01");
        for (JsonNode p : people) {
            assertThat(p.get("windows").get("10").asInt()).isPositive();
            assertThat(p.get("rank1_template").get("1").asDouble()).isBetween(0.0, 1.0);
            assertThat(p.get("rank1").get("10").asDouble()).isBetween(0.0, 1.0);
            assertThat(p.get("frr_at_eer").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("lowest rank-1 by nearest template, 10 beats: Person_\\d\\d [0-9.]+ %")
                .contains("most single beats rejected at the EER threshold: Person_");
    }

    @Test
    void testMinutesOverlappingTheTrainingMinutesAreAUsageError() {
        CliRun r = CliRun.of("identify-eval", "--dataset", "mitdb", "--db", dir.toString(), "--test-minutes", "3-10");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--test-minutes must be FROM-TO with 5 <= FROM < TO");
    }

    @Test
    void testMinutesApplyToTheMitdbTimeSplitOnly() {
        CliRun r = CliRun.of("identify-eval", "--dataset", "ecgiddb", "--db", dir.toString(), "--test-minutes",
                "10-20");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--test-minutes applies to the mitdb time-split only");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--quality-gate, strict, '--quality-gate must be full, recurring, amplitude or off, got strict'",
        "--augmenter, mixup, '--augmenter must be shape or waves, got mixup'"})
    void anUnknownChoiceIsAUsageErrorThatListsTheChoices(String option, String value, String message) {
        CliRun r = CliRun.of("identify-eval", "--dataset", "ecgiddb", "--db", dir.toString(), option, value);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(message);
    }

    @Test
    void theAugmentationUsedIsNotedInTheReport() throws Exception {
        writeEcgIdDb(dir, 6);

        CliRun r = CliRun.of("identify-eval", "--dataset", "ecgiddb", "--db", dir.toString(), "--epochs", "2",
                "--augment", "1", "--augmenter", "waves", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).get("notes").toString())
                .contains("augmentation: 1 waves copy of each training beat");
    }

    /** A model trained on other synthetic people than the ones evaluated, as `ecgid train` writes it. */
    private Path model() {
        Path model = dir.resolve("m.onnx");
        CliRun train = CliRun.of("train", "--dataset", "synthetic", "--persons", "4", "--seconds", "30",
                "--epochs", "4", "--seed", "9", "--out", model.toString());
        assertThat(train.exit()).as(train.err()).isZero();
        return model;
    }

    @Test
    void aModelIsEvaluatedWithoutTrainingOnARecordDisjointDatabaseWithStrangers() throws Exception {
        Path model = model();
        writeEcgIdDb(dir.resolve("people"), 5);
        writeEcgIdDb(dir.resolve("strangers"), 3);

        CliRun r = CliRun.of("identify-eval", "--model", model.toString(), "--dataset", "ecgiddb", "--db",
                dir.resolve("people").toString(), "--strangers", dir.resolve("strangers").toString(), "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("epoch");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("protocol").asText()).isEqualTo("record-disjoint");
        assertThat(j.get("persons").asInt()).isEqualTo(5);
        assertThat(j.get("rank1").get("1").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.get("eer").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.get("frr_at_far_0.1pct").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.get("open_set").get("strangers").asInt()).isEqualTo(6); // 3 people, 2 records each
        assertThat(j.get("open_set").get("far").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void anyWfdbFolderIsATimeSplitOnePersonPerRecord() throws Exception {
        Path model = model();
        Path db = dir.resolve("wfdb");
        writeEcgIdDb(db, 4); // eight 20 s records: each one a person here

        CliRun r = CliRun.of("identify-eval", "--model", model.toString(), "--dataset", "wfdb", "--db",
                db.toString(), "--beats", "1,5", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("protocol").asText()).isEqualTo("time-split");
        assertThat(j.get("persons").asInt()).isEqualTo(8);
        assertThat(j.get("rank1").has("5")).isTrue();
    }

    @Test
    void wfdbAndStrangersNeedAModel() throws Exception {
        CliRun r = CliRun.of("identify-eval", "--dataset", "wfdb", "--db", dir.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--model");
    }
}
