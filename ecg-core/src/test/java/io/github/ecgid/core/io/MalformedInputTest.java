package io.github.ecgid.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.ecgid.core.EcgFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reader rejects damaged input with an {@link EcgFormatException} that names the file, the place
 * (line or byte where there is one) and what was expected and found. Each case builds its file in a
 * temporary directory.
 */
class MalformedInputTest {

    @TempDir
    Path dir;

    /** Creates the bad input in a directory and returns the path to hand to the reader. */
    interface Setup extends Function<Path, Path> {
    }

    /** Calls the reader. */
    interface Read extends Consumer<Path> {
    }

    private static Arguments bad(String name, Setup setup, Read read, String... fragments) {
        return Arguments.of(name, setup, read, fragments);
    }

    private static final Read WFDB = WfdbReader::read;
    private static final Read SEED = SeedCsvReader::read;
    private static final Read PLAIN = PlainCsvReader::read;

    private static Path text(Path dir, String name, String content) {
        Path p = dir.resolve(name);
        WfdbFiles.writeText(p, content);
        return p;
    }

    private static Path bytes(Path dir, String name, byte[] content) {
        Path p = dir.resolve(name);
        WfdbFiles.write(p, content);
        return p;
    }

    /** A valid one-signal format-16 record "r" with 4 samples, for annotation cases. */
    private static Path record(Path dir) {
        bytes(dir, "r.dat", WfdbFiles.encode16(new int[] {1, 2, 3, 4}));
        text(dir, "r.hea", "r 1 100 4\nr.dat 16 200 12 0 1 10 0 ECG\n");
        return dir.resolve("r");
    }

    private static Setup header(String content) {
        return d -> {
            bytes(d, "r.dat", WfdbFiles.encode16(new int[8]));
            text(d, "r.hea", content);
            return d.resolve("r");
        };
    }

    private static Setup atr(byte[] content) {
        return d -> {
            bytes(d, "r.atr", content);
            return record(d);
        };
    }

    private static Setup seed(String content) {
        return d -> text(d, "s.csv", content);
    }

    private static Setup plain(String content) {
        return d -> text(d, "p.csv", content);
    }

