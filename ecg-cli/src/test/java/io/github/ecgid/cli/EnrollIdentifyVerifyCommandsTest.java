package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.model.identify.TemplateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line loop a user runs: train once, enroll people the network never saw, then identify and verify
 * new recordings of them (and of a stranger).
 */
class EnrollIdentifyVerifyCommandsTest {

    @TempDir
    static Path dir;
    static Path model;
    static Path people;
    static Path keyFile;

    @BeforeAll
    static void trainOnOneCohortAndEnrollTwoPeopleOfAnother() throws Exception {
        model = dir.resolve("m.onnx");
        CliRun train = CliRun.of("train", "--dataset", "synthetic", "--persons", "4", "--seconds", "30",
                "--epochs", "5", "--seed", "42", "--out", model.toString());
        assertThat(train.exit()).as(train.err()).isZero();
        // three people the network never saw, two sessions each
        CliRun synth = CliRun.of("synth", "--persons", "3", "--seconds", "30", "--sessions", "2", "--seed", "77",
                "--out", dir.resolve("s").toString());
        assertThat(synth.exit()).as(synth.err()).isZero();
        keyFile = dir.resolve("key");
        Files.writeString(keyFile, "a-32-byte-secret-for-unit-tests!\n");
        ownerOnly(keyFile);
        people = dir.resolve("people.ecgt");
        assertThat(enroll("alice", "person01_session1.csv").exit()).isZero();
        assertThat(enroll("bob", "person02_session1.csv").exit()).isZero();
    }

