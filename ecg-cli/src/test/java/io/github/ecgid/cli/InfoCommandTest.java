package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.io.PlainCsvWriter;
import io.github.ecgid.core.io.SeedCsvOptions;
import io.github.ecgid.core.io.SeedCsvWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** A 2-lead, 360 Hz, format-16 record of 720 samples with 3 N, 1 V and a rhythm label. */
    private Path wfdbRecord() throws Exception {
        byte[] dat = new byte[720 * 2 * 2];
        Files.write(dir.resolve("rec.dat"), dat);
        Files.writeString(dir.resolve("rec.hea"), "rec 2 360 720\r\nrec.dat 16 200 11 0 0 0 0 MLII\r\n"
                + "rec.dat 16 200 11 0 0 0 0 V5\r\n# comment\r\n", StandardCharsets.US_ASCII);
        // MIT words (little-endian): code << 10 | interval; 0x0000 ends the file
        int[] words = {28 << 10 | 1, 63 << 10 | 2, ('N' << 8) | '(', 1 << 10 | 100, 1 << 10 | 300, 5 << 10 | 100,
            1 << 10 | 200, 0};
        byte[] atr = new byte[words.length * 2];
        for (int i = 0; i < words.length; i++) {
            atr[2 * i] = (byte) words[i];
            atr[2 * i + 1] = (byte) (words[i] >> 8);
        }
        Files.write(dir.resolve("rec.atr"), atr);
        return dir.resolve("rec");
    }

    @Test
    void summarisesAWfdbRecordWithAnnotationCounts() throws Exception {
        Path rec = wfdbRecord();

        CliRun r = run("info", rec.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("sampling rate: 360 Hz", "leads:         2 (MLII, V5)", "units:         mV",
                "samples:       720 per lead", "duration:      2.000 s", "annotations:   5 (4 beats)");
        assertThat(r.out()).containsPattern("'N' +3  beat").containsPattern("'V' +1  beat").containsPattern("'\\+' +1\n");
        assertThat(run("info", rec + ".hea").out()).isEqualTo(r.out());
    }

    @Test
    void printsJsonWithTheSameFacts() throws Exception {
        Path rec = wfdbRecord();

        CliRun r = run("info", rec.toString(), "--json");
        JsonNode j = new ObjectMapper().readTree(r.out());

        assertThat(r.exit()).isZero();
        assertThat(j.get("format").asText()).isEqualTo("WFDB");
        assertThat(j.get("samplingRateHz").asDouble()).isEqualTo(360.0);
        assertThat(j.get("leads").toString()).isEqualTo("[\"MLII\",\"V5\"]");
        assertThat(j.get("samples").asInt()).isEqualTo(720);
        assertThat(j.get("units").asText()).isEqualTo("mV");
        assertThat(j.get("annotations").get("N").asInt()).isEqualTo(3);
        assertThat(j.get("annotations").get("+").asInt()).isEqualTo(1);
        assertThat(j.get("beatCount").asInt()).isEqualTo(4);
    }

    @Test
    void readsSeedCsvAtTheGivenRateAndPlainCsvAtItsOwn() {
        double[] mv = new double[1000];
        for (int i = 0; i < mv.length; i++) {
            mv[i] = Math.sin(i / 20.0);
        }
        Path seed = dir.resolve("log.csv");
        SeedCsvWriter.write(EcgRecord.of(500, "ECG", mv), seed, SeedCsvOptions.builder().samplingRateHz(500).build());
        Path plain = dir.resolve("plain.csv");
        PlainCsvWriter.write(EcgRecord.of(128, List.of("I", "II"), new double[][] {mv, mv}, "x", null), plain);

        CliRun s = run("info", seed.toString(), "--fs", "500");
        CliRun p = run("info", plain.toString());

        assertThat(s.exit()).isZero();
        assertThat(s.out()).contains("seed CSV", "sampling rate: 500 Hz", "leads:         1 (ECG)",
                "samples:       1000 per lead", "annotations:   0");
        assertThat(p.exit()).isZero();
        assertThat(p.out()).contains("plain CSV", "sampling rate: 128 Hz", "leads:         2 (I, II)");
    }

    @Test
    void countsTheTrueRPeaksSynthWritesBesideASeedCsv() throws Exception {
        Path seed = dir.resolve("person01_session1.csv");
        SeedCsvWriter.write(EcgRecord.of(250, "ECG", new double[500]), seed);
        Files.writeString(dir.resolve("person01_session1.rpeaks.csv"), "sample,time_s\n100,0.4\n300,1.2\n");

        CliRun r = run("info", seed.toString());
        CliRun j = run("info", seed.toString(), "--json");

        assertThat(r.out()).contains("true R peaks:  2 (from person01_session1.rpeaks.csv)");
        assertThat(new ObjectMapper().readTree(j.out()).get("trueRPeaks").get("count").asInt()).isEqualTo(2);
    }

    @Test
    void badInputExitsWithOneLineAndBadUsageWithTwo() throws Exception {
        Path rec = wfdbRecord();
        Files.write(dir.resolve("rec.dat"), new byte[10]); // truncated

        CliRun truncated = run("info", rec.toString());
        CliRun missing = run("info", dir.resolve("nope").toString());
        CliRun fsOnWfdb = run("info", rec.toString(), "--fs", "250");

        assertThat(truncated.exit()).isEqualTo(1);
        assertThat(truncated.err().strip()).doesNotContain("\n").contains("rec.dat", "expected 2880 bytes",
                "found 10 bytes");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("nope", "no WFDB header");
        assertThat(fsOnWfdb.exit()).isEqualTo(2);
        assertThat(fsOnWfdb.err()).contains("--fs applies to CSV files only");
    }
}
