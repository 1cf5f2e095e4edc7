package io.github.ecgid.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MachineBenchTest {

    @Test
    void countsThreadsOneAndTwoThenPowersOfTwoUpToTheProcessors() {
        assertThat(MachineBench.threadCounts(1)).containsExactly(1, 2);
        assertThat(MachineBench.threadCounts(2)).containsExactly(1, 2);
        assertThat(MachineBench.threadCounts(6)).containsExactly(1, 2, 4, 6);
        assertThat(MachineBench.threadCounts(16)).containsExactly(1, 2, 4, 8, 16);
    }

    @Test
    void takesNearestRankPercentilesAndPutsEveryCallInTheHistogramOrAboveIt() {
        double[] us = new double[1000];
        for (int i = 0; i < us.length; i++) {
            us[i] = i + 1; // 1..1000 µs, shuffled order does not matter
        }
        BenchResult.Latency l = BenchResult.Latency.of("x", us, 10);
        assertThat(l.p50Us()).isEqualTo(500);
        assertThat(l.p90Us()).isEqualTo(900);
        assertThat(l.p99Us()).isEqualTo(990);
        assertThat(l.p999Us()).isEqualTo(999);
        assertThat(l.maxUs()).isEqualTo(1000);
        assertThat(l.meanUs()).isEqualTo(500.5);
        assertThat(l.histogramUpperUs()).isEqualTo(1000); // 1.5 × p99 is past the slowest call
        assertThat(l.aboveCount()).isZero();
        assertThat(Arrays.stream(l.histogramCounts()).sum() + l.aboveCount()).isEqualTo(1000);
        assertThat(l.histogramLowerUs()).isEqualTo(1);
    }

    @Test
    void stopsTheHistogramAtOneAndAHalfTimesP99AndCountsTheStallsAbove() {
        double[] us = new double[1000];
        Arrays.fill(us, 50);
        us[999] = 5000; // one scheduling stall
        us[998] = 4000;
        BenchResult.Latency l = BenchResult.Latency.of("x", us, 10);
        assertThat(l.p99Us()).isEqualTo(50);
        assertThat(l.histogramUpperUs()).isEqualTo(75);
        assertThat(l.aboveCount()).isEqualTo(2);
        assertThat(Arrays.stream(l.histogramCounts()).sum()).isEqualTo(998);
    }

    @Test
    void drawsASingleValueInOneBin() {
        BenchResult.Latency l = BenchResult.Latency.of("x", new double[] {42}, 5);
        assertThat(l.p50Us()).isEqualTo(42);
        assertThat(l.maxUs()).isEqualTo(42);
        assertThat(l.histogramCounts()).containsExactly(1, 0, 0, 0, 0);
        assertThat(l.histogramBinWidthUs()).isPositive();
    }

    @Test
    void refusesANonPositiveWindow() {
        assertThatThrownBy(() -> new MachineBench(0, s -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheCpuModelOrFallsBackToTheArchitecture() {
        assertThat(MachineBench.cpuModel()).isNotBlank();
    }
}
