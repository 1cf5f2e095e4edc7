package io.github.ecgid.flink;

import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.Identification;
import io.github.ecgid.model.identify.Monitor;
import io.github.ecgid.signal.detect.RPeakDetectors;
import io.github.ecgid.signal.detect.StreamingRPeakDetector;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-device step of continuous verification, outside Flink: feeds a chunk to the device's streaming R-peak
 * detector, keeps the samples and pending R-peaks in a {@link DeviceMonitorState}, and decides every window of
 * {@code beatsPerDecision} beats the way {@link Monitor} does (same window bounds, same look-ahead, same beat
 * selection, same noisy rule), so a device fed in the same chunks gets the same decisions as the monitor.
 *
 * <p>The live detectors are cached per device between chunks (restoring one per chunk would cost a fresh
 * detector each time); the state always holds the detector's current snapshot, and a device missing from the
 * cache (a new task after a failure or rescaling) is restored from it. Not thread-safe: one Flink subtask.
 */
final class WindowCutter {
    private static final Logger LOG = LoggerFactory.getLogger(WindowCutter.class);

    /** Signal kept before a window's first R-peak, as the monitor keeps it. */
    static final double CONTEXT_SECONDS = Monitor.CONTEXT_SECONDS;

    private final EcgIdentifier identifier;
    private final int beatsPerWindow;
    private final int lookahead;
    private final int context;
    private final int capacity;
    private final double fs;
    private final Map<String, Live> live = new HashMap<>();
    /** Devices whose detector was restored from keyed state in this JVM (after a restore or a rescale). */
    private static final AtomicLong RESTORED = new AtomicLong();

    /** A detector whose listener appends to whichever state is being fed. */
    private static final class Live {
        StreamingRPeakDetector detector;
        DeviceMonitorState target;
    }

    WindowCutter(EcgIdentifier identifier) {
        this.identifier = identifier;
        this.fs = identifier.samplingRateHz();
        this.beatsPerWindow = identifier.beatsPerDecision();
        this.lookahead = (int) Math.ceil(Monitor.LOOKAHEAD_SECONDS * fs);
        this.context = (int) Math.ceil(CONTEXT_SECONDS * fs);
        // as the monitor: the ring holds a whole window (k beats at 30 bpm at worst) plus context and look-ahead
        this.capacity = (int) Math.ceil(beatsPerWindow * 2.0 * fs) + context + lookahead + (int) fs;
    }

    /** A fresh state for a device's first chunk. */
    DeviceMonitorState newState() {
        DeviceMonitorState s = new DeviceMonitorState();
        s.samplingRateHz = fs;
        s.ring = new double[capacity];
        s.peaks = new long[Math.max(64, beatsPerWindow * 4)];
        return s;
    }

    /**
     * Feeds one chunk; emits the decisions it completes.
     *
     * @param owner the device's owner, or null when it has none
     */
    void accept(DeviceMonitorState s, EcgChunk chunk, String owner, Consumer<WindowDecision> out) {
        Live l = live(chunk.deviceId, s);
        if (chunk.firstSample < s.written) {
            LOG.debug("device {}: chunk {}..{} already seen, dropped", chunk.deviceId, chunk.firstSample,
                    chunk.firstSample + chunk.samplesMv.length);
            return;
        }
        if (chunk.firstSample > s.written) {
            LOG.warn("device {}: samples {}..{} missing; detection restarts at {}", chunk.deviceId, s.written,
                    chunk.firstSample, chunk.firstSample);
            s.peakCount = 0;
            s.written = chunk.firstSample;
            s.detectorOrigin = chunk.firstSample;
            l.detector = newDetector(l);
        }
        double[] x = chunk.samplesMv;
        int n = x.length;
        long written = s.written;
        for (int i = 0; i < n; i++) {
            s.ring[(int) ((written + i) % capacity)] = x[i];
        }
        s.written = written + n;
        l.target = s;
        l.detector.accept(x, 0, n);
        s.detectorSnapshot(l.detector.snapshot());
        int k = beatsPerWindow;
        while (s.peakCount >= k && s.written >= s.peaks[k - 1] + lookahead) {
            out.accept(decide(s, chunk, owner));
            System.arraycopy(s.peaks, k, s.peaks, 0, s.peakCount - k);
            s.peakCount -= k;
        }
    }

    private Live live(String device, DeviceMonitorState s) {
        Live l = live.get(device);
        if (l != null && l.detector.samplesConsumed() == s.detectorSamples) {
            l.target = s; // heap state hands back the same object; other backends a copy
            return l;
        }
        l = new Live();
        l.detector = newDetector(l);
        if (s.detectorSnapshot() != null) {
            l.detector.restore(s.detectorSnapshot());
            RESTORED.incrementAndGet();
        }
        l.target = s;
        live.put(device, l);
        return l;
    }

    private StreamingRPeakDetector newDetector(Live l) {
        return RPeakDetectors.byName(identifier.pipeline().detectorName()).streaming(fs, r -> {
            DeviceMonitorState t = l.target;
            if (t.peakCount < t.peaks.length) {
                t.peaks[t.peakCount++] = t.detectorOrigin + r;
            }
        });
    }

    /** Devices whose detector this JVM restored from keyed state so far (0 in a run without restore). */
    static long restoredDetectors() {
        return RESTORED.get();
    }

    private WindowDecision decide(DeviceMonitorState s, EcgChunk chunk, String owner) {
        int k = beatsPerWindow;
        long[] peaks = s.peaks;
        long from = Math.max(Math.max(0, s.written - capacity), peaks[0] - context);
        long to = Math.min(s.written, peaks[k - 1] + lookahead);
        double[] window = new double[(int) (to - from)];
        for (int i = 0; i < window.length; i++) {
            window[i] = s.ring[(int) ((from + i) % capacity)];
        }
        // the monitor's own decision: same re-extraction, same too-noisy rule, same note
        Identification decided = Monitor.decideWindow(identifier, window, peaks[0] - from, peaks[k - 1] - from, k);
        String note = Monitor.note(decided);
        int kept = decided.quality().beatsUsable();
        Identification id = decided.tooNoisy() ? null : decided;
        WindowDecision d = new WindowDecision();
        d.deviceId = chunk.deviceId;
        d.ownerId = owner;
        d.windowStartSample = peaks[0];
        d.windowEndSample = peaks[k - 1];
        d.personId = id == null || id.isUnknown() ? null : id.personId();
        d.score = id == null ? 0 : id.score();
        d.threshold = id == null ? identifier.threshold() : id.threshold();
        d.tooNoisy = !note.isEmpty();
        d.accepted = !d.tooNoisy && owner != null && owner.equals(d.personId);
        d.beatsDetected = k;
        d.beatsUsed = kept;
        d.note = note;
        d.completedAtNanos = chunk.ingestNanos;
        d.latencyMillis = (System.nanoTime() - chunk.ingestNanos) / 1e6;
        return d;
    }
}
