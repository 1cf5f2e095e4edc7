package io.github.ecgid.cli.bench;

import io.github.ecgid.core.synth.Noise;
import io.github.ecgid.core.synth.PersonProfile;
import io.github.ecgid.core.synth.SyntheticEcg;
import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.Engine;
import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.model.nn.CnnTrainer;
import io.github.ecgid.model.nn.CnnWeights;
import io.github.ecgid.model.nn.SimdSupport;
import io.github.ecgid.model.nn.TrainingListener;
import io.github.ecgid.model.nn.TrainingOptions;
import io.github.ecgid.model.nn.TrainingSet;
import io.github.ecgid.model.onnx.ModelProvenance;
import io.github.ecgid.model.onnx.OnnxModel;
import io.github.ecgid.signal.beat.BeatSegmenter;
import io.github.ecgid.signal.beat.QualityGate;
import io.github.ecgid.signal.detect.RPeakDetector;
import io.github.ecgid.signal.detect.RPeakDetectors;
import io.github.ecgid.signal.preprocess.Preprocessor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Measures ecgid on the machine it runs on, on synthetic data made in code: single-beat latency on each concrete
 * {@link Engine}, batch throughput by thread count, the signal pipeline's stages and one training epoch, each
 * warmed up before it is timed. {@code seconds} is the measuring window of one single-beat latency run; the other
 * windows are fractions of it, so the whole run takes about {@code 6 × seconds} plus a few seconds of fixed work
 * on a 2-core machine.
 *
 * <pre>{@code
 * BenchResult r = new MachineBench(5, System.err::println).run();
 * }</pre>
 */
public final class MachineBench {
    /** The origin's single-beat budget, ms. */
    public static final double BUDGET_MS = 10;
    /** Beats per {@link BeatClassifier#predictBatch} call in the throughput runs. */
    public static final int BATCH_SIZE = 256;
    static final double SAMPLING_RATE_HZ = 250;
    static final double SIGNAL_SECONDS = 300;
    static final int TRAINING_PERSONS = 6;
    static final double TRAINING_SECONDS_PER_PERSON = 60;
    static final double VALIDATION_SECONDS_PER_PERSON = 20;
    static final int HISTOGRAM_BINS = 50;
    /** Fewest warm-up calls of one engine: C2 must have compiled the kernels (the Vector API's above all). */
    static final int WARMUP_CALLS = 3000;
    /** Fewest warm-up runs of one pipeline stage. */
    static final int WARMUP_RUNS = 30;
    /** Longest warm-up of one step, whatever the minimum count, seconds. */
    static final double WARMUP_CAP_SECONDS = 20;

    private final double seconds;
    private final Consumer<String> progress;

