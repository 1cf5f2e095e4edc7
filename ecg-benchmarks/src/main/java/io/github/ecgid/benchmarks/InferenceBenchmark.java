package io.github.ecgid.benchmarks;

import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.Prediction;
import io.github.ecgid.model.nn.CnnWeights;
import io.github.ecgid.model.onnx.ModelProvenance;
import io.github.ecgid.model.onnx.OnnxModel;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inference budgets of the LightweightCNN (6 classes) on both engines: single-beat latency (sample mode gives
 * p50/p99; the origin's budget is 10 ms, ours 200 µs on ONNX Runtime and 500 µs in pure Java) and batch-256
 * throughput (target 30 k beats/s on 2 cores).
 * Run: {@code java -jar ecg-benchmarks/target/benchmarks.jar InferenceBenchmark}.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InferenceBenchmark {

    @Param({"pure-java", "onnx-runtime"})
    public String engine;

    private BeatClassifier classifier;
    private float[] beat;
    private float[][] batch;

    static OnnxModel model(int classes) {
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < classes; i++) {
            labels.add("person-" + i);
        }
        return OnnxModel.export(CnnWeights.heInitialized(classes, 7),
                ModelProvenance.builder().classLabels(labels).samplingRateHz(250).build());
    }

    static float[] randomBeat(Random r) {
        float[] b = new float[BeatClassifier.BEAT_LENGTH];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextGaussian();
        }
        return b;
    }

    @Setup(Level.Trial)
    public void setUp() {
        classifier = BeatClassifier.open(model(6), Engine.parse(engine));
        Random r = new Random(1);
        beat = randomBeat(r);
        batch = new float[256][];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = randomBeat(r);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        classifier.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Prediction singleBeat() {
        return classifier.predict(beat);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public List<Prediction> batch256() {
        return classifier.predictBatch(batch);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public List<Prediction> batch256TwoThreads() {
        return classifier.predictBatch(batch);
    }
}
