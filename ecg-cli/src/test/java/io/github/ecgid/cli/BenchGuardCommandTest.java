package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BenchGuardCommandTest {

    @Test
    void reportsBothEnginesTailsAndTheBatchRateOnEveryCore() throws Exception {
        CliRun r = CliRun.of("bench-guard", "--seconds", "0.3", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("pure_java").get("p99_us").asDouble()).isPositive();
        assertThat(j.get("onnx_runtime").get("p99_us").asDouble()).isPositive();
        assertThat(j.get("batch_threads").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(j.get("batch_beats_per_second").asDouble()).isPositive();
        assertThat(j.has("within_budget")).isTrue(); // the verdict itself is timing: CI checks it, not a unit test
    }
}
