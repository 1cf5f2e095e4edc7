package io.github.ecgid.model.nn;

import java.util.Locale;

/**
 * Measures the wall time of training with the default recipe on the origin's training-set size (1,790 beats, 6
 * classes; synthetic beats) and the single-beat latency of the float inference path. Not a test: run it by hand
 * (see docs/model.md) on an otherwise idle machine.
 *
 * <p>Arguments: {@code [epochs=50] [threads=2] [beats=1790] [latency=true]}.
 */
public final class TrainingTimeTool {
    private TrainingTimeTool() {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int beats = args.length > 2 ? Integer.parseInt(args[2]) : 1790;
        TrainingSet train = SyntheticBeats.make(6, beats / 6 + 1, 0.3, 1);
        TrainingSet val = SyntheticBeats.make(6, 75, 0.3, 2);
        TrainingOptions opts = TrainingOptions.builder().epochs(epochs).threads(threads).earlyStoppingPatience(0)
                .build();
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        TrainedCnn trained = CnnTrainer.train(train, val, opts, m -> System.err.printf(Locale.ROOT,
                "epoch %2d/%d train loss %.4f acc %.4f  val loss %.4f acc %.4f  lr %.2e  %.1f s (eta %.0f s)%n",
                m.epoch(), m.maxEpochs(), m.trainLoss(), m.trainAccuracy(), m.validationLoss(),
                m.validationAccuracy(), m.learningRate(), m.elapsedSeconds(), m.etaSeconds()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "trained %d epochs on %d beats (%d validation), %d thread(s): %.1f s wall, "
                        + "%.1f s CPU (all threads), best epoch %d, validation accuracy %.4f, load average now %.2f%n",
                trained.history().size(), train.size(), val.size(), threads, seconds, cpuSeconds, trained.bestEpoch(),
                trained.best().validationAccuracy(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        if (args.length > 3 && !Boolean.parseBoolean(args[3])) {
            return;
        }
        LightweightCnn cnn = trained.model();
        float[] beat = train.beat(0);
        float[] logits = new float[6];
        float[] emb = new float[64];
        int n = 20_000;
        long[] times = new long[n];
        for (int rep = 0; rep < 3; rep++) {
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                cnn.predict(beat, logits, emb);
                times[i] = System.nanoTime() - s;
            }
        }
        java.util.Arrays.sort(times);
        long c0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            cnn.predict(beat, logits, emb);
        }
        double cpuMicros = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0)
                / 1e3 / n;
        System.out.printf(Locale.ROOT, "single-beat CPU time per beat: %.1f us%n", cpuMicros);
        System.out.printf(Locale.ROOT, "single-beat latency (1 thread, after warm-up): p50 %.1f us, p99 %.1f us%n",
                times[n / 2] / 1e3, times[n * 99 / 100] / 1e3);
    }
}
