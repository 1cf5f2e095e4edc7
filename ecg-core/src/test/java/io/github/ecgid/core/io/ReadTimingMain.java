package io.github.ecgid.core.io;

import io.github.ecgid.core.EcgRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Wall-clock figure for docs/data.md, not a test: reads every record of a WFDB directory (its
 * {@code RECORDS} file) with {@link WfdbReader#read(Path)}, signals and {@code .atr}, several rounds, and
 * prints the per-record mean and max of the last round, in ms. The first rounds warm the JIT up.
 *
 * <pre>
 * java -cp ecg-core/target/classes:ecg-core/target/test-classes:$SLF4J_API \
 *     io.github.ecgid.core.io.ReadTimingMain ../shared/data/mitdb 5
 * </pre>
 */
public final class ReadTimingMain {

    private ReadTimingMain() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/mitdb");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> names = Files.readAllLines(dir.resolve("RECORDS")).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        double[] firstRound = new double[names.size()];
        double[] lastRound = new double[names.size()];
        long samples = 0;
        long annotations = 0;
        for (int r = 0; r < rounds; r++) {
            samples = 0;
            annotations = 0;
            for (int i = 0; i < names.size(); i++) {
                long t0 = System.nanoTime();
                EcgRecord rec = WfdbReader.read(dir.resolve(names.get(i)));
                double ms = (System.nanoTime() - t0) / 1e6;
                samples += (long) rec.length() * rec.leadCount();
                annotations += rec.annotations().size();
                if (r == 0) {
                    firstRound[i] = ms;
                }
                lastRound[i] = ms;
            }
        }
        System.out.printf(Locale.ROOT, "%d records, %d samples, %d annotations, %d rounds%n", names.size(), samples,
                annotations, rounds);
        System.out.printf(Locale.ROOT, "first round (cold JVM): mean %.1f ms, max %.1f ms per record%n",
                mean(firstRound), max(firstRound));
        System.out.printf(Locale.ROOT, "last round (warm):      mean %.1f ms, max %.1f ms per record%n",
                mean(lastRound), max(lastRound));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
