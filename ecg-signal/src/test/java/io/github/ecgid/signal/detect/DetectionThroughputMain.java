package io.github.ecgid.signal.detect;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.io.WfdbReader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Not a test: prints one-core detection throughput on a real record after JIT warm-up (the figure in
 * docs/detection.md; the benchmark of record is JMH in ecg-benchmarks). Usage: {@code DetectionThroughputMain
 * <wfdb-record> [detector] [passes]}.
 */
public final class DetectionThroughputMain {
    private DetectionThroughputMain() {
    }

    public static void main(String[] args) {
        EcgRecord rec = WfdbReader.read(Path.of(args[0]));
        String name = args.length > 1 ? args[1] : "pan-tompkins";
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        double[] x = rec.lead(rec.hasLead("MLII") ? rec.leadIndex("MLII") : 0);
        RPeakDetector det = RPeakDetectors.byName(name);
        long peaks = 0;
        for (int i = 0; i < 10; i++) {
            peaks += det.detect(x, rec.samplingRateHz()).count();
        }
        double best = Double.MAX_VALUE;
        double total = 0;
        for (int i = 0; i < passes; i++) {
            long t0 = System.nanoTime();
            peaks += det.detect(x, rec.samplingRateHz()).count();
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.min(best, s);
            total += s;
        }
        System.out.printf(Locale.ROOT, "%s on %s: %d samples, best %.1f M samples/s, mean %.1f M samples/s"
                + " over %d passes (%d peaks counted)%n", name, args[0], x.length, x.length / best / 1e6,
                x.length * passes / total / 1e6, passes, peaks);
    }
}