    /**
     * @param seconds  measuring window of one single-beat latency run, &gt; 0
     * @param progress hears one line before each step (e.g. to print it); never signal values
     */
    public MachineBench(double seconds, Consumer<String> progress) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("seconds must be > 0, got " + seconds);
        }
        this.seconds = seconds;
        this.progress = progress;
    }

    /** Runs every measurement once and returns the figures. */
    public BenchResult run() {
        long t0 = System.nanoTime();
        double loadBefore = loadAverage();
        OnnxModel model = OnnxModel.export(CnnWeights.heInitialized(6, 7), ModelProvenance.builder()
                .classLabels(List.of("a", "b", "c", "d", "e", "f")).samplingRateHz(SAMPLING_RATE_HZ).build());
        Random r = new Random(1);
        float[] beat = gaussian(r);
        List<BenchResult.Latency> latencies = new ArrayList<>();
        List<BenchResult.Throughput> batch = new ArrayList<>();
        for (Engine engine : Engine.concrete()) {
            try (BeatClassifier c = BeatClassifier.open(model, engine)) {
                String name = key(engine);
                progress.accept("single-beat latency, " + name);
                warmUp(() -> c.predict(beat), seconds / 2, WARMUP_CALLS); // JIT, ONNX Runtime's first calls
                latencies.add(BenchResult.Latency.of(name, latencies(c, beat, seconds), HISTOGRAM_BINS));
                for (int threads : threadCounts(Runtime.getRuntime().availableProcessors())) {
                    progress.accept("batch throughput, " + name + ", " + threads + " thread(s)");
                    batchRate(c, threads, seconds / 8, r);
                    batch.add(new BenchResult.Throughput(name, threads, batchRate(c, threads, seconds / 4, r)));
                }
            }
        }
        String autoEngine;
        try (BeatClassifier c = BeatClassifier.open(model, Engine.AUTO)) {
            autoEngine = key(c.engine());
        }
        List<BenchResult.Stage> stages = stages();
        BenchResult.Training training = trainingEpoch();
        return new BenchResult(seconds, BUDGET_MS, machine(loadBefore), simd(), autoEngine, latencies, batch,
                stages, training, (System.nanoTime() - t0) / 1e9);
    }

    static String key(Engine engine) {
        return engine.name().toLowerCase(Locale.ROOT);
    }

    /** 1 and 2, then the powers of two up to {@code processors}, and {@code processors} itself. */
    static int[] threadCounts(int processors) {
        List<Integer> t = new ArrayList<>(List.of(1, 2));
        for (int n = 4; n <= processors; n *= 2) {
            t.add(n);
        }
        if (processors > 2 && !t.contains(processors)) {
            t.add(processors);
        }
        return t.stream().mapToInt(Integer::intValue).toArray();
    }

    private static float[] gaussian(Random r) {
        float[] beat = new float[BeatClassifier.BEAT_LENGTH];
        for (int i = 0; i < beat.length; i++) {
            beat[i] = (float) r.nextGaussian();
        }
        return beat;
    }

    /** Runs {@code task} for at least {@code windowSeconds} and {@code minRuns} times, at most the cap. */
    static void warmUp(Runnable task, double windowSeconds, int minRuns) {
        long t0 = System.nanoTime();
        long end = t0 + (long) (windowSeconds * 1e9);
        long cap = t0 + (long) (WARMUP_CAP_SECONDS * 1e9);
        int runs = 0;
        long now;
        do {
            task.run();
            runs++;
            now = System.nanoTime();
        } while ((now < end || runs < minRuns) && now < cap);
    }

    /** Microseconds of each {@code predict} call in a window of {@code windowSeconds} (at least one call). */
    public static double[] latencies(BeatClassifier c, float[] beat, double windowSeconds) {
        double[] us = new double[1 << 14];
        int n = 0;
        long end = System.nanoTime() + (long) (windowSeconds * 1e9);
        do {
            long t0 = System.nanoTime();
            c.predict(beat);
            long dt = System.nanoTime() - t0;
            if (n == us.length) {
                us = Arrays.copyOf(us, us.length * 2);
            }
            us[n++] = dt / 1e3;
        } while (System.nanoTime() < end);
        return Arrays.copyOf(us, n);
    }

    /** Beats per second of {@code threads} threads each calling {@code predictBatch} on its own batch. */
    public static double batchRate(BeatClassifier c, int threads, double windowSeconds, Random r) {
        float[][][] batches = new float[threads][BATCH_SIZE][];
        for (float[][] b : batches) {
            for (int i = 0; i < b.length; i++) {
                b[i] = gaussian(r);
            }
        }
        AtomicLong beats = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> workers = new ArrayList<>();
        RuntimeException[] failure = new RuntimeException[1];
        for (int t = 0; t < threads; t++) {
            float[][] mine = batches[t];
            Thread w = new Thread(() -> {
                try {
                    start.await();
                    do {
                        c.predictBatch(mine);
                        beats.addAndGet(mine.length);
                    } while (System.nanoTime() < deadline[0]);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "ecgid-bench-" + t);
            workers.add(w);
            w.start();
        }
        long t0 = System.nanoTime();
        deadline[0] = t0 + (long) (windowSeconds * 1e9);
        start.countDown(); // publishes deadline[0] to the workers (happens-before via the latch)
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring", e);
            }
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        synchronized (failure) {
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        return beats.get() / elapsed;
    }

    private List<BenchResult.Stage> stages() {
        double[] raw = SyntheticEcg.builder().samplingRateHz(SAMPLING_RATE_HZ).durationSeconds(SIGNAL_SECONDS)
                .person(PersonProfile.of(1, 42)).sessionSeed(1).noise(Noise.realistic()).build().generate()
                .record().lead(0);
        Preprocessor seed = Preprocessor.seed(SAMPLING_RATE_HZ);
        RPeakDetector panTompkins = RPeakDetectors.byName("pan-tompkins");
        BeatSegmenter segmenter = BeatSegmenter.seed(SAMPLING_RATE_HZ).withQualityGate(QualityGate.defaults());
        BeatPipeline pipeline = new BeatPipeline(SAMPLING_RATE_HZ, 50, "pan-tompkins", true);
        double[] clean = seed.apply(raw).samplesMv();
        int[] peaks = panTompkins.detect(clean, SAMPLING_RATE_HZ).indexSamples();
        List<BenchResult.Stage> out = new ArrayList<>();
        out.add(stage("preprocess_seed_chain", raw.length, peaks.length, () -> seed.apply(raw).samplesMv().length));
        out.add(stage("detect_pan_tompkins", clean.length, peaks.length,
                () -> panTompkins.detect(clean, SAMPLING_RATE_HZ).count()));
        out.add(stage("segment_beats", clean.length, peaks.length, () -> segmenter.segment(clean, peaks).count()));
        out.add(stage("beat_pipeline", raw.length, peaks.length, () -> pipeline.extract(raw).beats().length));
        return out;
    }

    private BenchResult.Stage stage(String name, int samples, int beats, IntSupplier run) {
        progress.accept("pipeline stage, " + name);
        int[] sink = new int[1];
        warmUp(() -> sink[0] += run.getAsInt(), seconds / 8, WARMUP_RUNS);
        double[] perRun = timeRuns(run, seconds / 4, sink);
        double secondsPerRun = perRun[0] / perRun[1];
        return new BenchResult.Stage(name, samples, beats, samples / secondsPerRun / 1e6,
                secondsPerRun * 1e6 / Math.max(1, beats));
    }

    /** {elapsed seconds, runs} of repeated runs for a window (at least one run). */
    private static double[] timeRuns(IntSupplier run, double windowSeconds, int[] sink) {
        long t0 = System.nanoTime();
        long end = t0 + (long) (windowSeconds * 1e9);
        int runs = 0;
        do {
            sink[0] += run.getAsInt();
            runs++;
        } while (System.nanoTime() < end);
        return new double[] {(System.nanoTime() - t0) / 1e9, runs};
    }

    private BenchResult.Training trainingEpoch() {
        progress.accept("training, 2 epochs (the second is the warm one reported)");
        BeatPipeline pipeline = new BeatPipeline(SAMPLING_RATE_HZ, 50, "pan-tompkins", true);
        TrainingSet training = persons(pipeline, TRAINING_SECONDS_PER_PERSON, 1);
        TrainingSet validation = persons(pipeline, VALIDATION_SECONDS_PER_PERSON, 2);
        int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
        TrainingOptions options = TrainingOptions.builder().epochs(2).earlyStoppingPatience(0).threads(threads)
                .seed(1).build();
        List<Long> ends = new ArrayList<>();
        long t0 = System.nanoTime();
        CnnTrainer.train(training, validation, options, new TrainingListener() {
            @Override
            public void onEpoch(io.github.ecgid.model.nn.EpochMetrics m) {
                ends.add(System.nanoTime());
            }
        });
        double first = (ends.get(0) - t0) / 1e9;
        double second = (ends.get(1) - ends.get(0)) / 1e9;
        return new BenchResult.Training(training.size(), validation.size(), TRAINING_PERSONS, options.batchSize(),
                threads, first, second);
    }

    private static TrainingSet persons(BeatPipeline pipeline, double secondsEach, long session) {
        List<float[]> beats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int p = 0; p < TRAINING_PERSONS; p++) {
            names.add("person-" + (p + 1));
            double[] lead = SyntheticEcg.builder().samplingRateHz(SAMPLING_RATE_HZ).durationSeconds(secondsEach)
                    .person(PersonProfile.of(p + 1, 7)).sessionSeed(session).noise(Noise.realistic()).build()
                    .generate().record().lead(0);
            for (float[] b : pipeline.extract(lead).beats()) {
                beats.add(b);
                labels.add(p);
            }
        }
        return TrainingSet.of(beats.toArray(new float[0][]), labels.stream().mapToInt(Integer::intValue).toArray(),
                names);
    }

    private static BenchResult.Machine machine(double loadBefore) {
        return new BenchResult.Machine(cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name", "") + " " + System.getProperty("os.version", ""),
                System.getProperty("os.arch", ""), System.getProperty("java.vm.vendor", ""),
                System.getProperty("java.runtime.version", System.getProperty("java.version", "")),
                System.getProperty("java.vm.name", ""), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                loadBefore);
    }

    /** The first "model name" of /proc/cpuinfo, else os.arch. */
    static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try {
                for (String line : Files.readAllLines(cpuinfo)) {
                    int colon = line.indexOf(':');
                    if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                        String v = line.substring(colon + 1).trim();
                        if (!v.isEmpty()) {
                            return v;
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // fall through to os.arch
            }
        }
        return System.getProperty("os.arch", "unknown");
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static BenchResult.Simd simd() {
        return new BenchResult.Simd(SimdSupport.active(), SimdSupport.description(), SimdSupport.floatLanes(),
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    }
}
