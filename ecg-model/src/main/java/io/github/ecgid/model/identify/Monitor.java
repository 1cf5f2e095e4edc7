package io.github.ecgid.model.identify;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgSource;
import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.signal.detect.RPeakDetectors;
import io.github.ecgid.signal.detect.StreamingRPeakDetector;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous verification of an {@link EcgSource}: a background thread feeds the samples to a streaming
 * R-peak detector and, each time a window of beats completes, re-extracts those beats with the same offline
 * pipeline enrollment used (so live beats look exactly like enrollment beats) and hands a
 * {@link MonitorDecision} to the listener.
 *
 * <p>A decision comes once the last beat of the window plus {@value #LOOKAHEAD_SECONDS} s of look-ahead has
 * arrived: the zero-phase filters need that much signal after the beat. Noisy windows are not skipped: they
 * produce a decision marked {@link MonitorDecision#noisy()} with an unknown identity. Close the monitor to
 * stop it (the source is left open); {@link #await} waits for the end of a finite source.
 */
public final class Monitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    /** Seconds of signal needed after a window's last R-peak before the window is decided. */
    public static final double LOOKAHEAD_SECONDS = 1.6;
    /** Seconds of signal kept before a window's first R-peak, so filters settle before the first beat. */
    public static final double CONTEXT_SECONDS = 2.0;
    /** Seconds around a streamed R-peak within which the re-extracted beat counts as that peak's. */
    static final double PEAK_TOLERANCE_SECONDS = 0.1;

    private final EcgIdentifier identifier;
    private final EcgSource source;
    private final Consumer<MonitorDecision> listener;
    private final int beatsPerWindow;
    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stop;
    private volatile Throwable failure;
    private volatile long decisions;

    private Monitor(EcgIdentifier identifier, EcgSource source, Consumer<MonitorDecision> listener, int k) {
        this.identifier = identifier;
        this.source = source;
        this.listener = listener;
        this.beatsPerWindow = k;
        this.thread = new Thread(this::run, "ecgid-monitor");
        this.thread.setDaemon(true);
    }

    static Monitor start(EcgIdentifier identifier, EcgSource source, Consumer<MonitorDecision> listener, int k) {
        Monitor m = new Monitor(identifier, source, listener, k);
        m.thread.start();
        return m;
    }

    private void run() {
        double fs = source.samplingRateHz();
        int lookahead = (int) Math.ceil(LOOKAHEAD_SECONDS * fs);
        int context = (int) Math.ceil(CONTEXT_SECONDS * fs);
        // the ring holds a whole window: k beats at 30 bpm at worst, plus context and look-ahead
        int capacity = (int) Math.ceil(beatsPerWindow * 2.0 * fs) + context + lookahead + (int) fs;
        double[] ring = new double[capacity];
        long[] peaks = new long[Math.max(64, beatsPerWindow * 4)];
        int[] peakCount = {0};
        long[] arrivalNanos = new long[1];
        StreamingRPeakDetector detector = RPeakDetectors.byName(identifier.pipeline().detectorName())
                .streaming(fs, r -> {
                    if (peakCount[0] < peaks.length) {
                        peaks[peakCount[0]++] = r;
                    }
                });
        double[][] buf = new double[source.leadNames().size()][256];
        long written = 0;
        try {
            int n;
            while (!stop && (n = source.read(buf, 0, 256)) >= 0) {
                arrivalNanos[0] = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    ring[(int) ((written + i) % capacity)] = buf[0][i];
                }
                written += n;
                detector.accept(buf[0], 0, n);
                while (peakCount[0] >= beatsPerWindow && written >= peaks[beatsPerWindow - 1] + lookahead) {
                    decide(ring, capacity, written, peaks, beatsPerWindow, context, lookahead, arrivalNanos[0]);
                    System.arraycopy(peaks, beatsPerWindow, peaks, 0, peakCount[0] - beatsPerWindow);
                    peakCount[0] -= beatsPerWindow;
                }
            }
        } catch (EcgException | IllegalStateException e) {
            if (!stop) {
                failure = e;
                LOG.warn("monitor stopped: {}", e.getMessage());
            }
        } finally {
            done.countDown();
        }
    }

    private void decide(double[] ring, int capacity, long written, long[] peaks, int k, int context, int lookahead,
                        long arrivalNanos) {
        long from = Math.max(Math.max(0, written - capacity), peaks[0] - context);
        long to = Math.min(written, peaks[k - 1] + lookahead);
        double[] window = new double[(int) (to - from)];
        for (int i = 0; i < window.length; i++) {
            window[i] = ring[(int) ((from + i) % capacity)];
        }
        Identification id = decideWindow(identifier, window, peaks[0] - from, peaks[k - 1] - from, k);
        int kept = id.quality().beatsUsable();
        double latencyMs = (System.nanoTime() - arrivalNanos) / 1e6;
        decisions++;
        listener.accept(new MonitorDecision(id, peaks[k - 1], k, kept, (double) kept / k, latencyMs, note(id)));
    }

    /**
     * One window's decision, as the monitor makes it: the window's signal is re-extracted by the identifier's beat
     * pipeline (the same as enrollment), the beats whose R-peaks lie between the first and last streamed peak
     * (within {@value #PEAK_TOLERANCE_SECONDS} s) are kept, and the window is refused as too noisy
     * ({@link SignalQuality#assess}) or identified. For stream processors that hold the window's samples
     * themselves (ecg-flink), so that their decisions are the monitor's.
     *
     * @param windowMv      the window's samples, mV, with {@link #CONTEXT_SECONDS} before the first peak and
     *                      {@link #LOOKAHEAD_SECONDS} after the last
     * @param firstPeak     the first streamed R-peak, as an index into {@code windowMv}
     * @param lastPeak      the last streamed R-peak, as an index into {@code windowMv}
     * @param beatsDetected streamed R-peaks in the window
     */
    public static Identification decideWindow(EcgIdentifier identifier, double[] windowMv, long firstPeak,
                                              long lastPeak, int beatsDetected) {
        BeatPipeline.Result extracted = identifier.pipeline().extract(windowMv);
        int tolerance = (int) Math.ceil(PEAK_TOLERANCE_SECONDS * identifier.pipeline().samplingRateHz());
        long first = firstPeak - tolerance;
        long last = lastPeak + tolerance;
        int[] r = extracted.rPeakIndices();
        float[][] all = extracted.beats();
        float[][] beats = new float[r.length][];
        int kept = 0;
        for (int i = 0; i < r.length; i++) {
            if (r[i] >= first && r[i] <= last) {
                beats[kept++] = all[i];
            }
        }
        beats = java.util.Arrays.copyOf(beats, kept);
        return identifier.identify(beats, SignalQuality.assess(beatsDetected, kept));
    }

    /** The {@link MonitorDecision#note()} of a window's decision: why it was too noisy, or empty. */
    public static String note(Identification decision) {
        SignalQuality q = decision.quality();
        return q.tooNoisy() ? "only " + q.beatsUsable() + " of " + q.beatsDetected()
                + " beats usable (noise or artefacts)" : "";
    }

    /** Decisions made so far. */
    public long decisions() {
        return decisions;
    }

    /**
     * Waits until the source ends or the monitor is closed.
     *
     * @return whether it ended within the timeout
     * @throws EcgException if the monitor stopped because the source or the pipeline failed
     */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        boolean ended = done.await(timeout, unit);
        Throwable f = failure;
        if (f instanceof EcgException e) {
            throw e;
        }
        if (f instanceof RuntimeException e) {
            throw e;
        }
        return ended;
    }

    /** Stops the monitor thread; idempotent. Does not close the source. */
    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        try {
            done.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
