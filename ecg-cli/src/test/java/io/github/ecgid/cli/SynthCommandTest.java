package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.io.SeedCsvOptions;
import io.github.ecgid.core.io.SeedCsvReader;
import io.github.ecgid.core.synth.Noise;
import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.core.synth.SyntheticRecording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void writesOneSeedCsvAndPeakFilePerPersonAndSession() {
        CliRun r = run("synth", "--persons", "2", "--sessions", "2", "--seconds", "6", "--out", dir.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(dir.resolve("person01_session1.csv")).isRegularFile();
        assertThat(dir.resolve("person02_session2.csv")).isRegularFile();
        assertThat(dir.resolve("person02_session2.rpeaks.csv")).isRegularFile();
        assertThat(dir.resolve("manifest.json")).isRegularFile();
        assertThat(r.out()).contains("wrote 4 recordings").contains("person02_session2.csv");
    }

    @Test
    void csvReadsBackAsTheGeneratedSignalAndPeaksAreTheTruth() throws Exception {
        CliRun r = run("synth", "--persons", "3", "--seconds", "8", "--fs", "500", "--seed", "9", "--out",
                dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        SyntheticRecording expected = SyntheticCohort.of(3, 9).withSessions(1).withDurationSeconds(8)
                .withSamplingRateHz(500).withNoise(Noise.realistic()).recording(3, 1);

        EcgRecord back = SeedCsvReader.read(dir.resolve("person03_session1.csv"),
                SeedCsvOptions.defaults().withSamplingRateHz(500));
        double[] want = expected.signalMv();
        double mean = java.util.Arrays.stream(want).average().orElseThrow();
        double[] got = back.lead(0);
        assertThat(got).hasSameSizeAs(want);
        double perCount = SeedCsvOptions.defaults().millivoltsPerCount();
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).isCloseTo(want[i] - mean, within(perCount));
        }

        List<String> lines = Files.readAllLines(dir.resolve("person03_session1.rpeaks.csv"));
        assertThat(lines.get(0)).isEqualTo("sample,time_s");
        int[] peaks = lines.stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[0])).toArray();
        assertThat(peaks).containsExactly(expected.rPeakSamples());
        assertThat(lines.get(1).split(",")[1]).isEqualTo(String.format(java.util.Locale.ROOT, "%.6f", peaks[0] / 500.0));
    }

    @Test
    void manifestDescribesEveryRecording() throws Exception {
        CliRun r = run("synth", "--persons", "2", "--sessions", "3", "--seconds", "5", "--noise", "none", "--json",
                "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();

        JsonNode printed = new ObjectMapper().readTree(r.out());
        JsonNode onDisk = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertThat(printed).isEqualTo(onDisk);
        assertThat(onDisk.get("samplingRateHz").asDouble()).isEqualTo(250);
        assertThat(onDisk.get("noise").asText()).isEqualTo("none");
        assertThat(onDisk.get("recordings")).hasSize(6);
        JsonNode last = onDisk.get("recordings").get(5);
        assertThat(last.get("person").asInt()).isEqualTo(2);
        assertThat(last.get("session").asInt()).isEqualTo(3);
        assertThat(last.get("samples").asInt()).isEqualTo(1250);
        assertThat(last.get("beats").asInt()).isPositive();
    }

    @Test
    void sameSeedWritesIdenticalFiles() throws Exception {
        Path other = dir.resolve("again");
        run("synth", "--persons", "1", "--seconds", "4", "--out", dir.toString());
        run("synth", "--persons", "1", "--seconds", "4", "--out", other.toString());

        assertThat(Files.readAllBytes(other.resolve("person01_session1.csv")))
                .isEqualTo(Files.readAllBytes(dir.resolve("person01_session1.csv")));
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertThat(run("synth", "--persons", "0", "--seconds", "5", "--out", dir.toString()).exit()).isEqualTo(2);
        assertThat(run("synth", "--persons", "1", "--seconds", "-1", "--out", dir.toString()).exit()).isEqualTo(2);
        assertThat(run("synth", "--persons", "1", "--seconds", "5", "--fs", "5", "--out", dir.toString()).exit())
                .isEqualTo(2);
        CliRun noise = run("synth", "--persons", "1", "--seconds", "5", "--noise", "loud", "--out", dir.toString());
        assertThat(noise.exit()).isEqualTo(2);
        assertThat(noise.err()).contains("--noise must be none or realistic");
        assertThat(run("synth", "--persons", "1", "--out", dir.toString()).exit()).isEqualTo(2);
    }

    @Test
    void outputPathThatIsAFileIsBadInput() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");

        CliRun r = run("synth", "--persons", "1", "--seconds", "2", "--out", file.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("not a folder").doesNotContain("at io.github");
    }

    @Test
    void helpExitsZero() {
        CliRun r = run("synth", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--persons").contains("--seconds").contains("--out");
    }
}
