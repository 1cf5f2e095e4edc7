package io.github.ecgid.benchmarks;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.Identification;
import io.github.ecgid.model.nn.CnnTrainer;
import io.github.ecgid.model.nn.TrainedCnn;
import io.github.ecgid.model.nn.TrainingListener;
import io.github.ecgid.model.nn.TrainingOptions;
import io.github.ecgid.model.nn.TrainingSet;
import io.github.ecgid.model.train.IdentityTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Identification budgets: the open-set decision for a window of 10 beats once its last beat is complete (the
 * issue's 10 ms budget; sample mode for p50/p99), end to end from a 60 s record to an identity, and one training
 * epoch at the origin's size (1,790 beats, 6 classes) on 2 threads.
 * Run: {@code java -jar ecg-benchmarks/target/benchmarks.jar IdentificationBenchmark}.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IdentificationBenchmark {
    private static final double FS = 250;

    private EcgIdentifier ecgid;
    private EcgRecord probe;
    private float[][] window;
    private TrainingSet originSize;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticCohort cohort = SyntheticCohort.of(7, 42).withDurationSeconds(60);
        BeatPipeline pipeline = new BeatPipeline(FS, 50, "pan-tompkins", true);
        List<float[]> beats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int p = 1; p <= 6; p++) {
            names.add("p" + p);
            for (float[] b : pipeline.extract(cohort.recording(p, 1).record().lead(0)).beats()) {
                beats.add(b);
                labels.add(p - 1);
            }
        }
        TrainingSet data = TrainingSet.of(beats.toArray(new float[0][]), labels.stream().mapToInt(i -> i).toArray(),
                names);
        ecgid = EcgIdentifier.builder().samplingRateHz(FS).model(IdentityTrainer.builder().samplingRateHz(FS)
                .options(TrainingOptions.builder().epochs(3).earlyStoppingPatience(0).build()).build().train(data)
                .model()).build();
        for (int p = 1; p <= 6; p++) {
            ecgid.enroll("p" + p, cohort.recording(p, 1).record());
        }
        probe = cohort.recording(3, 2).record();
        window = Arrays.copyOf(ecgid.beats(probe), 10);
        // 1,790 beats of 6 classes: the origin's training-set size (beats repeated with small jitter)
        Random r = new Random(5);
        float[][] big = new float[1790][];
        int[] y = new int[big.length];
        for (int i = 0; i < big.length; i++) {
            int k = i % beats.size();
            big[i] = beats.get(k).clone();
            for (int t = 0; t < big[i].length; t++) {
                big[i][t] += (float) (0.05 * r.nextGaussian());
            }
            y[i] = labels.get(k);
        }
        originSize = TrainingSet.of(big, y, names);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ecgid.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Identification decisionOnTenBeats() {
        return ecgid.identify(window);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Identification recordToIdentity60s() {
        return ecgid.identify(probe);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public TrainedCnn oneTrainingEpochOriginSize() {
        return CnnTrainer.train(originSize, TrainingOptions.builder().epochs(1).earlyStoppingPatience(0).threads(2)
                .build(), TrainingListener.none());
    }
}
