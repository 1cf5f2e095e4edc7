package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.io.PlainCsvWriter;
import io.github.ecgid.core.synth.SyntheticEcg;
import io.github.ecgid.core.synth.SyntheticRecording;
import io.github.ecgid.hrv.HrvAnalyzer;
import io.github.ecgid.hrv.HrvReport;
import io.github.ecgid.hrv.RrSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HrvCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static double[] rr(int n) {
        Random rnd = new Random(3);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 4 * Math.round((820 + 40 * Math.sin(i / 8.0) + 15 * rnd.nextGaussian()) / 4);
        }
        return v;
    }

    private Path rrFile(double[] v) throws Exception {
        StringJoiner j = new StringJoiner("\n", "# RR in ms\n", "\n");
        for (double x : v) {
            j.add(Double.toString(x));
        }
        Path f = dir.resolve("rr.txt");
        Files.writeString(f, j.toString());
        return f;
    }

    @Test
    void rrFileJsonIsAFlatObjectWithTheLibraryValues() throws Exception {
        double[] v = rr(400);
        CliRun r = run("hrv", "--rr", rrFile(v).toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        HrvReport want = HrvAnalyzer.defaults().analyze(RrSeries.ofIntervalsMs(v));
        assertThat(j.size()).isEqualTo(want.asMap().size());
        want.asMap().forEach((k, x) -> {
            if (Double.isFinite(x)) {
                assertThat(j.get(k).asDouble()).as(k).isCloseTo(x, within(1e-12 * Math.max(1, Math.abs(x))));
            } else {
                assertThat(j.get(k).isNull()).as(k).isTrue();
            }
        });
        assertThat(j.get("HRV_SDANN5").isNull()).isTrue();
    }

    @Test
    void rrFileTextListsEveryIndexByName() throws Exception {
        CliRun r = run("hrv", "--rr", rrFile(rr(300)).toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("HRV_MeanNN", "HRV_RMSSD", "HRV_LF", "HRV_SampEn", "HRV_DFA_alpha2");
        assertThat(r.out().lines().count()).isEqualTo(45);
    }

    @Test
    void helpRendersWithoutFormatWarnings() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream tracer = new java.io.ByteArrayOutputStream();
        CliRun r;
        try {
            System.setErr(new java.io.PrintStream(tracer, true, java.nio.charset.StandardCharsets.UTF_8));
            r = run("hrv", "--help");
        } finally {
            System.setErr(saved);
        }
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--rr=FILE", "--correct", "20 % from the median");
        assertThat(tracer.toString(java.nio.charset.StandardCharsets.UTF_8) + r.err()).doesNotContain("WARN");
    }

    @Test
    void nonNumericLineIsABadInputNamingTheLine() throws Exception {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, "800\n810\nabc\n790\n");
        CliRun r = run("hrv", "--rr", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("line 3").contains("abc");
    }

    @Test
    void negativeIntervalIsABadInputNamingTheLine() throws Exception {
        Path f = dir.resolve("neg.txt");
        Files.writeString(f, "800\n-810\n790\n");
        CliRun r = run("hrv", "--rr", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("line 2").contains("positive");
    }

    @Test
    void twoIntervalsGiveAnEmptyReportAndTheReason() throws Exception {
        Path f = dir.resolve("two.txt");
        Files.writeString(f, "800\n810\n");
        CliRun r = run("hrv", "--rr", f.toString(), "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("at least 3");
        assertThat(new ObjectMapper().readTree(r.out()).get("HRV_MeanNN").isNull()).isTrue();
    }

    @Test
    void recordOrRrFileIsRequiredButNotBoth() throws Exception {
        assertThat(run("hrv").exit()).isEqualTo(2);
        assertThat(run("hrv", "x.csv", "--rr", "y.txt").exit()).isEqualTo(2);
        assertThat(run("hrv", "--rr", rrFile(rr(10)).toString(), "--psd", "fft").exit()).isEqualTo(2);
        assertThat(run("hrv", "--rr", rrFile(rr(10)).toString(), "--reference-beats").exit()).isEqualTo(2);
    }

    @Test
    void hrvAndTheReportFindTheSameRPeaksInOneRecording() throws Exception {
        SyntheticRecording syn = SyntheticEcg.builder().samplingRateHz(250).durationSeconds(60).heartRateBpm(72)
                .build().generate();
        Path csv = dir.resolve("same.csv");
        PlainCsvWriter.write(syn.record(), csv);

        CliRun hrv = run("hrv", csv.toString());
        CliRun report = run("report", csv.toString(), "--out", dir.resolve("r.html").toString());

        java.util.regex.Matcher h = java.util.regex.Pattern.compile("(\\d+) R-peaks").matcher(hrv.err());
        java.util.regex.Matcher p = java.util.regex.Pattern.compile("(\\d+) R-peaks").matcher(report.err());
        assertThat(h.find()).as(hrv.err()).isTrue();
        assertThat(p.find()).as(report.err()).isTrue();
        assertThat(h.group(1)).isEqualTo(p.group(1));
        assertThat(Integer.parseInt(h.group(1))).isEqualTo(syn.rPeakSamples().length);
    }

    @Test
    void recordPathDetectsBeatsAndMatchesTheTrueMeanInterval() throws Exception {
        SyntheticRecording syn = SyntheticEcg.builder().samplingRateHz(250).durationSeconds(120).heartRateBpm(70)
                .build().generate();
        Path csv = dir.resolve("syn.csv");
        PlainCsvWriter.write(syn.record(), csv);
        CliRun r = run("hrv", csv.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("R-peaks");
        double trueMean = java.util.Arrays.stream(syn.rrIntervalsSeconds()).average().orElseThrow() * 1000;
        assertThat(new ObjectMapper().readTree(r.out()).get("HRV_MeanNN").asDouble()).isCloseTo(trueMean, within(5.0));
    }

    @Test
    void anRrFileThatIsAFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("rr.fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "needs mkfifo");

        CliRun r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> CliRun.of("hrv", "--rr", fifo.toString()));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("ecgid: ").contains("rr.fifo", "RR file is not a regular file");
    }
}