    private static byte[] garbage(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static byte[] png() {
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        byte[] b = java.util.Arrays.copyOf(sig, 100);
        System.arraycopy(garbage(92, 3), 0, b, 8, 92);
        return b;
    }

    private static final String SEED_HEADER = "timestamp, Channel 1, Channel 2, Channel 3\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                // --- WFDB header -----------------------------------------------------------------------
                bad("missing header", d -> d.resolve("nothing"), WFDB, "nothing.hea", "header file not found"),
                bad("empty header", header(""), WFDB, "r.hea", "empty header"),
                bad("only comments in header", header("# just a comment\n"), WFDB, "r.hea", "empty header"),
                bad("binary garbage as header", d -> {
                    bytes(d, "r.hea", garbage(64, 1));
                    return d.resolve("r");
                }, WFDB, "r.hea", "line 1", "binary byte"),
                bad("non-numeric signal count", header("r two 100 8\n"), WFDB, "r.hea", "line 1",
                        "number of signals", "found 'two'"),
                bad("non-numeric sampling frequency", header("r 1 fast 8\nr.dat 16\n"), WFDB, "r.hea", "line 1",
                        "sampling frequency", "found 'fast'"),
                bad("zero sampling frequency", header("r 1 0 8\nr.dat 16\n"), WFDB, "r.hea", "line 1",
                        "positive sampling frequency", "found 0"),
                bad("fewer signal lines than nsig", header("r 2 100 4\nr.dat 16\n"), WFDB, "r.hea",
                        "expected 2 signal lines", "found 1"),
                bad("more signal lines than nsig", header("r 1 100 4\nr.dat 16\nr.dat 16\n"), WFDB, "r.hea",
                        "line 3", "expected 1 signal lines", "found another one"),
                bad("unknown format code", header("r 1 100 8\nr.dat 311 200\n"), WFDB, "r.hea", "line 2",
                        "format 311 is not supported", "212, 16, 61, 80"),
                bad("malformed format field", header("r 1 100 8\nr.dat 21z 200\n"), WFDB, "r.hea", "line 2",
                        "expected a format like 212", "found '21z'"),
                bad("malformed gain field", header("r 1 100 8\nr.dat 16 much/mV\n"), WFDB, "r.hea", "line 2",
                        "expected an ADC gain", "found 'much/mV'"),
                bad("non-integer ADC zero", header("r 1 100 8\nr.dat 16 200 12 zero\n"), WFDB, "r.hea",
                        "line 2", "ADC zero", "found 'zero'"),
                bad("multi-segment record", header("r/2 1 100 8\n"), WFDB, "r.hea", "line 1", "multi-segment"),
                bad("several samples per frame", header("r 1 100 8\nr.dat 16x2\n"), WFDB, "r.hea", "line 2",
                        "samples per frame 2"),
                bad("record without signals", header("r 0 100 8\n"), WFDB, "r.hea", "no signals (nsig 0)"),
                // --- WFDB signal files -----------------------------------------------------------------
                bad("missing data file", d -> {
                    text(d, "r.hea", "r 1 100 8\nr.dat 16\n");
                    return d.resolve("r");
                }, WFDB, "r.dat", "not found"),
                bad("truncated format 212 data", d -> {
                    byte[] full = WfdbFiles.encode212(new int[20]);
                    bytes(d, "r.dat", java.util.Arrays.copyOf(full, full.length - 3));
                    text(d, "r.hea", "r 2 360 10\nr.dat 212\nr.dat 212\n");
                    return d.resolve("r");
                }, WFDB, "r.dat", "byte 27", "truncated", "expected 30 bytes", "found 27 bytes"),
                bad("header promises more samples than format 16 data hold", d -> {
                    bytes(d, "r.dat", WfdbFiles.encode16(new int[2 * 500]));
                    text(d, "r.hea", "r 2 500 10000\nr.dat 16\nr.dat 16\n");
                    return d.resolve("r");
                }, WFDB, "r.dat", "10000 samples x 2 signals", "expected 40000 bytes", "found 2000 bytes"),
                bad("data size not whole frames without a sample count", d -> {
                    bytes(d, "r.dat", new byte[7]);
                    text(d, "r.hea", "r 2 100\nr.dat 16\nr.dat 16\n");
                    return d.resolve("r");
                }, WFDB, "r.dat", "byte 7", "not a whole number of 2-signal frames"),
                bad("empty data file without a sample count", d -> {
                    bytes(d, "r.dat", new byte[0]);
                    text(d, "r.hea", "r 1 100\nr.dat 16\n");
                    return d.resolve("r");
                }, WFDB, "r.hea", "no samples"),
                bad("signals in one file with different formats", header("r 2 100 2\nr.dat 16\nr.dat 61\n"), WFDB,
                        "r.hea", "line 3", "share format", "found 61"),
                bad("no voltage signal", header("r 1 100 8\nr.dat 16 100/mmHg\n"), WFDB, "r.hea",
                        "no voltage signal", "[mmHg]"),
                // --- MIT annotations -------------------------------------------------------------------
                bad("empty annotation file", atr(new byte[0]), WFDB, "r.atr", "empty annotation file"),
                bad("annotation file of odd length", atr(new byte[] {0x05, 0x04, 0x00}), WFDB, "r.atr",
                        "byte 2", "odd length 3"),
                bad("annotation file without end marker", atr(new WfdbFiles.Atr().ann(1, 1).ann(2, 1).bytes()),
                        WFDB, "r.atr", "byte 4", "without the end-of-annotations word", "found 4"),
                bad("truncated SKIP", atr(new byte[] {0x00, (byte) 0xEC, 0x01, 0x00}), WFDB, "r.atr", "byte 0",
                        "SKIP needs a 4-byte interval", "file has 4"),
                bad("AUX longer than the file", atr(new WfdbFiles.Atr().ann(1, 1).word(63, 40).end().bytes()),
                        WFDB, "r.atr", "byte 2", "AUX announces 40 bytes", "ends after 2"),
                bad("unknown annotation code", atr(new WfdbFiles.Atr().ann(1, 1).word(55, 3).end().bytes()),
                        WFDB, "r.atr", "byte 2", "unknown annotation code 55"),
                bad("modifier before any annotation", atr(new WfdbFiles.Atr().word(61, 2).ann(1, 1).end().bytes()),
                        WFDB, "r.atr", "byte 0", "SUB modifier before any annotation"),
                bad("text file posing as annotations", atr("this is not an MIT annotation file!!"
                        .getBytes(StandardCharsets.US_ASCII)), WFDB, "r.atr", "byte 36", "end-of-annotations"),
                bad("negative SKIP before sample 0", atr(new WfdbFiles.Atr().skip(-5).word(1, 0).end().bytes()),
                        WFDB, "r.atr", "byte 6", "sample -5"),
                bad("requested annotator missing", d -> record(d), p -> WfdbReader.read(p, "qrs"), "r.qrs",
                        "annotation file not found", "'qrs'"),
                // --- seed CSV --------------------------------------------------------------------------
                bad("missing seed CSV", d -> d.resolve("gone.csv"), SEED, "gone.csv", "not found"),
                bad("empty seed CSV", seed(""), SEED, "s.csv", "empty file"),
                bad("blank-only seed CSV", seed("\n\r\n  \n"), SEED, "s.csv", "empty file"),
                bad("header only", seed(SEED_HEADER), SEED, "s.csv", "no data rows"),
                bad("wrong header", seed("time,ecg\n1,2\n"), SEED, "s.csv", "line 1",
                        "expected the header 'timestamp, Channel 1, Channel 2, Channel 3'", "found 'time,ecg'"),
                bad("too few columns", seed(SEED_HEADER + "1,2,3,4\n1,2,3\n"), SEED, "s.csv", "line 3",
                        "expected 4 columns", "found 3"),
                bad("too many columns", seed(SEED_HEADER + "1,2,3,4,5\n"), SEED, "s.csv", "line 2",
                        "expected 4 columns", "found 5"),
                bad("non-numeric ECG cell", seed(SEED_HEADER + "1,2,3,4\n1, abc ,3,4\n"), SEED, "s.csv", "line 3",
                        "column Channel 1", "found 'abc'"),
                bad("NaN ECG cell", seed(SEED_HEADER + "1,NaN,3,4\n"), SEED, "s.csv", "line 2", "finite",
                        "column Channel 1", "found 'NaN'"),
                bad("empty respiration cell", seed(SEED_HEADER + "1,2,,4\n"), SEED, "s.csv", "line 2", "empty cell",
                        "column Channel 2"),
                bad("non-numeric timestamp", seed(SEED_HEADER + "noon,2,3,4\n"), SEED, "s.csv", "line 2",
                        "column timestamp", "found 'noon'"),
                bad("ADC code beyond 24 bits", seed(SEED_HEADER + "1,8388608,0,0\n"), SEED, "s.csv", "line 2",
                        "ADC code 8388608", "outside 24 bits", "-8388608..8388607", "unsignedAdc(true)"),
                bad("ADC code below 24 bits", seed(SEED_HEADER + "1,0,0,0\n1,-9000000,0,0\n"), SEED, "s.csv",
                        "line 3", "ADC code -9000000", "outside 24 bits"),
                bad("negative code in unsigned mode", seed(SEED_HEADER + "1,-1,0,0\n"),
                        p -> SeedCsvReader.read(p, SeedCsvOptions.builder().unsignedAdc(true).build()), "s.csv",
                        "line 2", "expected unsigned 0..16777215"),
                bad("fractional ADC code", seed(SEED_HEADER + "1,1.5,0,0\n"), SEED, "s.csv", "line 2",
                        "integer ADC code", "found '1.5'"),
                bad("binary file (PNG) as seed CSV", d -> bytes(d, "s.csv", png()), SEED, "s.csv",
                        "line 1", "binary byte 0x89", "column 1"),
                bad("random bytes as seed CSV", d -> bytes(d, "s.csv", garbage(200, 7)), SEED, "s.csv",
                        "line 1", "expected the header"),
                bad("binary bytes inside the data", seed(SEED_HEADER + "1,2,3,4\n1,2\u0000\u0001,3,4\n"), SEED,
                        "s.csv", "line 3", "binary byte 0x00", "column 4"),
                bad("blank line inside the data", seed(SEED_HEADER + "1,2,3,4\n\n1,2,3,4\n"), SEED, "s.csv",
                        "line 3", "blank line inside the data", "line 4"),
                bad("timestamp going backwards", seed(SEED_HEADER + "10,2,3,4\n9,2,3,4\n"), SEED, "s.csv", "line 3",
                        "goes backwards", "expected >= 10", "found 9"),
                bad("rows per second far from the set rate", d -> {
                    StringBuilder sb = new StringBuilder(SEED_HEADER);
                    for (int i = 0; i < 500 * 6; i++) {
                        sb.append(1000 + i / 500).append(",1,2,3\n");
                    }
                    return text(d, "s.csv", sb.toString());
                }, SEED, "s.csv", "500.0 rows per second", "250 Hz"),
                // --- plain CSV -------------------------------------------------------------------------
                bad("empty plain CSV", plain(""), PLAIN, "p.csv", "empty file"),
                bad("plain CSV without lead columns", plain("time_s\n0\n"), PLAIN, "p.csv", "line 1",
                        "'time_s,<lead>,...'", "found 'time_s'"),
                bad("duplicate lead names", plain("time_s,I,I\n0,1,2\n"), PLAIN, "p.csv", "line 1",
                        "'I' appears twice"),
                bad("plain CSV wrong column count", plain("time_s,I,II\n0,1,2\n0.004,1\n"), PLAIN, "p.csv",
                        "line 3", "expected 3 columns", "found 2"),
                bad("plain CSV NaN sample", plain("time_s,I\n0,1\n0.004,nan\n"), PLAIN, "p.csv", "line 3",
                        "column I", "found 'nan'"),
                bad("plain CSV gap in time", plain("time_s,I\n0,1\n0.004,1\n0.008,1\n0.016,1\n"), PLAIN, "p.csv",
                        "line 5", "time step 0.00800000000 s", "expected 0.00400000000 s", "missing"),
                bad("plain CSV time not increasing", plain("time_s,I\n1,1\n1,1\n"), PLAIN, "p.csv", "line 3",
                        "time must increase"),
                bad("plain CSV single row, no rate", plain("time_s,I\n0,1\n"), PLAIN, "p.csv",
                        "one data row cannot tell the sampling rate"),
                bad("plain CSV disagrees with the given rate", plain("time_s,I\n0,1\n0.004,1\n"),
                        p -> PlainCsvReader.read(p, 500), "p.csv", "line 3", "expected 0.00200000000 s",
                        "1/500.0 Hz"),
                // --- format detection ------------------------------------------------------------------
                bad("CSV with an unknown header", d -> text(d, "u.csv", "a,b,c\n1,2,3\n"), EcgFiles::read, "u.csv",
                        "line 1", "unknown CSV header", "found 'a,b,c'"),
                bad("neither record nor file", d -> d.resolve("nope"), EcgFiles::read, "nope",
                        "no WFDB header nope.hea"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsWithATypedErrorNamingFilePlaceAndProblem(String name, Setup setup, Read read, String[] fragments) {
        Path target = setup.apply(dir);

        Throwable thrown = catchThrowable(() -> read.accept(target));

        assertThat(thrown).as(name).isInstanceOf(EcgFormatException.class);
        assertThat(thrown.getMessage()).as(name).contains(fragments);
        assertThat(((EcgFormatException) thrown).source()).as(name).startsWith(dir.toString());
    }
}
