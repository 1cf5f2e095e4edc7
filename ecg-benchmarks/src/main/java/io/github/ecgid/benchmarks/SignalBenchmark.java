package io.github.ecgid.benchmarks;

import io.github.ecgid.core.synth.Noise;
import io.github.ecgid.core.synth.PersonProfile;
import io.github.ecgid.core.synth.SyntheticEcg;
import io.github.ecgid.signal.beat.BeatSegmenter;
import io.github.ecgid.signal.beat.Beats;
import io.github.ecgid.signal.beat.QualityGate;
import io.github.ecgid.signal.detect.RPeakDetector;
import io.github.ecgid.signal.detect.RPeakDetectors;
import io.github.ecgid.signal.detect.RPeaks;
import io.github.ecgid.signal.detect.StreamingRPeakDetector;
import io.github.ecgid.signal.preprocess.CleanSignal;
import io.github.ecgid.signal.preprocess.Preprocessor;
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
 * Signal budgets on one core, as milliseconds per run over {@code minutes} of 250 Hz signal (samples/s =
 * {@code minutes * 60 * 250 / seconds}):
 * the full seed chain including the wavelet (target ≥ 30 M samples/s), R-peak detection offline and streaming
 * (target ≥ 50 M samples/s), and beat segmentation. {@code minutes} shows how the cost grows with length
 * (1 min, 1 h, 24 h; it must be linear). Input: synthetic ECG at 250 Hz with realistic noise.
 * Run: {@code java -jar ecg-benchmarks/target/benchmarks.jar SignalBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignalBenchmark {
    private static final double FS = 250;

    @Param({"1", "60", "1440"})
    public int minutes;

    private double[] rawMv;
    private double[] cleanMv;
    private int[] peaks;
    private Preprocessor seed;
    private RPeakDetector panTompkins;
    private BeatSegmenter segmenter;
    private double[] chunk;

    @Setup(Level.Trial)
    public void setUp() {
        // an hour is tiled from 5 minutes of signal: the generator itself is not what is measured
        double[] five = SyntheticEcg.builder().samplingRateHz(FS).durationSeconds(Math.min(300, minutes * 60.0))
                .person(PersonProfile.of(1, 42)).sessionSeed(1).noise(Noise.realistic()).build().generate()
                .record().lead(0);
        rawMv = new double[(int) (minutes * 60 * FS)];
        for (int i = 0; i < rawMv.length; i += five.length) {
            System.arraycopy(five, 0, rawMv, i, Math.min(five.length, rawMv.length - i));
        }
        seed = Preprocessor.seed(FS);
        panTompkins = RPeakDetectors.byName("pan-tompkins");
        CleanSignal clean = seed.apply(rawMv);
        cleanMv = clean.samplesMv();
        peaks = panTompkins.detect(cleanMv, FS).indexSamples();
        segmenter = BeatSegmenter.seed(FS).withQualityGate(QualityGate.defaults());
        chunk = new double[64];
    }

    @Benchmark
    public CleanSignal seedChain() {
        return seed.apply(rawMv);
    }

    @Benchmark
    public RPeaks panTompkinsOffline() {
        return panTompkins.detect(cleanMv, FS);
    }

    @Benchmark
    public long panTompkinsStreaming() {
        long[] count = {0};
        StreamingRPeakDetector s = panTompkins.streaming(FS, r -> count[0]++);
        for (int i = 0; i < cleanMv.length; i += chunk.length) {
            int len = Math.min(chunk.length, cleanMv.length - i);
            System.arraycopy(cleanMv, i, chunk, 0, len);
            s.accept(chunk, 0, len);
        }
        s.finish();
        return count[0];
    }

    @Benchmark
    public Beats beatSegmentation() {
        return segmenter.segment(cleanMv, peaks);
    }
}
