package io.github.ecgid.signal.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.core.EcgSignalException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterBehaviourTest {

    private static double[] noise(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian() + 3.0;
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(doubles = {99.9, 2000.5, 0, -250, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsUnsupportedSamplingRateNamingValueAndRange(double fs) {
        assertThatThrownBy(() -> Butterworth.bandPass(2, fs, 5, 15))
                .isInstanceOf(EcgSignalException.class)
                .hasMessageContaining(String.valueOf(fs))
                .hasMessageContaining("100.0 to 2000.0 Hz");
    }

    @Test
    void acceptsTheEdgesOfTheSupportedRange() {
        assertThat(Butterworth.lowPass(4, 100, 40).sectionCount()).isEqualTo(2);
        assertThat(Butterworth.highPass(3, 2000, 0.5).sectionCount()).isEqualTo(2);
    }

    @Test
    void rejectsCutoffAtOrAboveNyquist() {
        assertThatThrownBy(() -> Butterworth.lowPass(2, 250, 125))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("125.0 Hz");
        assertThatThrownBy(() -> Notch.of(100, 50))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("Nyquist");
    }

    @Test
    void rejectsInvertedBandAndBadOrder() {
        assertThatThrownBy(() -> Butterworth.bandPass(2, 250, 15, 5)).isInstanceOf(EcgSignalException.class);
        assertThatThrownBy(() -> Butterworth.bandPass(0, 250, 5, 15)).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("order");
    }

    @Test
    void bandPassOfOrderNHasNSectionsAndUnitGainInTheBand() {
        Sos bp = Butterworth.bandPass(4, 360, 5, 15);
        assertThat(bp.sectionCount()).isEqualTo(4);
        assertThat(bp.magnitudeAt(Math.sqrt(5 * 15))).isCloseTo(1.0, within(1e-9));
        assertThat(bp.magnitudeAt(5)).isCloseTo(Math.sqrt(0.5), within(1e-9));
        assertThat(bp.magnitudeAt(15)).isCloseTo(Math.sqrt(0.5), within(1e-9));
        assertThat(bp.magnitudeAt(60)).isLessThan(1e-3);
    }

    @Test
    void notchRemovesMainsAndKeepsNeighbours() {
        Sos n = Notch.of(500, 60);
        assertThat(n.magnitudeAt(60)).isLessThan(1e-12);
        assertThat(n.magnitudeAt(60 + 1.0)).isLessThan(0.71);
        assertThat(n.magnitudeAt(40)).isGreaterThan(0.99);
    }

    @Test
    void zeroPhaseDoesNotShiftAPeak() {
        double[] x = new double[2000];
        x[1000] = 1.0;
        double[] y = Butterworth.bandPass(2, 250, 5, 15).zeroPhase(x);
        int argmax = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[argmax]) {
                argmax = i;
            }
        }
        assertThat(argmax).isEqualTo(1000);
    }

    @Test
    void zeroPhaseNeedsMoreSamplesThanThePadding() {
        Sos bp = Butterworth.bandPass(4, 250, 0.5, 40);
        assertThat(bp.padLength()).isEqualTo(27);
        assertThatThrownBy(() -> bp.zeroPhase(new double[27])).isInstanceOf(EcgSignalException.class)
                .hasMessageContaining("more than 27 samples");
        assertThat(bp.zeroPhase(new double[28])).hasSize(28);
    }

    @Test
    void streamingInChunksOfAnySizeEqualsOfflineCausalFiltering() {
        Sos sos = Butterworth.bandPass(3, 360, 0.5, 40).then(Notch.of(360, 60));
        double[] x = noise(5000, 7);
        double[] expected = sos.filter(x);
        StreamingFilter live = sos.newStreamingFilter();
        double[] y = x.clone();
        Random r = new Random(1);
        int pos = 0;
        while (pos < y.length) {
            int len = Math.min(y.length - pos, r.nextInt(300));
            live.apply(y, pos, len);
            pos += len;
        }
        assertThat(y).containsExactly(expected);
    }

    @Test
    void samplePathAndBlockPathGiveIdenticalResults() {
        Sos sos = Butterworth.bandPass(4, 500, 0.5, 40).then(Notch.of(500, 50));
        double[] x = noise(3000, 12);
        StreamingFilter perSample = sos.newStreamingFilter();
        StreamingFilter block = sos.newStreamingFilter();
        double[] y = x.clone();
        block.apply(y, 0, y.length);
        for (int i = 0; i < x.length; i++) {
            assertThat(perSample.filter(x[i])).isEqualTo(y[i]);
        }
        assertThat(perSample.snapshot()).containsExactly(block.snapshot());
    }

    @Test
    void snapshotAndRestoreResumeExactly() {
        Sos sos = Butterworth.bandPass(2, 250, 5, 15);
        double[] x = noise(1000, 3);
        StreamingFilter a = sos.newStreamingFilter();
        a.apply(x.clone(), 0, 600);
        double[] state = a.snapshot();
        StreamingFilter b = sos.newStreamingFilter();
        b.restore(state);
        for (int i = 600; i < 1000; i++) {
            assertThat(b.filter(x[i])).isEqualTo(a.filter(x[i]));
        }
        assertThatThrownBy(() -> b.restore(new double[3])).isInstanceOf(EcgSignalException.class);
    }

    @Test
    void resetForgetsThePast() {
        StreamingFilter f = Butterworth.lowPass(2, 250, 40).newStreamingFilter();
        double first = f.filter(1.0);
        f.filter(5.0);
        f.reset();
        assertThat(f.filter(1.0)).isEqualTo(first);
    }

    @Test
    void primingWithTheFirstSampleAvoidsTheStartupStep() {
        StreamingFilter f = Butterworth.lowPass(2, 250, 40).newStreamingFilter();
        f.primeWith(2.5);
        for (int i = 0; i < 10; i++) {
            assertThat(f.filter(2.5)).isCloseTo(2.5, within(1e-12));
        }
    }

    @Test
    void dcRemovalSubtractsTheMean() {
        double[] y = DcRemoval.removeMean(new double[] {1, 2, 3, 6});
        assertThat(y).containsExactly(-2, -1, 0, 3);
    }

    /** The fused mean removal: filtering x - offset in the notch's forward pass, and the fallback otherwise. */
    @Test
    void zeroPhaseWithOffsetEqualsSubtractThenFilterBitForBit() {
        java.util.Random r = new java.util.Random(11);
        Sos[] filters = {Notch.of(250, 50), Notch.of(360, 60), Butterworth.bandPass(4, 250, 0.5, 40),
            Butterworth.bandPass(2, 500, 1, 100), Notch.of(250, 50).then(Butterworth.bandPass(1, 250, 1, 40))};
        for (Sos f : filters) {
            for (int n : new int[] {f.padLength() + 1, f.padLength() + 2, 1000, 5001, 120_001}) {
                for (double offset : new double[] {0.0, -0.0, 0.37, -1234.5678, 1e-300, 3e12}) {
                    double[] x = new double[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = 2.0 + Math.sin(i * 0.05) + 0.1 * r.nextGaussian();
                    }
                    double[] expected = x.clone();
                    for (int i = 0; i < n; i++) {
                        expected[i] -= offset;
                    }
                    f.zeroPhaseInPlace(expected);
                    double[] actual = x.clone();
                    f.zeroPhaseInPlace(actual, offset);
                    for (int i = 0; i < n; i++) {
                        assertThat(Double.doubleToRawLongBits(actual[i]))
                                .as("%s n=%d offset=%s i=%d", f, n, offset, i)
                                .isEqualTo(Double.doubleToRawLongBits(expected[i]));
                    }
                }
            }
        }
    }

    /**
     * Long passes run as two half-length recurrences plus the first half's zero-input response (Sos.runLong):
     * against an independent reference (the streaming filter over scipy's odd extension, primed like
     * sosfilt_zi, forwards then backwards) the result must agree to rounding, for odd and even lengths, on
     * single-section and four-section filters at several rates, and on a signal with a large offset.
     */
    @Test
    void longZeroPhasePassesAgreeWithAStreamingReference() {
        Random r = new Random(21);
        Sos[] filters = {Notch.of(250, 50), Butterworth.bandPass(4, 250, 0.5, 40), Notch.of(1000, 60),
            Butterworth.bandPass(4, 1000, 0.5, 40), Butterworth.bandPass(2, 250, 1, 30)};
        for (Sos f : filters) {
            for (int n : new int[] {300_000, 300_001}) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = 40 + Math.sin(i * 0.03) + 0.3 * Math.sin(i * 1.3) + 0.1 * r.nextGaussian();
                }
                double[] expected = streamingZeroPhase(f, x);
                double[] actual = f.zeroPhase(x);
                double scale = 0;
                double worst = 0;
                for (int i = 0; i < n; i++) {
                    scale = Math.max(scale, Math.abs(x[i]));
                    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
                }
                assertThat(worst).as("%s n=%d", f, n).isLessThanOrEqualTo(1e-11 * scale);
            }
        }
    }

    private static double[] streamingZeroPhase(Sos f, double[] x) {
        int n = x.length;
        int edge = f.padLength();
        double[] ext = new double[n + 2 * edge];
        for (int i = 0; i < edge; i++) {
            ext[i] = 2 * x[0] - x[edge - i];
            ext[edge + n + i] = 2 * x[n - 1] - x[n - 2 - i];
        }
        System.arraycopy(x, 0, ext, edge, n);
        StreamingFilter s = f.newStreamingFilter();
        s.primeWith(ext[0]);
        s.apply(ext, 0, ext.length);
        reverse(ext);
        s.reset();
        s.primeWith(ext[0]);
        s.apply(ext, 0, ext.length);
        reverse(ext);
        return java.util.Arrays.copyOfRange(ext, edge, edge + n);
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
