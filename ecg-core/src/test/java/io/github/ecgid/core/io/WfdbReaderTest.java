package io.github.ecgid.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.core.Annotation;
import io.github.ecgid.core.EcgRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WfdbReaderTest {

    @TempDir
    Path dir;

    private static int[][] randomAdc(int signals, int n, int min, int max, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] adc = new int[signals][n];
        for (int s = 0; s < signals; s++) {
            for (int i = 0; i < n; i++) {
                adc[s][i] = rnd.nextInt(min, max + 1);
            }
        }
        return adc;
    }

    private static String signalLine(String file, String format, String gain, int zero, int[] adc, String desc) {
        return file + " " + format + " " + gain + " 12 " + zero + " " + adc[0] + " " + WfdbFiles.checksum(adc)
                + " 0 " + desc + "\r\n";
    }

    @Test
    void readsMultiplexedFormat212ExactlyAsTheFormulaSays() {
        // 12-bit extremes (except -2048, WFDB's invalid code) and an odd number of samples in total
        int[][] adc = randomAdc(3, 1001, -2047, 2047, 1);
        adc[0][0] = 2047;
        adc[1][0] = -2047;
        WfdbFiles.write(dir.resolve("r.dat"), WfdbFiles.encode212(WfdbFiles.interleave(adc)));
        WfdbFiles.writeText(dir.resolve("r.hea"), "r 3 360 1001\r\n"
                + signalLine("r.dat", "212", "200(1024)/mV", 1024, adc[0], "MLII")
                + signalLine("r.dat", "212", "100", 7, adc[1], "V5")
                + signalLine("r.dat", "212", "400(-3)/uV", 0, adc[2], "V1") + "# age 69\r\n");

        EcgRecord rec = WfdbReader.read(dir.resolve("r"));

        assertThat(rec.samplingRateHz()).isEqualTo(360.0);
        assertThat(rec.leadNames()).containsExactly("MLII", "V5", "V1");
        assertThat(rec.length()).isEqualTo(1001);
        for (int i = 0; i < 1001; i++) {
            assertThat(rec.lead(0)[i]).isEqualTo((adc[0][i] - 1024) / 200.0);
            assertThat(rec.lead(1)[i]).isEqualTo((adc[1][i] - 7) / 100.0); // no baseline: ADC zero
            assertThat(rec.lead(2)[i]).isCloseTo((adc[2][i] + 3) / 400.0 / 1000.0, within(1e-15)); // uV -> mV
        }
        assertThat(rec.annotations().isEmpty()).isTrue();
    }

    @Test
    void readsFormat16AcrossTheWholeSignedRange() {
        int[][] adc = randomAdc(2, 500, -32767, 32767, 2);
        adc[0][1] = 32767;
        adc[1][1] = -32767;
        WfdbFiles.write(dir.resolve("e.dat"), WfdbFiles.encode16(WfdbFiles.interleave(adc)));
        WfdbFiles.writeText(dir.resolve("e.hea"), "e 2 500 500\n"
                + signalLine("e.dat", "16", "200", 0, adc[0], "ECG I")
                + signalLine("e.dat", "16", "200", 0, adc[1], "ECG I filtered"));

        EcgRecord rec = WfdbReader.read(dir.resolve("e.hea"));

        assertThat(rec.leadNames()).containsExactly("ECG I", "ECG I filtered");
        for (int i = 0; i < 500; i++) {
            assertThat(rec.lead(0)[i]).isEqualTo(adc[0][i] / 200.0);
            assertThat(rec.lead(1)[i]).isEqualTo(adc[1][i] / 200.0);
        }
    }

    @Test
    void readsFormats61And80() {
        int[][] big = randomAdc(1, 300, -32767, 32767, 3);
        int[][] small = randomAdc(1, 300, -127, 127, 4);
        WfdbFiles.write(dir.resolve("b.dat"), WfdbFiles.encode61(big[0]));
        WfdbFiles.write(dir.resolve("s.dat"), WfdbFiles.encode80(small[0]));
        WfdbFiles.writeText(dir.resolve("two.hea"), "two 2 100 300\n"
                + signalLine("b.dat", "61", "1000", 0, big[0], "big")
                + signalLine("s.dat", "80", "10", 0, small[0], "small"));

        EcgRecord rec = WfdbReader.read(dir.resolve("two"));

        for (int i = 0; i < 300; i++) {
            assertThat(rec.lead("big")[i]).isEqualTo(big[0][i] / 1000.0);
            assertThat(rec.lead("small")[i]).isEqualTo(small[0][i] / 10.0);
        }
    }

    @Test
    void appliesHeaderDefaultsWhenFieldsAreMissing() {
        int[] adc = {5, -5, 400};
        WfdbFiles.write(dir.resolve("d.dat"), WfdbFiles.encode16(adc));
        // no fs (250 assumed), no sample count (file decides), no gain (200 assumed), no description
        WfdbFiles.writeText(dir.resolve("d.hea"), "# leading comment\n\nd 1\nd.dat 16\n");

        WfdbHeader h = WfdbReader.readHeader(dir.resolve("d"));
        EcgRecord rec = WfdbReader.read(dir.resolve("d"));

        assertThat(h.samplingRateHz()).isEqualTo(250.0);
        assertThat(h.sampleCount()).isEqualTo(-1);
        assertThat(h.signals().get(0).adcGain()).isEqualTo(200.0);
        assertThat(h.signals().get(0).units()).isEqualTo("mV");
        assertThat(h.comments()).containsExactly("leading comment");
        assertThat(rec.length()).isEqualTo(3);
        assertThat(rec.leadNames()).containsExactly("signal 0");
        assertThat(rec.lead(0)).containsExactly(0.025, -0.025, 2.0);
    }

    @Test
    void treatsGainZeroAsUncalibratedDefault200() {
        WfdbFiles.write(dir.resolve("z.dat"), WfdbFiles.encode16(new int[] {200, 400}));
        WfdbFiles.writeText(dir.resolve("z.hea"), "z 1 360 2\nz.dat 16 0 12 0 200 600 0 noise1\n");

        assertThat(WfdbReader.read(dir.resolve("z")).lead(0)).containsExactly(1.0, 2.0);
    }

    @Test
    void parsesTheFullHeaderOfAnMitBihStyleRecord() {
        WfdbFiles.writeText(dir.resolve("100.hea"), "100 2 360 650000\r\n"
                + "100.dat 212 200 11 1024 995 -22131 0 MLII\r\n"
                + "100.dat 212 200 11 1024 1011 20052 0 V5\r\n"
                + "# 69 M 1085 1629 x1\r\n# Aldomet, Inderal\r\n");

        WfdbHeader h = WfdbReader.readHeader(dir.resolve("100"));

        assertThat(h.recordName()).isEqualTo("100");
        assertThat(h.signalCount()).isEqualTo(2);
        assertThat(h.sampleCount()).isEqualTo(650000);
        assertThat(h.durationSeconds()).isCloseTo(1805.56, within(0.01));
        WfdbSignal s = h.signals().get(0);
        assertThat(s.fileName()).isEqualTo("100.dat");
        assertThat(s.format()).isEqualTo(212);
        assertThat(s.adcGain()).isEqualTo(200.0);
        assertThat(s.adcResolution()).isEqualTo(11);
        assertThat(s.adcZero()).isEqualTo(1024);
        assertThat(s.baseline()).isEqualTo(1024);
        assertThat(s.initialValue()).hasValue(995);
        assertThat(s.checksum()).hasValue(-22131);
        assertThat(s.description()).isEqualTo("MLII");
        assertThat(h.comments()).containsExactly("69 M 1085 1629 x1", "Aldomet, Inderal");
    }

    @Test
    void parsesCounterFrequencyBaseTimeTabsAndFractionalGain() {
        WfdbFiles.writeText(dir.resolve("f.hea"), "f\t1\t128/1000(5) 4 10:30:00.000 25/11/2026\n"
                + "f.dat\t16+0\t12.5(-4)/uV 16 0 0 0 0 chest lead, raw\n");

        WfdbHeader h = WfdbReader.readHeader(dir.resolve("f"));

        assertThat(h.samplingRateHz()).isEqualTo(128.0);
        assertThat(h.sampleCount()).isEqualTo(4);
        WfdbSignal s = h.signals().get(0);
        assertThat(s.adcGain()).isEqualTo(12.5);
        assertThat(s.baseline()).isEqualTo(-4);
        assertThat(s.units()).isEqualTo("uV");
        assertThat(s.toMillivolts()).isEqualTo(1e-3);
        assertThat(s.adcResolution()).isEqualTo(16);
        assertThat(s.description()).isEqualTo("chest lead, raw");
    }

    @Test
    void honoursAByteOffsetInTheFormatField() {
        int[] adc = {1, 2, 3, 4};
        byte[] body = WfdbFiles.encode16(adc);
        byte[] withPrefix = new byte[6 + body.length];
        System.arraycopy(body, 0, withPrefix, 6, body.length);
        WfdbFiles.write(dir.resolve("o.dat"), withPrefix);
        WfdbFiles.writeText(dir.resolve("o.hea"), "o 1 100 4\no.dat 16+6 1\n");

        assertThat(WfdbReader.read(dir.resolve("o")).lead(0)).containsExactly(1.0, 2.0, 3.0, 4.0);
    }

    @Test
    void warnsButKeepsTheDataWhenChecksumAndFirstValueDisagree() {
        int[] adc = {10, 20, 30};
        WfdbFiles.write(dir.resolve("c.dat"), WfdbFiles.encode16(adc));
        WfdbFiles.writeText(dir.resolve("c.hea"), "c 1 100 3\nc.dat 16 10 12 0 11 61 0 ECG\n");

        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EcgRecord rec;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            rec = WfdbReader.read(dir.resolve("c"));
        } finally {
            System.setErr(saved);
        }

        assertThat(rec.lead(0)).containsExactly(1.0, 2.0, 3.0);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("WARN", "c.dat", "checksum 60 differs from 61", "starts with ADC value 10", "says 11");
    }

    @Test
    void turnsWfdbInvalidSampleCodeIntoNaN() {
        int[] adc = {100, -2048, 100};
        WfdbFiles.write(dir.resolve("n.dat"), WfdbFiles.encode212(adc));
        WfdbFiles.writeText(dir.resolve("n.hea"), "n 1 100 3\nn.dat 212 100\n");

        double[] mv = WfdbReader.read(dir.resolve("n")).lead(0);

        assertThat(mv[0]).isEqualTo(1.0);
        assertThat(mv[1]).isNaN();
        assertThat(mv[2]).isEqualTo(1.0);
    }

    @Test
    void leavesOutNonVoltageSignalsAndMakesDuplicateNamesUnique() {
        int[][] adc = randomAdc(4, 10, -100, 100, 5);
        WfdbFiles.write(dir.resolve("m.dat"), WfdbFiles.encode16(WfdbFiles.interleave(adc)));
        WfdbFiles.writeText(dir.resolve("m.hea"), "m 4 250 10\n"
                + "m.dat 16 200 12 0 0 0 0 ECG\n"
                + "m.dat 16 100/mmHg 12 0 0 0 0 ABP\n"
                + "m.dat 16 200/V 12 0 0 0 0 ECG\n"
                + "m.dat 16 200 12 0 0 0 0 ECG\n");

        EcgRecord rec = WfdbReader.read(dir.resolve("m"));

        assertThat(rec.leadNames()).containsExactly("ECG", "ECG #2", "ECG #3");
        assertThat(rec.lead(1)[0]).isEqualTo(adc[2][0] / 200.0 * 1000.0);
        assertThat(rec.lead(2)[0]).isEqualTo(adc[3][0] / 200.0);
    }

    @Test
    void attachesAtrAnnotationsWithAllModifiers() {
        WfdbFiles.write(dir.resolve("a.dat"), WfdbFiles.encode16(new int[5000]));
        WfdbFiles.writeText(dir.resolve("a.hea"), "a 1 360 5000\na.dat 16 200 11 0 0 0 0 MLII\n");
        new WfdbFiles.Atr()
                .ann(18, 28).aux("(N")            // rhythm label, even length
                .ann(77, 1)
                .ann(370, 8).word(61, 3)          // SUB on this one only
                .ann(1670, 5).word(62, 1)         // CHN via SKIP-sized interval; carries over
                .word(60, 7)                      // NUM carries over too
                .ann(1700, 1)
                .ann(4000, 14).aux("lead off")    // even
                .ann(4001, 22).aux("odd")         // odd length, padded
                .end().writeTo(dir.resolve("a.atr"));

        EcgRecord rec = WfdbReader.read(dir.resolve("a"));
        List<Annotation> a = rec.annotations().items();

        assertThat(a).containsExactly(
                new Annotation(18, "+", 0, 0, 0, "(N"),
                new Annotation(77, "N", 0, 0, 0, ""),
                new Annotation(370, "A", 3, 0, 0, ""),
                new Annotation(1670, "V", 0, 1, 7, ""),
                new Annotation(1700, "N", 0, 1, 7, ""),
                new Annotation(4000, "~", 0, 1, 7, "lead off"),
                new Annotation(4001, "\"", 0, 1, 7, "odd"));
        assertThat(rec.annotations().countBySymbol()).containsEntry("N", 2).containsEntry("A", 1);
    }

    @Test
    void readsLongSkipsAndTheTypeZeroAtSampleZeroTrick() {
        // as in ECG-ID's files: a NOTE at 0, then SKIP -1 and the word (0, 1) for a type-0 annotation at 0
        byte[] atr = new WfdbFiles.Atr().word(22, 0).aux("## time resolution: 500").skip(-1).word(0, 1)
                .ann(3_000_000, 1).end().bytes();
        WfdbFiles.write(dir.resolve("x.atr"), atr);

        List<Annotation> a = WfdbReader.readAnnotationFile(dir.resolve("x.atr")).items();

        assertThat(a).extracting(Annotation::sample).containsExactly(0L, 0L, 3_000_000L);
        assertThat(a).extracting(Annotation::symbol).containsExactly("\"", " ", "N");
    }

    @Test
    void rescalesAnnotationsWithAnotherTimeResolution() {
        WfdbFiles.write(dir.resolve("t.dat"), WfdbFiles.encode16(new int[1000]));
        WfdbFiles.writeText(dir.resolve("t.hea"), "t 1 250 1000\nt.dat 16\n");
        new WfdbFiles.Atr().word(22, 0).aux("## time resolution: 1000").ann(400, 1).ann(2000, 1).end()
                .writeTo(dir.resolve("t.atr"));

        EcgRecord rec = WfdbReader.read(dir.resolve("t"));

        assertThat(rec.annotations().beatSamples()).containsExactly(100L, 500L);
    }

    @Test
    void readsAChosenAnnotatorAndIgnoresAtrThen() {
        WfdbFiles.write(dir.resolve("q.dat"), WfdbFiles.encode16(new int[100]));
        WfdbFiles.writeText(dir.resolve("q.hea"), "q 1 100 100\nq.dat 16\n");
        new WfdbFiles.Atr().ann(10, 1).end().writeTo(dir.resolve("q.atr"));
        new WfdbFiles.Atr().ann(11, 5).ann(50, 5).end().writeTo(dir.resolve("q.qrs"));

        Map<String, Integer> counts = WfdbReader.read(dir.resolve("q"), "qrs").annotations().countBySymbol();

        assertThat(counts).containsExactly(Map.entry("V", 2));
        assertThat(WfdbReader.readSignals(dir.resolve("q")).annotations().isEmpty()).isTrue();
    }
}