    /** Key files readable by others get a warning on stderr, which the tests here expect empty. */
    static void ownerOnly(Path file) throws java.io.IOException {
        if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static CliRun enroll(String person, String file, String... more) {
        String[] base = {"enroll", "--model", model.toString(), "--templates", people.toString(), "--key-file",
            keyFile.toString(), "--person", person, "--input", recording(file)};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    private static String recording(String file) {
        return dir.resolve("s").resolve(file).toString();
    }

    private static JsonNode json(CliRun r) throws Exception {
        assertThat(r.err()).doesNotContain("ecgid:");
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void enrollAddsToTheStoreAndSaysHowManyBeatsAndModes() throws Exception {
        Path other = dir.resolve("other.ecgt");
        CliRun r = CliRun.of("enroll", "--model", model.toString(), "--templates", other.toString(), "--key-file",
                keyFile.toString(), "--person", "carol", "--input", recording("person03_session1.csv"), "--json");
        JsonNode j = json(r);
        assertThat(r.exit()).isZero();
        assertThat(j.get("person").asText()).isEqualTo("carol");
        assertThat(j.get("beats_used").asInt()).isBetween(25, 45);
        assertThat(j.get("modes").asInt()).isBetween(1, 3);
        assertThat(j.get("people").asInt()).isEqualTo(1);
        assertThat(Files.exists(other)).isTrue();
    }

    @Test
    void identifyNamesAnEnrolledPersonFromANewSession() throws Exception {
        CliRun r = CliRun.of("identify", "--model", model.toString(), "--templates", people.toString(),
                "--key-file", keyFile.toString(), "--input", recording("person01_session2.csv"), "--json");
        JsonNode j = json(r);
        assertThat(r.exit()).isZero();
        assertThat(j.get("person").asText()).isEqualTo("alice");
        assertThat(j.get("unknown").asBoolean()).isFalse();
        assertThat(j.get("mode").asText()).isEqualTo("open_set");
        assertThat(j.get("score").asDouble()).isGreaterThanOrEqualTo(j.get("threshold").asDouble());
        assertThat(j.get("ranking")).hasSize(2);
        assertThat(j.get("beats_used").asInt()).isPositive();
    }

    @Test
    void identifyWithGalleryNormalisationNamesThePersonAndReportsTheirCosine() throws Exception {
        Path three = dir.resolve("three.ecgt");
        for (String[] p : new String[][] {{"alice", "1"}, {"bob", "2"}, {"carol", "3"}}) {
            CliRun e = CliRun.of("enroll", "--model", model.toString(), "--templates", three.toString(),
                    "--key-file", keyFile.toString(), "--person", p[0], "--input",
                    recording("person0" + p[1] + "_session1.csv"));
            assertThat(e.exit()).as(e.err()).isZero();
        }

        CliRun r = CliRun.of("identify", "--model", model.toString(), "--templates", three.toString(),
                "--key-file", keyFile.toString(), "--input", recording("person02_session2.csv"), "--gallery-norm",
                "--json");

        JsonNode j = json(r);
        assertThat(r.exit()).isZero();
        assertThat(j.get("person").asText()).isEqualTo("bob");
        assertThat(j.get("ranking")).hasSize(3);
        assertThat(j.get("ranking").get(0).get("person").asText()).isEqualTo("bob");
        assertThat(j.get("score").asDouble()).isEqualTo(j.get("ranking").get(0).get("score").asDouble());
    }

    @Test
    void identifyCallsAStrangerUnknown() throws Exception {
        CliRun r = CliRun.of("identify", "--model", model.toString(), "--templates", people.toString(),
                "--key-file", keyFile.toString(), "--input", recording("person03_session2.csv"), "--json");
        JsonNode j = json(r);
        assertThat(j.get("unknown").asBoolean()).isTrue();
        assertThat(j.get("person").isNull()).isTrue();
        assertThat(j.get("score").asDouble()).isLessThan(j.get("threshold").asDouble());
    }

    @Test
    void identifyWithoutAStoreChoosesAmongTheModelsClasses() throws Exception {
        CliRun r = CliRun.of("identify", "--model", model.toString(), "--input", recording("person01_session2.csv"),
                "--json");
        JsonNode j = json(r);
        assertThat(j.get("mode").asText()).isEqualTo("closed_set");
        assertThat(j.get("person").asText()).startsWith("person-");
    }

    @Test
    void verifyExitsZeroForTheRightClaimAndThreeForAWrongOne() throws Exception {
        CliRun right = CliRun.of("verify", "--model", model.toString(), "--templates", people.toString(),
                "--key-file", keyFile.toString(), "--input", recording("person02_session2.csv"), "--claim", "bob",
                "--json");
        assertThat(right.exit()).isZero();
        assertThat(json(right).get("accepted").asBoolean()).isTrue();
        CliRun wrong = CliRun.of("verify", "--model", model.toString(), "--templates", people.toString(),
                "--key-file", keyFile.toString(), "--input", recording("person02_session2.csv"), "--claim", "alice");
        assertThat(wrong.exit()).isEqualTo(VerifyCommand.EXIT_REJECTED);
        assertThat(wrong.out()).startsWith("rejected: 'alice'");
    }

    @Test
    void aPersonEnrolledWhoIsAlsoOneOfTheModelsClassesIsVerifiedByTheCombinedScore() throws Exception {
        Path store = dir.resolve("classes.ecgt");
        CliRun enroll = CliRun.of("enroll", "--model", model.toString(), "--templates", store.toString(), "--key-file",
                keyFile.toString(), "--person", "person-1", "--input", recording("person01_session1.csv"));
        assertThat(enroll.exit()).as(enroll.err()).isZero();

        JsonNode v = json(CliRun.of("verify", "--model", model.toString(), "--templates", store.toString(),
                "--key-file", keyFile.toString(), "--input", recording("person01_session2.csv"), "--claim",
                "person-1", "--json"));
        JsonNode c = json(CliRun.of("calibrate", "--model", model.toString(), "--templates", store.toString(),
                "--key-file", keyFile.toString(), "--cohort", recording("person03_session1.csv"),
                recording("person03_session2.csv"), "--beats", "5", "--json"));

        assertThat(v.get("mode").asText()).isEqualTo("combined");
        assertThat(v.get("score").asDouble()).isLessThanOrEqualTo(1.0);
        assertThat(c.get("combined_threshold").asDouble()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void aThresholdCalibratedOnStrangersKeepsThemOutAndTheEnrolledIn() throws Exception {
        CliRun cal = CliRun.of("calibrate", "--model", model.toString(), "--templates", people.toString(),
                "--key-file", keyFile.toString(), "--cohort", recording("person03_session1.csv"),
                recording("person03_session2.csv"), "--far", "0", "--beats", "5", "--json");
        JsonNode c = json(cal);
        assertThat(cal.exit()).isZero();
        assertThat(c.get("windows").asInt()).isGreaterThanOrEqualTo(10);
        assertThat(c.get("cohort_recordings").asInt()).isEqualTo(2);
        assertThat(c.has("combined_threshold")).as("alice and bob are not the model's classes").isFalse();
        String threshold = c.get("threshold").asText();
        JsonNode stranger = json(CliRun.of("identify", "--model", model.toString(), "--templates", people.toString(),
                "--key-file", keyFile.toString(), "--input", recording("person03_session2.csv"), "--threshold",
                threshold, "--beats", "5", "--json"));
        assertThat(stranger.get("unknown").asBoolean()).isTrue();
        assertThat(stranger.get("beats_used").asInt()).isEqualTo(5);
        assertThat(stranger.get("threshold").asText()).isEqualTo(threshold);
        JsonNode alice = json(CliRun.of("identify", "--model", model.toString(), "--templates", people.toString(),
                "--key-file", keyFile.toString(), "--input", recording("person01_session2.csv"), "--threshold",
                threshold, "--beats", "5", "--json"));
        assertThat(alice.get("person").asText()).isEqualTo("alice");
    }

    @Test
    void aStoreReadWithAnotherKeyIsRefused() throws Exception {
        Path otherKey = dir.resolve("other-key");
        Files.writeString(otherKey, "another-32-byte-secret-for-tests");
        ownerOnly(otherKey);
        CliRun r = CliRun.of("identify", "--model", model.toString(), "--templates", people.toString(),
                "--key-file", otherKey.toString(), "--input", recording("person01_session2.csv"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("ecgid: ").contains("integrity check").contains("people.ecgt");
    }

    @Test
    void identifyWithAStoreThatDoesNotExistIsABadInputNamingIt() {
        CliRun r = CliRun.of("identify", "--model", model.toString(), "--templates",
                dir.resolve("nobody.ecgt").toString(), "--key-file", keyFile.toString(), "--input",
                recording("person01_session2.csv"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("nobody.ecgt");
    }

    @Test
    void identifyAgainstAnEmptyStoreSaysSoInsteadOfFallingBackToTheModelsClasses() throws Exception {
        Path empty = dir.resolve("empty.ecgt");
        TemplateStore.write(empty, List.of(), Files.readString(keyFile).strip().getBytes(StandardCharsets.UTF_8),
                io.github.ecgid.model.onnx.OnnxModel.read(model).fingerprint());
        CliRun r = CliRun.of("identify", "--model", model.toString(), "--templates", empty.toString(), "--key-file",
                keyFile.toString(), "--input", recording("person01_session2.csv"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("empty.ecgt").contains("holds nobody");
    }

    @Test
    void identifyThroughTheRecurrenceGateNamesTheEnrolledPerson() throws Exception {
        CliRun r = CliRun.of("identify", "--model", model.toString(), "--templates", people.toString(),
                "--key-file", keyFile.toString(), "--input", recording("person01_session2.csv"), "--quality-gate",
                "recurring", "--json");
        JsonNode j = json(r);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(j.get("person").asText()).isEqualTo("alice");
        assertThat(j.get("beats_used").asInt()).isPositive();
    }

    @Test
    void anUnknownQualityGateIsAUsageErrorBeforeTheRecordIsRead() {
        CliRun r = CliRun.of("identify", "--model", model.toString(), "--templates", people.toString(),
                "--key-file", keyFile.toString(), "--input", dir.resolve("missing.csv").toString(), "--quality-gate",
                "strict");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--quality-gate must be full, recurring, amplitude or off, got strict")
                .doesNotContain("missing.csv");
    }

    @Test
    void aThresholdOutsideMinusOneToOneIsAUsageError() {
        CliRun r = CliRun.of("identify", "--model", model.toString(), "--templates", people.toString(),
                "--key-file", keyFile.toString(), "--input", recording("person01_session2.csv"), "--threshold", "1.5");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--threshold must be a cosine in [-1, 1], got 1.5");
    }

    @Test
    void aBinaryKeyFileWorksAsWellAsATextOne() throws Exception {
        Path binaryKey = dir.resolve("binary-key");
        byte[] key = new byte[32];
        new java.util.Random(3).nextBytes(key);
        key[31] = (byte) 0xff; // not UTF-8
        Files.write(binaryKey, key);
        Path store = dir.resolve("binary.ecgt");
        CliRun enroll = CliRun.of("enroll", "--model", model.toString(), "--templates", store.toString(),
                "--key-file", binaryKey.toString(), "--person", "erin", "--input", recording("person01_session1.csv"));
        assertThat(enroll.exit()).as(enroll.err()).isZero();
        CliRun verify = CliRun.of("verify", "--model", model.toString(), "--templates", store.toString(),
                "--key-file", binaryKey.toString(), "--claim", "erin", "--input", recording("person01_session2.csv"));
        assertThat(verify.exit()).as(verify.err()).isZero();
    }

    @Test
    void enrollWithoutAStoreIsAUsageError() {
        CliRun r = CliRun.of("enroll", "--model", model.toString(), "--person", "x", "--input",
                recording("person01_session1.csv"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--templates");
    }

    @Test
    void twoEnrollmentsIntoOneStoreAtOnceBothLand() throws Exception {
        Path store = dir.resolve("together.ecgt");
        java.util.concurrent.CompletableFuture<CliRun> carol = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> CliRun.of("enroll", "--model", model.toString(), "--templates", store.toString(), "--key-file",
                        keyFile.toString(), "--person", "carol", "--input", recording("person01_session1.csv")));
        CliRun dave = CliRun.of("enroll", "--model", model.toString(), "--templates", store.toString(), "--key-file",
                keyFile.toString(), "--person", "dave", "--input", recording("person02_session1.csv"));
        assertThat(dave.exit()).as(dave.err()).isZero();
        assertThat(carol.get().exit()).as(carol.get().err()).isZero();
        byte[] key = Files.readString(keyFile).strip().getBytes(StandardCharsets.UTF_8);
        assertThat(TemplateStore.read(store, key)).extracting(t -> t.personId())
                .containsExactlyInAnyOrder("carol", "dave");
    }

    @Test
    void streamReadsTheStoreKeyFromAKeyFile() throws Exception {
        Path otherKey = dir.resolve("stream-other-key");
        Files.writeString(otherKey, "another-32-byte-secret-for-tests");
        ownerOnly(otherKey);
        String port = dir.resolve("ttyNothing").toString();
        CliRun wrong = CliRun.of("stream", "--port", port, "--identify", "--model", model.toString(), "--templates",
                people.toString(), "--key-file", otherKey.toString());
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("integrity check").contains("people.ecgt");
        // with the right key the store opens, and the stream gets as far as the (missing) port
        CliRun right = CliRun.of("stream", "--port", port, "--identify", "--model", model.toString(), "--templates",
                people.toString(), "--key-file", keyFile.toString());
        assertThat(right.exit()).isEqualTo(1);
        assertThat(right.err()).contains("cannot open serial port " + port).doesNotContain("integrity");
    }

    /** A copy of a session with seeded white noise far above its QRS amplitude added to the ADC counts. */
    private static String noisyCopy(String file) throws Exception {
        java.util.List<String> lines = Files.readAllLines(Path.of(recording(file)));
        java.util.Random rnd = new java.util.Random(5);
        StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            f[1] = Long.toString(Long.parseLong(f[1].trim()) + Math.round(60_000 * rnd.nextGaussian()));
            out.append(String.join(",", f)).append('\n');
        }
        Path noisy = dir.resolve("noisy-" + file);
        Files.writeString(noisy, out);
        return noisy.toString();
    }

    @Test
    void identifyRefusesARecordingTooNoisyToDecideOnAndSaysWhy() throws Exception {
        CliRun r = CliRun.of("identify", "--model", model.toString(), "--templates", people.toString(),
                "--key-file", keyFile.toString(), noisyCopy("person01_session2.csv"), "--json");
        JsonNode j = json(r);
        assertThat(r.exit()).isZero();
        assertThat(j.get("too_noisy").asBoolean()).as(r.out()).isTrue();
        assertThat(j.get("unknown").asBoolean()).isTrue();
        assertThat(j.get("person").isNull()).isTrue();
        assertThat(j.get("reason").asText()).startsWith("signal too noisy").contains("passed the quality gate");
    }

    @Test
    void verifyRejectsARecordingTooNoisyToScore() throws Exception {
        CliRun r = CliRun.of("verify", "--model", model.toString(), "--templates", people.toString(),
                "--key-file", keyFile.toString(), noisyCopy("person02_session2.csv"), "--claim", "bob");
        assertThat(r.exit()).isEqualTo(VerifyCommand.EXIT_REJECTED);
        assertThat(r.out()).startsWith("rejected: 'bob' not scored, signal too noisy");
    }
}
