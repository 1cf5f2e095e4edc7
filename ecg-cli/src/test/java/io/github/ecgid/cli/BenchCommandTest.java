package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.cli.bench.MachineBench;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @TempDir
    static Path dir;

    private static CliRun run;
    private static JsonNode json;

    @BeforeAll
    static void benchOnce() throws Exception {
        run = CliRun.of("bench", "--seconds", "0.05", "--out", dir.resolve("out").toString(), "--json");
        json = new ObjectMapper().readTree(Files.readString(dir.resolve("out/bench.json")));
    }

    @Test
    void writesBothFilesAndPrintsTheSameJson() throws Exception {
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(dir.resolve("out/bench.html")).isRegularFile();
        assertThat(new ObjectMapper().readTree(run.out())).isEqualTo(json);
        assertThat(run.err()).contains("bench: single-beat latency, pure_java");
    }

    @Test
    void reportsMachineJvmAndSimd() {
        JsonNode m = json.get("machine");
        assertThat(m.get("cpu_model").asText()).isNotBlank();
        assertThat(m.get("processors").asInt()).isPositive();
        assertThat(m.get("jvm_version").asText()).isNotBlank();
        assertThat(m.get("jvm_vendor").asText()).isNotBlank();
        assertThat(json.get("simd").get("kernels").asText()).isNotBlank();
        assertThat(json.get("simd").get("float_lanes").asInt()).isNotNegative();
        assertThat(json.get("simd").has("active")).isTrue();
        assertThat(json.get("auto_engine").asText()).isIn("pure_java", "onnx_runtime");
        assertThat(json.get("budget_ms").asDouble()).isEqualTo(10.0);
    }

    @Test
    void givesLatencyPercentilesAndAHistogramForEachConcreteEngine() {
        for (String engine : new String[] {"pure_java", "onnx_runtime"}) {
            JsonNode l = json.get("latency").get(engine);
            assertThat(l).as(engine).isNotNull();
            for (String k : new String[] {"p50_us", "p90_us", "p99_us", "p999_us", "max_us", "mean_us"}) {
                assertThat(l.get(k).asDouble()).as(engine + " " + k).isPositive();
            }
            assertThat(l.get("p50_us").asDouble()).isLessThanOrEqualTo(l.get("p99_us").asDouble());
            assertThat(l.get("p99_us").asDouble()).isLessThanOrEqualTo(l.get("max_us").asDouble());
            JsonNode h = l.get("histogram");
            long counted = h.get("above_upper_count").asLong();
            for (JsonNode c : h.get("counts")) {
                counted += c.asLong();
            }
            assertThat(counted).as("every call is in the histogram").isEqualTo(l.get("samples").asLong());
            assertThat(h.get("bin_width_us").asDouble()).isPositive();
        }
    }

    @Test
    void givesBatchThroughputForOneAndTwoThreadsOnEachEngine() {
        assertThat(json.get("batch").get("batch_size").asInt()).isEqualTo(MachineBench.BATCH_SIZE);
        for (String engine : new String[] {"pure_java", "onnx_runtime"}) {
            JsonNode rows = json.get("batch").get(engine);
            assertThat(rows.size()).as(engine).isGreaterThanOrEqualTo(2);
            assertThat(rows.get(0).get("threads").asInt()).isEqualTo(1);
            assertThat(rows.get(1).get("threads").asInt()).isEqualTo(2);
            for (JsonNode r : rows) {
                assertThat(r.get("beats_per_second").asDouble()).isPositive();
                assertThat(r.get("us_per_beat").asDouble()).isPositive();
            }
        }
    }

    @Test
    void givesPipelineStageSpeedsAndOneTrainingEpoch() {
        JsonNode stages = json.get("pipeline").get("stages");
        assertThat(stages).extracting(s -> s.get("stage").asText()).containsExactly("preprocess_seed_chain",
                "detect_pan_tompkins", "segment_beats", "beat_pipeline");
        for (JsonNode s : stages) {
            assertThat(s.get("msamples_per_second").asDouble()).isPositive();
            assertThat(s.get("us_per_beat").asDouble()).isPositive();
            assertThat(s.get("beats").asInt()).isPositive();
        }
        JsonNode t = json.get("training");
        assertThat(t.get("epoch_seconds").asDouble()).isPositive();
        assertThat(t.get("first_epoch_seconds").asDouble()).isPositive();
        assertThat(t.get("training_beats").asInt()).isPositive();
        assertThat(t.get("training_beats_per_second").asDouble()).isPositive();
        assertThat(json.get("wall_seconds").asDouble()).isPositive();
        assertThat(json.has("within_budget")).isTrue();
    }

    @Test
    void writesASelfContainedPageWithInlineSvg() throws Exception {
        String html = Files.readString(dir.resolve("out/bench.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "pure_java", "onnx_runtime",
                "Batch throughput", "Pipeline stages", "One training epoch", "10.0 ms");
        // the SVG namespace is a name, not a request; nothing else may point off the page
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
                .doesNotContain("http://", "https://", "<script", "<link");
    }

    @Test
    void refusesAWindowOutsideItsRange() {
        CliRun r = CliRun.of("bench", "--seconds", "0", "--out", dir.resolve("never").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--seconds must be in (0, 15]");
        assertThat(dir.resolve("never/bench.json")).doesNotExist();
    }
}
