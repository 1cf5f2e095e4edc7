package io.github.ecgid.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedCsvTest {

    /** mV per ADC count with gain 6 and Vref 2.42 V: 2 * 2.42 * 1000 / (6 * 2^24). */
    private static final double LSB_MV = 4840.0 / (6.0 * 16777216.0);

    @TempDir
    Path dir;

    @Test
    void convertsChannel1WithTheOriginFormulaAroundTheMean() {
        String csv = "timestamp, Channel 1, Channel 2, Channel 3\n"
                + "1700000000, 1000, 7, 0\n"
                + "1700000000, 3000, 7, 0\n"
                + "1700000000, -1000, 7, 0\n";

        EcgRecord rec = SeedCsvReader.read(new StringReader(csv), "mem", SeedCsvOptions.defaults());

        // mean 1000: (adc - 1000) * 2 * 2.42 * 1000 / (6 * 2^24)
        assertThat(rec.samplingRateHz()).isEqualTo(250.0);
        assertThat(rec.leadNames()).containsExactly("ECG");
        assertThat(rec.lead("ECG")).containsExactly(new double[] {0.0, 2000 * LSB_MV, -2000 * LSB_MV},
                within(1e-15));
        assertThat(2000 * LSB_MV).isCloseTo(0.09617, within(1e-5));
    }

    @Test
    void acceptsBomCrlfSpacesAndTrailingBlankLines() {
        String csv = "\uFEFF timestamp ,Channel 1,  channel 2,CHANNEL 3 \r\n"
                + " 1 ,  10 , 1 ,0\r\n"
                + "1,20,2,0\r\n"
                + "\r\n  \r\n\r\n";
        Path file = dir.resolve("bom.csv");
        WfdbFiles.write(file, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        EcgRecord rec = SeedCsvReader.read(file);

        assertThat(rec.length()).isEqualTo(2);
        assertThat(rec.lead(0)).containsExactly(new double[] {-5 * LSB_MV, 5 * LSB_MV}, within(1e-15));
        assertThat(rec.source()).isEqualTo(file.toString());
    }

    @Test
    void usesConfiguredRateGainAndReferenceAndOptionalRespiration() {
        String csv = "timestamp,Channel 1,Channel 2,Channel 3\n0,100,50,0\n0,300,150,0\n";
        SeedCsvOptions opts = SeedCsvOptions.builder().samplingRateHz(500).gain(12).vrefVolts(2.4)
                .includeRespiration(true).build();

        EcgRecord rec = SeedCsvReader.read(new StringReader(csv), "mem", opts);

        double lsb = 2 * 2.4 * 1000 / (12 * 16777216.0);
        assertThat(opts.millivoltsPerCount()).isEqualTo(lsb);
        assertThat(rec.samplingRateHz()).isEqualTo(500.0);
        assertThat(rec.leadNames()).containsExactly("ECG", "RESP");
        assertThat(rec.lead("ECG")).containsExactly(new double[] {-100 * lsb, 100 * lsb}, within(1e-15));
        assertThat(rec.lead("RESP")).containsExactly(new double[] {-50 * lsb, 50 * lsb}, within(1e-15));
    }

    @Test
    void decodesRawUnsigned24BitWordsAsTwosComplement() {
        // 0xFFFFFF = -1, 0x800000 = -8388608, 0x7FFFFF = 8388607, 1 = 1
        String csv = "timestamp,Channel 1,Channel 2,Channel 3\n0,16777215,0,0\n0,8388608,0,0\n0,8388607,0,0\n"
                + "0,1,0,0\n";
        SeedCsvOptions opts = SeedCsvOptions.builder().unsignedAdc(true).build();

        double[] mv = SeedCsvReader.read(new StringReader(csv), "mem", opts).lead(0);

        double mean = (-1 - 8388608 + 8388607 + 1) / 4.0;
        assertThat(mv).containsExactly(new double[] {(-1 - mean) * LSB_MV, (-8388608 - mean) * LSB_MV,
            (8388607 - mean) * LSB_MV, (1 - mean) * LSB_MV}, within(1e-12));
    }

    @Test
    void acceptsIntegralDecimalsAsWrittenBySomeTools() {
        String csv = "timestamp,Channel 1,Channel 2,Channel 3\n1.7e9,10.0,0,0.0\n1.7e9,-10,0,0\n";

        double[] mv = SeedCsvReader.read(new StringReader(csv), "mem", SeedCsvOptions.defaults()).lead(0);

        assertThat(mv).containsExactly(new double[] {10 * LSB_MV, -10 * LSB_MV}, within(1e-15));
    }

    @Test
    void rateCheckCanBeTurnedOffForLoggersWithGaps() {
        StringBuilder sb = new StringBuilder("timestamp,Channel 1,Channel 2,Channel 3\n");
        for (int i = 0; i < 600; i++) {
            sb.append(i / 100).append(",1,0,0\n"); // 100 rows per second, set rate 250
        }
        SeedCsvOptions off = SeedCsvOptions.builder().checkTimestampRate(false).build();

        assertThat(SeedCsvReader.read(new StringReader(sb.toString()), "mem", off).length()).isEqualTo(600);
        assertThatThrownBy(() -> SeedCsvReader.read(new StringReader(sb.toString()), "mem", SeedCsvOptions.defaults()))
                .hasMessageContaining("100.0 rows per second");
    }

    @Test
    void roundTripsThroughTheWriterWithinHalfAnAdcCount() {
        SplittableRandom rnd = new SplittableRandom(42);
        double[] ecg = new double[2000];
        double[] resp = new double[2000];
        for (int i = 0; i < ecg.length; i++) {
            ecg[i] = Math.sin(i * 0.05) * 1.5 + rnd.nextDouble(-0.2, 0.2) + 3.0; // 3 mV DC is lost on purpose
            resp[i] = Math.cos(i * 0.01) * 0.3;
        }
        EcgRecord rec = EcgRecord.of(250, List.of("ECG", "RESP"), new double[][] {ecg, resp}, "synthetic", null);
        Path file = dir.resolve("rt.csv");
        SeedCsvOptions opts = SeedCsvOptions.builder().includeRespiration(true).startEpochSecond(1_700_000_000L)
                .build();

        SeedCsvWriter.write(rec, file, opts);
        EcgRecord back = SeedCsvReader.read(file, opts);

        double mean = java.util.Arrays.stream(ecg).average().orElseThrow();
        double[] got = back.lead("ECG");
        for (int i = 0; i < ecg.length; i++) {
            assertThat(got[i]).isCloseTo(ecg[i] - mean, within(LSB_MV));
        }
        assertThat(back.lead("RESP")[0]).isCloseTo(resp[0] - java.util.Arrays.stream(resp).average().orElseThrow(),
                within(LSB_MV));
        assertThat(back.samplingRateHz()).isEqualTo(250.0);
        // a record read from the format is already zero-mean and survives another round unchanged
        Path again = dir.resolve("again.csv");
        SeedCsvWriter.write(back, again, opts);
        assertThat(SeedCsvReader.read(again, opts).lead("ECG")).containsExactly(got, within(LSB_MV));
    }

    @Test
    void writesTheLoggerHeaderWholeSecondTimestampsAndUnsignedWordsOnRequest() throws Exception {
        EcgRecord rec = EcgRecord.of(2, "ECG", new double[] {-LSB_MV, 0, 2 * LSB_MV});
        StringWriter out = new StringWriter();

        SeedCsvWriter.write(rec, "ECG", out, SeedCsvOptions.builder().samplingRateHz(2).unsignedAdc(true)
                .startEpochSecond(100).build());

        assertThat(out.toString()).isEqualTo("timestamp, Channel 1, Channel 2, Channel 3\n"
                + "100,16777215,0,0\n100,0,0,0\n101,2,0,0\n");
    }

    @Test
    void refusesSamplesTheAdcCannotHoldAndRatesTheFileCannotStore() {
        EcgRecord tooBig = EcgRecord.of(250, "ECG", new double[] {0, 500.0});
        EcgRecord nan = EcgRecord.of(250, "ECG", new double[] {0, Double.NaN});
        EcgRecord at360 = EcgRecord.of(360, "ECG", new double[] {0});

        assertThatThrownBy(() -> SeedCsvWriter.write(tooBig, dir.resolve("a.csv")))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("sample 1", "500.0 mV", "24-bit");
        assertThatThrownBy(() -> SeedCsvWriter.write(nan, dir.resolve("b.csv")))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("sample 1", "NaN");
        assertThatThrownBy(() -> SeedCsvWriter.write(at360, dir.resolve("c.csv")))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("360.0 Hz", "250.0 Hz");
        assertThat(dir.resolve("a.csv")).doesNotExist(); // no half-written file
        assertThat(dir.resolve("b.csv")).doesNotExist();
        assertThat(dir.resolve("c.csv")).doesNotExist();
    }

    @Test
    void optionsRejectNonsense() {
        assertThatThrownBy(() -> SeedCsvOptions.builder().samplingRateHz(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samplingRateHz");
        assertThatThrownBy(() -> SeedCsvOptions.builder().gain(-6).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gain");
        assertThatThrownBy(() -> SeedCsvOptions.builder().vrefVolts(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vrefVolts");
    }
}
