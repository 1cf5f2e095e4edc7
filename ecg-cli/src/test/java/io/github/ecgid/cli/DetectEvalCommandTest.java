package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.synth.Noise;
import io.github.ecgid.core.synth.PersonProfile;
import io.github.ecgid.core.synth.SyntheticEcg;
import io.github.ecgid.core.synth.SyntheticRecording;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectEvalCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** A one-lead 360 Hz WFDB record (format 16) with an MIT-format .atr marking every true R-peak as N. */
    private static int writeRecord(Path folder, String name) throws IOException {
        return writeRecord(folder, name, 0, 0);
    }

    /** The same, with {@code invalid} samples from {@code at} written as WFDB's missing-value code -32768. */
    private static int writeRecord(Path folder, String name, int at, int invalid) throws IOException {
        SyntheticRecording syn = SyntheticEcg.builder().samplingRateHz(360).durationSeconds(30)
                .person(PersonProfile.of(1, 5)).sessionSeed(3).heartRateBpm(75).noise(Noise.realistic()).build()
                .generate();
        double[] mv = syn.signalMv();
        ByteBuffer dat = ByteBuffer.allocate(2 * mv.length).order(ByteOrder.LITTLE_ENDIAN);
        int checksum = 0;
        for (int i = 0; i < mv.length; i++) {
            double v = mv[i];
            short adc = i >= at && i < at + invalid ? Short.MIN_VALUE : (short) Math.round(v * 200);
            dat.putShort(adc);
            checksum += adc;
        }
        Files.write(folder.resolve(name + ".dat"), dat.array());
        String header = name + " 1 360 " + mv.length + "\n" + name + ".dat 16 200 16 0 " + Math.round(mv[0] * 200)
                + " " + (short) checksum + " 0 MLII\n";
        Files.writeString(folder.resolve(name + ".hea"), header, StandardCharsets.US_ASCII);
        int[] r = syn.rPeakSamples();
        ByteBuffer atr = ByteBuffer.allocate(2 * r.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        int last = 0;
        for (int s : r) {
            int diff = s - last;
            if (diff > 1023) {
                throw new IllegalStateException("test record needs SKIP annotations");
            }
            atr.putShort((short) ((1 << 10) | diff)); // code 1 = N
            last = s;
        }
        atr.putShort((short) 0);
        Files.write(folder.resolve(name + ".atr"), atr.array());
        Files.writeString(folder.resolve("RECORDS"), name + "\n", StandardCharsets.US_ASCII);
        return r.length;
    }

    @Test
    void scoresEveryBeatOfAnAnnotatedRecordAndPrintsTheAgreedJson() throws Exception {
        int beats = writeRecord(dir, "syn");

        CliRun r = run("detect-eval", "--db", dir.toString(), "--preprocess", "none", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("detector").asText()).isEqualTo("pan-tompkins");
        assertThat(j.get("tolerance_ms").asInt()).isEqualTo(150);
        JsonNode rec = j.get("records").get(0);
        assertThat(rec.get("record").asText()).isEqualTo("syn");
        assertThat(rec.get("bsqi").asDouble()).isGreaterThan(0.98).isLessThanOrEqualTo(1.0);
        assertThat(rec.get("bsqi_min_window").asDouble()).isLessThanOrEqualTo(rec.get("bsqi").asDouble() + 1e-9);
        assertThat(rec.has("bsqi_windows_below_0_9")).isTrue();
        assertThat(rec.get("tp").asInt()).isEqualTo(beats);
        assertThat(rec.get("f1").asDouble()).isEqualTo(1.0);
        JsonNode total = j.get("total");
        assertThat(total.get("samples").asLong()).isEqualTo(30 * 360);
        for (String k : new String[] {"tp", "fp", "fn", "se", "ppv", "f1", "read_seconds", "preprocess_seconds",
            "detect_seconds"}) {
            assertThat(total.has(k)).as(k).isTrue();
        }
    }

    @Test
    void theSeedChainDefaultScoresEveryBeatFromTheFirstSecondToTheLast() throws Exception {
        int beats = writeRecord(dir, "syn");

        CliRun r = run("detect-eval", "--db", dir.toString(), "--detector", "hamilton", "--tolerance-ms", "50", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("trim_seconds").asDouble()).isZero();
        JsonNode total = j.get("total");
        assertThat(total.get("f1").asDouble()).isEqualTo(1.0);
        assertThat(total.get("tp").asInt()).isEqualTo(beats);
    }

    @Test
    void theRobustDetectorIsSelectableByNameAndScoresEveryBeat() throws Exception {
        int beats = writeRecord(dir, "syn");

        CliRun r = run("detect-eval", "--db", dir.toString(), "--detector", "robust", "--tolerance-ms", "50", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("detector").asText()).isEqualTo("robust");
        assertThat(j.get("total").get("tp").asInt()).isEqualTo(beats);
        assertThat(j.get("total").get("f1").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aTrimLeavesTheTrimmedSecondsUnscored() throws Exception {
        int beats = writeRecord(dir, "syn");

        CliRun r = run("detect-eval", "--db", dir.toString(), "--trim-seconds", "1", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode total = new ObjectMapper().readTree(r.out()).get("total");
        assertThat(total.get("tp").asInt()).isLessThan(beats).isGreaterThan(beats - 5);
        assertThat(total.get("f1").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aPerLeadAnnotatorAndANamedLeadAreScoredLikeLudb() throws Exception {
        int beats = writeRecord(dir, "syn");
        Files.move(dir.resolve("syn.atr"), dir.resolve("syn.mlii"));

        CliRun r = run("detect-eval", "--db", dir.toString(), "--annotator", "mlii", "--lead", "MLII",
                "--annotated-span-only", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("annotator").asText()).isEqualTo("mlii");
        assertThat(j.get("lead").asText()).isEqualTo("MLII");
        assertThat(j.get("annotated_span_only").asBoolean()).isTrue();
        assertThat(j.get("total").get("tp").asInt()).isEqualTo(beats);
    }

    @Test
    void aLeadTheRecordLacksIsBadInputNamingTheLeadsItHas() throws Exception {
        writeRecord(dir, "syn");

        CliRun r = run("detect-eval", "--db", dir.toString(), "--lead", "ii");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("'ii'").contains("[MLII]");
    }

    @Test
    void aMissingAnnotatorFileIsBadInputNamingTheOption() throws Exception {
        writeRecord(dir, "syn");

        CliRun r = run("detect-eval", "--db", dir.toString(), "--annotator", "qrs");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("qrs");
    }

    @Test
    void aShortRunOfWfdbInvalidSamplesIsBridgedByDefaultAndSaidSo() throws Exception {
        writeRecord(dir, "syn", 3600, 36); // 0.1 s of -32768

        CliRun r = run("detect-eval", "--db", dir.toString(), "--json");
        CliRun table = run("detect-eval", "--db", dir.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("records").get(0).get("bridged_gaps").asInt()).isEqualTo(1);
        assertThat(j.get("records").get(0).get("bridged_samples").asInt()).isEqualTo(36);
        assertThat(j.get("total").get("bridged_samples").asInt()).isEqualTo(36);
        assertThat(table.err()).contains("bridged 1 run(s) of invalid samples (36 samples");
    }

    @Test
    void aLongRunOfWfdbInvalidSamplesIsRefusedNamingTheCliOption() throws Exception {
        writeRecord(dir, "syn", 3600, 360); // 1 s of -32768

        CliRun r = run("detect-eval", "--db", dir.toString());
        CliRun wide = run("detect-eval", "--db", dir.toString(), "--max-gap-seconds", "2", "--json");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("syn").contains("360 invalid samples").contains("sample 3600")
                .contains("--max-gap-seconds").doesNotContain("interpolateGapsUpTo");
        assertThat(wide.exit()).as(wide.err()).isZero();
    }

    @Test
    void unknownDetectorIsAUsageError() throws Exception {
        writeRecord(dir, "syn");

        CliRun r = run("detect-eval", "--db", dir.toString(), "--detector", "xqrs");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("pan-tompkins");
    }

    @Test
    void missingDatabaseFolderIsBadInputWithOneLine() {
        CliRun r = run("detect-eval", "--db", dir.resolve("nope").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("not found").contains("nope");
    }
}
