package io.github.ecgid.core.io;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.ecgid.core.EcgException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of every ecg-core reader (issue 26): valid files mutated {@link Mutator#iterations()}
 * times each; a reader may return a record or throw an {@link EcgException} subtype, nothing else (no other
 * exception, no {@link Error}, no hang). A failing input is saved under {@code target/fuzz-failures/} with its
 * seed. Longer run: {@code -Decgid.fuzz.iterations=100000} (docs/security.md).
 */
class ReaderFuzzTest {

    @TempDir
    Path dir;

    private static final String HEADER = "r 2 360 40\nr.dat 212 200 11 1024 995 -22131 0 MLII\n"
            + "r.dat 212 200(10)/mV 11 1024 1011 20052 0 V5\n# 69 M 1085 1629 x1\n";

    private static byte[] signal() {
        int[] samples = new int[80];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (int) Math.round(300 * Math.sin(i / 3.0));
        }
        return WfdbFiles.encode212(samples);
    }

    private static byte[] annotations() {
        return new WfdbFiles.Atr().ann(3, 1).ann(12, 5).aux("(N").ann(2000, 1).word(61, 2).word(62, 1).ann(39, 28)
                .end().bytes();
    }

    private static String seedCsv() {
        StringBuilder b = new StringBuilder("timestamp, Channel 1, Channel 2, Channel 3\n");
        for (int i = 0; i < 60; i++) {
            b.append(1700000000 + i / 250).append(", ").append(1000 + 37 * i % 400).append(", ").append(-5 * i)
                    .append(", 0\n");
        }
        return b.toString();
    }

    private static String plainCsv() {
        StringBuilder b = new StringBuilder("time_s,I,II\n");
        for (int i = 0; i < 60; i++) {
            b.append(String.format(java.util.Locale.ROOT, "%.3f,%.4f,%.4f%n", i / 250.0, Math.sin(i / 5.0),
                    Math.cos(i / 5.0)));
        }
        return b.toString();
    }

    private void write(String name, byte[] bytes) {
        try {
            Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fuzzes one file of a set: the others are written valid each time, the target mutated. */
    private void fuzz(String target, String file, byte[] valid, boolean text, Runnable writeOthers,
                      Consumer<Path> read) {
        int n = Mutator.iterations();
        long base = Mutator.baseSeed() * 1_000_003L + target.hashCode();
        assertTimeoutPreemptively(Duration.ofSeconds(60L + n / 50), () -> {
            for (int i = 0; i < n; i++) {
                long seed = base + i;
                byte[] input = new Mutator(seed).mutate(valid, text);
                writeOthers.run();
                write(file, input);
                try {
                    read.accept(dir);
                } catch (EcgException expected) {
                    // a typed refusal is the right answer to a damaged file
                } catch (Throwable t) {
                    Path saved = save(target, seed, input);
                    fail(target + " seed " + seed + " (input saved to " + saved + "): " + t, t);
                }
            }
        });
    }

    private static Path save(String target, long seed, byte[] input) {
        try {
            Path d = Files.createDirectories(Path.of("target", "fuzz-failures"));
            return Files.write(d.resolve(target + "-" + seed + ".bin"), input);
        } catch (IOException e) {
            return Path.of("(not saved: " + e.getMessage() + ")");
        }
    }

    @Test
    void wfdbHeadersOnlyEverFailWithTypedErrors() {
        fuzz("wfdb-header", "r.hea", HEADER.getBytes(StandardCharsets.ISO_8859_1), true, () -> {
            write("r.dat", signal());
            write("r.atr", annotations());
        }, d -> WfdbReader.read(d.resolve("r")));
    }

    @Test
    void wfdbSignalFilesOnlyEverFailWithTypedErrors() {
        fuzz("wfdb-signal", "r.dat", signal(), false, () -> {
            write("r.hea", HEADER.getBytes(StandardCharsets.ISO_8859_1));
            write("r.atr", annotations());
        }, d -> WfdbReader.read(d.resolve("r")));
    }

    @Test
    void wfdbAnnotationFilesOnlyEverFailWithTypedErrors() {
        fuzz("wfdb-annotation", "r.atr", annotations(), false, () -> {
            write("r.hea", HEADER.getBytes(StandardCharsets.ISO_8859_1));
            write("r.dat", signal());
        }, d -> WfdbReader.read(d.resolve("r")));
    }

    @Test
    void seedCsvFilesOnlyEverFailWithTypedErrors() {
        fuzz("seed-csv", "s.csv", seedCsv().getBytes(StandardCharsets.ISO_8859_1), true, () -> { },
                d -> SeedCsvReader.read(d.resolve("s.csv")));
    }

    @Test
    void plainCsvFilesOnlyEverFailWithTypedErrors() {
        fuzz("plain-csv", "p.csv", plainCsv().getBytes(StandardCharsets.ISO_8859_1), true, () -> { },
                d -> EcgFiles.read(d.resolve("p.csv")));
    }
}
