package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ecgid.cli.bench.BenchResult;
import io.github.ecgid.cli.bench.MachineBench;
import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.nn.CnnWeights;
import io.github.ecgid.model.nn.SimdSupport;
import io.github.ecgid.model.onnx.ModelProvenance;
import io.github.ecgid.model.onnx.OnnxModel;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecgid bench-guard [--json]}: a short latency check of single-beat inference on both engines that fails
 * (exit 1) when p99 exceeds the origin's 10 ms budget. A guard against gross regressions on any machine, not a
 * measurement: the figures in docs/performance.md come from the JMH suite in ecg-benchmarks.
 */
@Command(name = "bench-guard", mixinStandardHelpOptions = true,
        description = {"Measure single-beat inference latency on both engines for a few seconds each and exit 1 "
            + "when p99 exceeds the budget (default 10 ms, the origin's claim)."})
final class BenchGuardCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--budget-ms", defaultValue = "10", description = "p99 budget per beat (default: ${DEFAULT-VALUE})")
    double budgetMs;

    @Option(names = "--seconds", defaultValue = "5", description = "measured seconds per engine, after as many of "
            + "warm-up (default: ${DEFAULT-VALUE}; at most 25)")
    double seconds;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0 && seconds <= 25)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be in (0, 25]");
        }
        OnnxModel model = OnnxModel.export(CnnWeights.heInitialized(6, 7), ModelProvenance.builder()
                .classLabels(List.of("a", "b", "c", "d", "e", "f")).samplingRateHz(250).build());
        Random r = new Random(1);
        float[] beat = new float[BeatClassifier.BEAT_LENGTH];
        for (int i = 0; i < beat.length; i++) {
            beat[i] = (float) r.nextGaussian();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("budget_ms", budgetMs);
        boolean ok = true;
        double batchRate = 0;
        // throughput is a machine figure: every core, one batch of 256 per thread (the "on 2 cores")
        int batchThreads = Runtime.getRuntime().availableProcessors();
        for (Engine engine : Engine.concrete()) {
            try (BeatClassifier c = BeatClassifier.open(model, engine)) {
                MachineBench.latencies(c, beat, seconds); // warm-up: JIT and ONNX Runtime's first-call costs
                double[] us = MachineBench.latencies(c, beat, seconds);
                Arrays.sort(us);
                double p50 = BenchResult.Latency.percentile(us, 0.50);
                double p99 = BenchResult.Latency.percentile(us, 0.99);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("p50_us", p50);
                e.put("p99_us", p99);
                e.put("samples", us.length);
                if (engine == Engine.PURE_JAVA) {
                    e.put("simd", SimdSupport.active());
                    e.put("kernels", SimdSupport.description());
                }
                result.put(engine == Engine.PURE_JAVA ? "pure_java" : "onnx_runtime", e);
                ok &= p99 <= budgetMs * 1000;
                if (engine == Engine.ONNX_RUNTIME) {
                    batchRate = MachineBench.batchRate(c, batchThreads, 2.0, r);
                }
            }
        }
        result.put("batch_beats_per_second", batchRate);
        result.put("batch_threads", batchThreads);
        try (BeatClassifier c = BeatClassifier.open(model, Engine.AUTO)) {
            result.put("auto_engine", c.engine().cliName()); // what the library's default runs in this JVM
        }
        result.put("within_budget", ok);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            for (String k : List.of("pure_java", "onnx_runtime")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> e = (Map<String, Object>) result.get(k);
                out.printf(Locale.ROOT, "%-13s p50 %8.1f us  p99 %8.1f us  (%d calls)%n", k, e.get("p50_us"),
                        e.get("p99_us"), e.get("samples"));
            }
            out.println("pure_java kernels: " + SimdSupport.description());
            out.println("default engine (auto): " + result.get("auto_engine"));
            out.printf(Locale.ROOT, "batch of 256 on ONNX Runtime, %d threads: %.0f beats/s%n", batchThreads,
                    batchRate);
            out.printf(Locale.ROOT, "budget p99 <= %.1f ms: %s%n", budgetMs, ok ? "OK" : "EXCEEDED");
        }
        out.flush();
        return ok ? 0 : 1;
    }
}
