package io.github.ecgid.signal.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.synth.Noise;
import io.github.ecgid.core.synth.SyntheticRecording;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StreamingTest {

    private static final SyntheticRecording REC = Signals.ecg(250, 120, 75, Noise.realistic(), 17);

    private static List<Long> stream(RPeakDetector det, double[] x, int chunk) {
        List<Long> out = new ArrayList<>();
        StreamingRPeakDetector s = det.streaming(250, out::add);
        for (int off = 0; off < x.length; off += chunk) {
            int n = Math.min(chunk, x.length - off);
            if (n == 1) {
                s.accept(x[off]);
            } else {
                s.accept(x, off, n);
            }
        }
        s.finish();
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 250, Integer.MAX_VALUE})
    void streamingInAnyChunkSizeEqualsOfflineDetection(int chunk) {
        for (String name : RPeakDetectors.names()) {
            RPeakDetector det = RPeakDetectors.byName(name);
            double[] x = REC.signalMv();
            int[] offline = det.detect(x, 250).indexSamples();

            List<Long> streamed = stream(det, x, Math.min(chunk, x.length));

            assertThat(streamed).as(name).hasSize(offline.length);
            for (int i = 0; i < offline.length; i++) {
                assertThat(streamed.get(i)).as(name + " peak " + i).isCloseTo((long) offline[i],
                        org.assertj.core.data.Offset.offset(1L));
            }
        }
    }

    @Test
    void panTompkinsEmitsEachPeakWithin300MsOfItsRPeakAfterWarmUp() {
        double[] x = REC.signalMv();
        List<long[]> emitted = new ArrayList<>();
        StreamingRPeakDetector[] holder = new StreamingRPeakDetector[1];
        holder[0] = RPeakDetectors.byName("pan-tompkins")
                .streaming(250, r -> emitted.add(new long[] {r, holder[0].samplesConsumed()}));
        for (double v : x) {
            holder[0].accept(v);
        }

        assertThat(emitted).hasSizeGreaterThan(100);
        for (long[] e : emitted) {
            if (e[0] > 2 * 250) {
                // samplesConsumed() counts the sample being processed as not yet consumed
                assertThat(e[1] - e[0]).as("latency of peak at %d", e[0]).isLessThanOrEqualTo(75);
            }
        }
    }

    @Test
    void restoredSnapshotContinuesWithNoSampleLostOrCountedTwice() throws Exception {
        for (String name : RPeakDetectors.names()) {
            RPeakDetector det = RPeakDetectors.byName(name);
            double[] x = REC.signalMv();
            List<Long> uninterrupted = stream(det, x, 97);

            List<Long> resumed = new ArrayList<>();
            StreamingRPeakDetector first = det.streaming(250, resumed::add);
            int cut = 12_345;
            first.accept(x, 0, cut);
            DetectorSnapshot snap = roundTrip(first.snapshot());
            StreamingRPeakDetector second = det.streaming(250, resumed::add);
            second.restore(snap);
            assertThat(second.samplesConsumed()).isEqualTo(cut);
            second.accept(x, cut, x.length - cut);
            second.finish();

            assertThat(resumed).as(name).isEqualTo(uninterrupted);
        }
    }

    @Test
    void snapshotOfAnotherConfigurationIsRefused() {
        DetectorSnapshot snap = RPeakDetectors.byName("pan-tompkins").streaming(250, r -> { }).snapshot();

        assertThatThrownBy(() -> RPeakDetectors.byName("pan-tompkins").streaming(360, r -> { }).restore(snap))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RPeakDetectors.byName("hamilton").streaming(250, r -> { }).restore(snap))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void steadyStateStreamingAllocatesNothingPerSample() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] x = REC.signalMv();
        long[] count = new long[1];
        StreamingRPeakDetector s = RPeakDetectors.byName("pan-tompkins").streaming(250, r -> count[0]++);
        s.accept(x, 0, x.length); // warm up
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int rep = 0; rep < 5; rep++) {
            for (int off = 0; off + 50 <= x.length; off += 50) {
                s.accept(x, off, 50);
            }
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;

        assertThat(count[0]).isGreaterThan(500);
        // 150 000 samples: far less than one byte per sample (the measurement itself may allocate a little)
        assertThat(allocated).isLessThan(20_000);
    }

    @Test
    void acceptAfterFinishIsAnError() {
        StreamingRPeakDetector s = RPeakDetectors.byName("pan-tompkins").streaming(250, r -> { });
        s.finish();

        assertThatThrownBy(() -> s.accept(new double[3], 0, 3)).isInstanceOf(IllegalStateException.class);
    }

    private static DetectorSnapshot roundTrip(DetectorSnapshot s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (DetectorSnapshot) in.readObject();
        }
    }
}
