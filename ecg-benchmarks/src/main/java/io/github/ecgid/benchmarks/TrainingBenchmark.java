package io.github.ecgid.benchmarks;

import io.github.ecgid.model.nn.CnnTrainer;
import io.github.ecgid.model.nn.TrainedCnn;
import io.github.ecgid.model.nn.TrainingListener;
import io.github.ecgid.model.nn.TrainingOptions;
import io.github.ecgid.model.nn.TrainingSet;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The training budget as the issue states it: 50 epochs of the default recipe (early stopping off) on 1,790 training
 * beats of 6 classes (the origin's training-set size; 450 more beats are the validation set evaluated after every
 * epoch) on 2 threads, timed once in a fresh JVM, so JIT warm-up is included.
 * This class forks without JVM flags (scalar kernels); {@link TrainingSimdBenchmark} with {@code --add-modules
 * jdk.incubator.vector}. {@code -p epochs=1} with {@code -wi 2 -i 3} gives the warm per-epoch time instead.
 * Run: {@code java -jar ecg-benchmarks/target/benchmarks.jar "TrainingBenchmark|TrainingSimdBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(1)
public class TrainingBenchmark {

    @Param({"50"})
    public int epochs;

    @Param({"2"})
    public int threads;

    private TrainingSet training;
    private TrainingSet validation;

    /**
     * 1,790 + 450 beats, 6 classes: each class a fixed random smooth waveform (sum of 3 Gaussian bumps) plus
     * white noise, so that training does real work over all 50 epochs.
     */
    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(5);
        int classes = 6;
        float[][] shapes = new float[classes][175];
        for (int c = 0; c < classes; c++) {
            for (int bump = 0; bump < 3; bump++) {
                double centre = 20 + 135 * r.nextDouble();
                double width = 3 + 12 * r.nextDouble();
                double height = r.nextGaussian() * 2;
                for (int t = 0; t < 175; t++) {
                    double z = (t - centre) / width;
                    shapes[c][t] += (float) (height * Math.exp(-0.5 * z * z));
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class-" + c);
        }
        training = noisyCopies(shapes, 1790, r, names);
        validation = noisyCopies(shapes, 450, r, names);
    }

    private static TrainingSet noisyCopies(float[][] shapes, int count, Random r, List<String> names) {
        int classes = shapes.length;
        float[][] beats = new float[count][];
        int[] labels = new int[count];
        for (int i = 0; i < beats.length; i++) {
            int c = i % classes;
            beats[i] = shapes[c].clone();
            for (int t = 0; t < 175; t++) {
                beats[i][t] += (float) (0.8 * r.nextGaussian());
            }
            labels[i] = c;
        }
        return TrainingSet.of(beats, labels, names);
    }

    @Benchmark
    public TrainedCnn trainOriginSize() {
        return CnnTrainer.train(training, validation, TrainingOptions.builder().epochs(epochs)
                .earlyStoppingPatience(0).threads(threads).build(), TrainingListener.none());
    }
}
