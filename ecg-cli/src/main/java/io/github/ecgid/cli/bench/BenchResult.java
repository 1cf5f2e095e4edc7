package io.github.ecgid.cli.bench;

import io.github.ecgid.report.BenchPage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link MachineBench} measured, as the JSON tree of {@code bench.json} ({@link #toJson()}) and the page of
 * {@code bench.html} ({@link #toPage()}). Units are in the key names.
 *
 * @param seconds      the measuring window of one single-beat latency run
 * @param budgetMs     the single-beat budget the figures are compared with
 * @param autoEngine   the engine {@code Engine.AUTO} picks in this JVM
 * @param wallSeconds  how long the whole run took
 */
public record BenchResult(double seconds, double budgetMs, Machine machine, Simd simd, String autoEngine,
                          List<Latency> latency, List<Throughput> batch, List<Stage> stages, Training training,
                          double wallSeconds) {

    /** CPU, OS and JVM; {@code loadAverage1m} is the system load when the run started (negative if unknown). */
    public record Machine(String cpuModel, int processors, String os, String arch, String jvmVendor,
                          String jvmVersion, String jvmName, long maxHeapMib, double loadAverage1m) {
    }

    /** The pure-Java kernels: SIMD or scalar, and the preferred float species' lanes (0 without the module). */
    public record Simd(boolean active, String kernels, int floatLanes, boolean vectorModuleResolved) {
    }

    /**
     * Single-beat {@code predict} latency of one engine. The histogram covers {@code [lowerUs, upperUs]} in equal
     * bins, from the fastest call to 1.5 × p99 (or the slowest call if sooner), so that one scheduling stall does not
     * flatten it; slower calls are counted in {@code aboveCount}.
     */
    public record Latency(String engine, int samples, double meanUs, double p50Us, double p90Us, double p99Us,
                          double p999Us, double maxUs, double histogramLowerUs, double histogramUpperUs,
                          double histogramBinWidthUs,
                          long[] histogramCounts, long aboveCount) {

        static Latency of(String engine, double[] us, int bins) {
            double[] s = us.clone();
            Arrays.sort(s);
            double mean = Arrays.stream(s).average().orElse(0);
            double lower = s[0];
            double p99 = percentile(s, 0.99);
            double upper = Math.min(s[s.length - 1], 1.5 * p99);
            double width = Math.max(1e-3, (upper - lower) / bins);
            long[] counts = new long[bins];
            long above = 0;
            for (double v : s) {
                int b = (int) ((v - lower) / width);
                if (v > upper) {
                    above++;
                } else {
                    counts[Math.min(bins - 1, b)]++;
                }
            }
            return new Latency(engine, s.length, mean, percentile(s, 0.50), percentile(s, 0.90),
                    p99, percentile(s, 0.999), s[s.length - 1], lower, upper, width, counts, above);
        }

        /** Nearest-rank percentile of sorted values. */
        public static double percentile(double[] sorted, double q) {
            int idx = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
        }
    }

    /** Batch inference throughput: {@code threads} threads each calling {@code predictBatch} on its own batch. */
    public record Throughput(String engine, int threads, double beatsPerSecond) {
        /** Wall time per beat at this throughput. */
        public double usPerBeat() {
            return 1e6 / beatsPerSecond;
        }
    }

    /** One pipeline stage on {@code samples} samples holding {@code beats} R-peaks. */
    public record Stage(String stage, int samples, int beats, double msamplesPerSecond, double usPerBeat) {
    }

    /** One training epoch (validation included) on a fixed synthetic set; the second, warm epoch is reported. */
    public record Training(int trainingBeats, int validationBeats, int classes, int batchSize, int threads,
                           double firstEpochSeconds, double epochSeconds) {
    }

    /** Whether every engine's single-beat p99 is within the budget. */
    public boolean withinBudget() {
        return latency.stream().allMatch(l -> l.p99Us() <= budgetMs * 1000);
    }

    /** The {@code bench.json} tree: plain maps, lists, strings and numbers. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", seconds);
        m.put("budget_ms", budgetMs);
        Map<String, Object> mc = new LinkedHashMap<>();
        mc.put("cpu_model", machine.cpuModel());
        mc.put("processors", machine.processors());
        mc.put("os", machine.os());
        mc.put("arch", machine.arch());
        mc.put("jvm_vendor", machine.jvmVendor());
        mc.put("jvm_version", machine.jvmVersion());
        mc.put("jvm_name", machine.jvmName());
        mc.put("max_heap_mib", machine.maxHeapMib());
        mc.put("load_average_1m", machine.loadAverage1m());
        m.put("machine", mc);
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("active", simd.active());
        sm.put("kernels", simd.kernels());
        sm.put("float_lanes", simd.floatLanes());
        sm.put("vector_module_resolved", simd.vectorModuleResolved());
        m.put("simd", sm);
        m.put("auto_engine", autoEngine);
        Map<String, Object> lat = new LinkedHashMap<>();
        for (Latency l : latency) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("samples", l.samples());
            e.put("mean_us", l.meanUs());
            e.put("p50_us", l.p50Us());
            e.put("p90_us", l.p90Us());
            e.put("p99_us", l.p99Us());
            e.put("p999_us", l.p999Us());
            e.put("max_us", l.maxUs());
            e.put("p99_budget_share", l.p99Us() / (budgetMs * 1000));
            e.put("within_budget", l.p99Us() <= budgetMs * 1000);
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("lower_us", l.histogramLowerUs());
            h.put("upper_us", l.histogramUpperUs());
            h.put("bin_width_us", l.histogramBinWidthUs());
            h.put("counts", l.histogramCounts());
            h.put("above_upper_count", l.aboveCount());
            e.put("histogram", h);
            lat.put(l.engine(), e);
        }
        m.put("latency", lat);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("batch_size", MachineBench.BATCH_SIZE);
        for (Throughput t : batch) {
            @SuppressWarnings("unchecked")
            List<Object> rows = (List<Object>) b.computeIfAbsent(t.engine(), k -> new ArrayList<>());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("threads", t.threads());
            row.put("beats_per_second", t.beatsPerSecond());
            row.put("us_per_beat", t.usPerBeat());
            rows.add(row);
        }
        m.put("batch", b);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sampling_rate_hz", MachineBench.SAMPLING_RATE_HZ);
        p.put("signal_seconds", MachineBench.SIGNAL_SECONDS);
        List<Object> st = new ArrayList<>();
        for (Stage s : stages) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", s.stage());
            row.put("samples", s.samples());
            row.put("beats", s.beats());
            row.put("msamples_per_second", s.msamplesPerSecond());
            row.put("us_per_beat", s.usPerBeat());
            row.put("budget_share", s.usPerBeat() / (budgetMs * 1000));
            st.add(row);
        }
        p.put("stages", st);
        m.put("pipeline", p);
        Map<String, Object> tr = new LinkedHashMap<>();
        tr.put("training_beats", training.trainingBeats());
        tr.put("validation_beats", training.validationBeats());
        tr.put("classes", training.classes());
        tr.put("batch_size", training.batchSize());
        tr.put("threads", training.threads());
        tr.put("first_epoch_seconds", training.firstEpochSeconds());
        tr.put("epoch_seconds", training.epochSeconds());
        tr.put("training_beats_per_second", training.trainingBeats() / training.epochSeconds());
        m.put("training", tr);
        m.put("within_budget", withinBudget());
        m.put("wall_seconds", wallSeconds);
        return m;
    }

    /** The one-page {@code bench.html}. */
    public BenchPage toPage() {
        double budgetUs = budgetMs * 1000;
        BenchPage.Builder p = BenchPage.builder("ecgid bench: " + machine.cpuModel());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("CPU", machine.cpuModel() + " (" + machine.arch() + ")");
        facts.put("Processors", Integer.toString(machine.processors()));
        facts.put("OS", machine.os());
        facts.put("JVM", machine.jvmVendor() + " " + machine.jvmName() + " " + machine.jvmVersion());
        facts.put("Max heap", machine.maxHeapMib() + " MiB");
        facts.put("Load average (1 min) at start", machine.loadAverage1m() < 0 ? "unknown"
                : f("%.2f", machine.loadAverage1m()));
        facts.put("Pure-Java kernels", simd.kernels());
        facts.put("Float vector lanes", simd.floatLanes() == 0 ? "none (jdk.incubator.vector not resolved)"
                : Integer.toString(simd.floatLanes()));
        facts.put("Default engine (auto)", autoEngine);
        facts.put("Single-beat budget", f("%.1f ms (p99, every engine): ", budgetMs)
                + (withinBudget() ? "within" : "EXCEEDED"));
        facts.put("Measuring window", f("%.2f s per latency run; whole run %.1f s", seconds, wallSeconds));
        p.facts("Machine and JVM", facts);

        String h = "Single-beat latency";
        List<List<String>> rows = new ArrayList<>();
        for (Latency l : latency) {
            rows.add(List.of(l.engine(), Integer.toString(l.samples()), f("%.1f", l.p50Us()), f("%.1f", l.p90Us()),
                    f("%.1f", l.p99Us()), f("%.1f", l.p999Us()), f("%.1f", l.maxUs()),
                    f("%.2f %%", 100 * l.p99Us() / budgetUs)));
        }
        p.table(h, List.of("engine", "calls", "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "max µs", "p99 of budget"),
                rows);
        for (Latency l : latency) {
            boolean p999Drawn = l.p999Us() <= l.histogramUpperUs();
            p.histogram(h, f("%s: %d calls, %d above %.0f µs not drawn (max %.0f µs)", l.engine(), l.samples(),
                    l.aboveCount(), l.histogramUpperUs(), l.maxUs()), "latency per beat (µs)", l.histogramLowerUs(),
                    l.histogramBinWidthUs(), l.histogramCounts(),
                    p999Drawn ? new double[] {l.p50Us(), l.p99Us(), l.p999Us()} : new double[] {l.p50Us(), l.p99Us()},
                    p999Drawn ? new String[] {"p50", "p99", "p99.9"} : new String[] {"p50", "p99"});
        }

        String hb = "Batch throughput (" + MachineBench.BATCH_SIZE + " beats per call)";
        List<List<String>> brows = new ArrayList<>();
        String[] labels = new String[batch.size()];
        double[] values = new double[batch.size()];
        double max = 0;
        for (int i = 0; i < batch.size(); i++) {
            Throughput t = batch.get(i);
            brows.add(List.of(t.engine(), Integer.toString(t.threads()), f("%.0f", t.beatsPerSecond()),
                    f("%.2f", t.usPerBeat()), f("%.3f %%", 100 * t.usPerBeat() / budgetUs)));
            labels[i] = t.engine() + " ×" + t.threads();
            values[i] = t.beatsPerSecond();
            max = Math.max(max, values[i]);
        }
        p.table(hb, List.of("engine", "threads", "beats/s", "µs per beat", "of budget"), brows);
        p.bars(hb, "Batch throughput by engine and threads", "beats/s", labels, values, max * 1.1);

        String hs = f("Pipeline stages (%.0f s of synthetic ECG at %.0f Hz)", MachineBench.SIGNAL_SECONDS,
                MachineBench.SAMPLING_RATE_HZ);
        List<List<String>> srows = new ArrayList<>();
        String[] slabels = new String[stages.size()];
        double[] svalues = new double[stages.size()];
        double smax = 0;
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            srows.add(List.of(s.stage(), Integer.toString(s.samples()), Integer.toString(s.beats()),
                    f("%.1f", s.msamplesPerSecond()), f("%.2f", s.usPerBeat()),
                    f("%.3f %%", 100 * s.usPerBeat() / budgetUs)));
            slabels[i] = s.stage();
            svalues[i] = s.msamplesPerSecond();
            smax = Math.max(smax, svalues[i]);
        }
        p.table(hs, List.of("stage", "samples", "beats", "M samples/s", "µs per beat", "of budget"), srows);
        p.bars(hs, "Pipeline stage speed", "M samples/s", slabels, svalues, smax * 1.1);

        Map<String, String> tf = new LinkedHashMap<>();
        tf.put("Set", training.trainingBeats() + " training + " + training.validationBeats() + " validation beats of "
                + training.classes() + " synthetic persons");
        tf.put("Settings", "batch " + training.batchSize() + ", " + training.threads() + " thread(s)");
        tf.put("Epoch (warm, second)", f("%.2f s (%.0f training beats/s)", training.epochSeconds(),
                training.trainingBeats() / training.epochSeconds()));
        tf.put("First epoch (cold JIT)", f("%.2f s", training.firstEpochSeconds()));
        p.facts("One training epoch", tf);
        p.note("About these figures", "Synthetic data made in code; each figure is measured once after a warm-up, "
                + "in one JVM, so a busy machine shows in the tails and the throughput. Repeat on an idle machine "
                + "for figures to compare; the JMH suite in ecg-benchmarks gives the documented ones.");
        return p.build();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
