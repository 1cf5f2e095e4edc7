package io.github.ecgid.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainCsvTest {

    @TempDir
    Path dir;

    private static EcgRecord randomRecord(double fs, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] mv = new double[2][n];
        for (int i = 0; i < n; i++) {
            mv[0][i] = rnd.nextDouble(-5, 5);
            mv[1][i] = rnd.nextGaussian() * 1e-6; // tiny values print in E notation and must survive
        }
        return EcgRecord.of(fs, List.of("MLII", "V5"), mv, "synthetic", null);
    }

    @ParameterizedTest
    @ValueSource(doubles = {360.0, 500.0, 250.0, 128.5, 1000.0})
    void roundTripsSamplesExactlyAndRecoversTheRate(double fs) {
        EcgRecord rec = randomRecord(fs, 3000, 7);
        Path file = dir.resolve("r.csv");

        PlainCsvWriter.write(rec, file);
        EcgRecord back = PlainCsvReader.read(file);

        assertThat(back.samplingRateHz()).isEqualTo(fs);
        assertThat(back.leadNames()).containsExactly("MLII", "V5");
        assertThat(back.lead("MLII")).containsExactly(rec.lead("MLII"));
        assertThat(back.lead("V5")).containsExactly(rec.lead("V5"));
    }

    @Test
    void recoversTheRateFromJustTwoRows() {
        EcgRecord rec = EcgRecord.of(360, "ECG", new double[] {1, 2});
        Path file = dir.resolve("two.csv");

        PlainCsvWriter.write(rec, file);

        assertThat(PlainCsvReader.read(file).samplingRateHz()).isEqualTo(360.0);
    }

    @Test
    void writesTimeInSecondsWithNanosecondDigits() {
        StringWriter out = new StringWriter();

        PlainCsvWriter.write(EcgRecord.of(360, "ECG", new double[] {0.5, -0.145, 1e-7}), out);

        assertThat(out.toString()).isEqualTo("time_s,ECG\n0.000000000,0.5\n0.002777778,-0.145\n0.005555556,1.0E-7\n");
    }

    @Test
    void usesAGivenRateWhenTheTimeColumnAgrees() {
        String csv = "time_s, I \r\n0.000,1\r\n0.004,2\r\n0.008,3\r\n\r\n";

        EcgRecord rec = PlainCsvReader.read(new StringReader(csv), "mem", 250);

        assertThat(rec.samplingRateHz()).isEqualTo(250.0);
        assertThat(rec.leadNames()).containsExactly("I");
        assertThat(rec.lead("I")).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void refusesLeadNamesThatWouldBreakTheColumnsAndNonFiniteSamples() {
        EcgRecord comma = EcgRecord.of(250, "I,II", new double[] {1});
        EcgRecord nan = EcgRecord.of(250, "I", new double[] {1, Double.POSITIVE_INFINITY});

        assertThatThrownBy(() -> PlainCsvWriter.write(comma, dir.resolve("a.csv")))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("'I,II'");
        assertThatThrownBy(() -> PlainCsvWriter.write(nan, dir.resolve("b.csv")))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("sample 1", "Infinity");
        assertThat(dir.resolve("b.csv")).doesNotExist();
    }
}
