package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.io.PlainCsvWriter;
import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.core.synth.SyntheticRecording;
import io.github.ecgid.model.identify.IdentitySpace;
import io.github.ecgid.model.nn.CnnWeights;
import io.github.ecgid.model.nn.LightweightCnn;
import io.github.ecgid.model.onnx.ModelProvenance;
import io.github.ecgid.model.onnx.OnnxModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandsTest {

    @TempDir
    static Path dir;
    static Path modelFile;
    static Path beatsFile;
    static CnnWeights weights;
    static float[][] beats;

    @BeforeAll
    static void writeModelAndBeats() throws Exception {
        weights = CnnWeights.heInitialized(3, 5);
        modelFile = dir.resolve("m.onnx");
        OnnxModel.export(weights, ModelProvenance.builder().classLabels(List.of("ann", "bob", "cy"))
                .samplingRateHz(250).preprocessing("seed chain").seed(5).build()).write(modelFile);
        SplittableRandom rnd = new SplittableRandom(3);
        beats = new float[4][175];
        StringBuilder csv = new StringBuilder("# four beats\n");
        for (float[] beat : beats) {
            for (int t = 0; t < 175; t++) {
                beat[t] = (float) rnd.nextDouble(-1, 1);
                csv.append(t == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", beat[t]));
                beat[t] = Float.parseFloat(String.format(Locale.ROOT, "%.6f", beat[t]));
            }
            csv.append('\n');
        }
        beatsFile = dir.resolve("beats.csv");
        Files.writeString(beatsFile, csv);
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void modelInfoPrintsParametersClassesAndProvenanceAsJson() throws Exception {
        CliRun r = run("model-info", modelFile.toString(), "--json");
        assertThat(r.exit()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("parameters").asInt()).isEqualTo(LightweightCnn.parameterCount(3));
        assertThat(j.get("classes").toString()).isEqualTo("[\"ann\",\"bob\",\"cy\"]");
        assertThat(j.get("provenance").get("samplingRateHz").asDouble()).isEqualTo(250.0);
        assertThat(j.get("provenance").get("preprocessing").asText()).isEqualTo("seed chain");
        assertThat(j.get("opset").asInt()).isEqualTo(13);
    }

    @Test
    void modelInfoSaysWhatOpenSetComparesAndTheTemplateSize() throws Exception {
        SplittableRandom rnd = new SplittableRandom(9);
        float[][] emb = new float[40][64];
        float[][] beat = new float[40][175];
        int[] person = new int[40];
        for (int i = 0; i < 40; i++) {
            person[i] = i % 4;
            for (int d = 0; d < 64; d++) {
                emb[i][d] = (float) rnd.nextGaussian();
            }
            for (int t = 0; t < 175; t++) {
                beat[i][t] = (float) rnd.nextGaussian();
            }
        }
        Path withSpace = dir.resolve("with-space.onnx");
        IdentitySpace.fit(emb, beat, person).attachTo(OnnxModel.read(modelFile)).write(withSpace);

        JsonNode j = new ObjectMapper().readTree(run("model-info", withSpace.toString(), "--json").out());
        assertThat(j.get("identity_space").get("components").asInt()).isEqualTo(20);
        assertThat(j.get("identity_space").get("template_values").asInt()).isEqualTo(84);
        assertThat(new ObjectMapper().readTree(run("model-info", modelFile.toString(), "--json").out())
                .get("identity_space").isNull()).isTrue();
        assertThat(run("model-info", withSpace.toString()).out()).contains("templates of 84 values");
    }

    @Test
    void modelInfoTextNamesTheArchitecture() {
        CliRun r = run("model-info", modelFile.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Conv1d(1->32,k7,pad3)").contains("ann, bob, cy")
                .contains(String.format("%,d trainable", LightweightCnn.parameterCount(3)));
    }

    @Test
    void predictGivesTheSameAnswerOnBothEngines() throws Exception {
        LightweightCnn cnn = new LightweightCnn(weights);
        for (String engine : List.of("pure-java", "onnx-runtime")) {
            CliRun r = run("predict", "--model", modelFile.toString(), "--input", beatsFile.toString(),
                    "--engine", engine, "--json");
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertThat(j.get("engine").asText()).isEqualTo(engine);
            assertThat(j.get("beats")).hasSize(4);
            for (int b = 0; b < 4; b++) {
                JsonNode beat = j.get("beats").get(b);
                float[] expected = cnn.predict(beats[b]).logits();
                assertThat(beat.get("logits")).hasSize(3);
                assertThat(beat.get("embedding")).hasSize(64);
                for (int c = 0; c < 3; c++) {
                    assertThat(beat.get("logits").get(c).asDouble()).isCloseTo(expected[c],
                            org.assertj.core.data.Offset.offset(1e-4));
                }
                double sum = 0;
                for (JsonNode p : beat.get("probabilities")) {
                    sum += p.asDouble();
                }
                assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void predictCutsBeatsFromARecordAndReportsTheirRPeaks() throws Exception {
        SyntheticRecording rec = SyntheticCohort.of(1, 3).withDurationSeconds(20).recording(1, 1);
        Path csv = dir.resolve("record.csv");
        PlainCsvWriter.write(rec.record(), csv);
        CliRun r = run("predict", "--model", modelFile.toString(), "--input", csv.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode beatsOut = new ObjectMapper().readTree(r.out()).get("beats");
        // the seed chain trims 1 s at each end and the window needs 0.25 s / 0.45 s around R
        assertThat(beatsOut.size()).isBetween(rec.beatCount() - 6, rec.beatCount());
        int[] truth = rec.rPeakSamples();
        for (JsonNode b : beatsOut) {
            int r0 = b.get("rPeakSample").asInt();
            int nearest = Integer.MAX_VALUE;
            for (int t : truth) {
                nearest = Math.min(nearest, Math.abs(t - r0));
            }
            assertThat(nearest).as("R-peak at %d", r0).isLessThanOrEqualTo(10); // 40 ms at 250 Hz
            assertThat(b.get("embedding")).hasSize(64);
        }
    }

    @Test
    void predictReportsTheLineOfAShortBeat() throws Exception {
        Path bad = dir.resolve("short.csv");
        Files.writeString(bad, Files.readString(beatsFile) + "1,2,3\n");
        CliRun r = run("predict", "--model", modelFile.toString(), "--input", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("short.csv, line 6").contains("has 3 values");
    }

    @Test
    void predictRejectsNaNWithItsPlace() throws Exception {
        Path bad = dir.resolve("nan.csv");
        Files.writeString(bad, "NaN" + ",0".repeat(174) + "\n");
        CliRun r = run("predict", "--model", modelFile.toString(), "--input", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("line 1").contains("column 1");
    }

    @Test
    void corruptModelIsABadInputNotACrash() throws Exception {
        Path corrupt = dir.resolve("corrupt.onnx");
        byte[] bytes = Files.readAllBytes(modelFile);
        Files.write(corrupt, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun r = run("model-info", corrupt.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("ecgid: ").contains("corrupt.onnx").doesNotContain("\tat ");
    }

    @Test
    void unknownEngineIsAUsageError() {
        CliRun r = run("predict", "--model", modelFile.toString(), "--input", beatsFile.toString(), "--engine", "gpu");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("pure-java or onnx-runtime");
    }
}
