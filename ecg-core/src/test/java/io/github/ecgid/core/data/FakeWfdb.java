package io.github.ecgid.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes tiny WFDB records (header, format 212 or 16 data, MIT annotations) for loader tests. */
final class FakeWfdb {
    private FakeWfdb() {
    }

    /**
     * Writes {@code dir/name.hea} and {@code dir/name.dat}: {@code adc[signal][i]}, gain 200 adu/mV, baseline 0.
     */
    static void record(Path dir, String name, int format, double fs, List<String> leads, int[][] adc) {
        int n = adc[0].length;
        String base = Path.of(name).getFileName().toString();
        StringBuilder hea = new StringBuilder(base + " " + leads.size() + " " + fs + " " + n + "\n");
        for (int s = 0; s < leads.size(); s++) {
            int checksum = 0;
            for (int v : adc[s]) {
                checksum += v;
            }
            hea.append(base).append(".dat ").append(format).append(" 200 12 0 ").append(adc[s][0]).append(' ')
                    .append((short) checksum).append(" 0 ").append(leads.get(s)).append('\n');
        }
        byte[] dat = format == 212 ? format212(adc) : format16(adc);
        write(dir.resolve(name + ".hea"), hea.toString().getBytes(StandardCharsets.US_ASCII));
        write(dir.resolve(name + ".dat"), dat);
    }

    /** {@code dir/name.atr} with one {@code N} (code 1) beat at each sample (gaps below 1024). */
    static void beats(Path dir, String name, int... samples) {
        byte[] out = new byte[2 * samples.length + 2];
        int prev = 0;
        for (int i = 0; i < samples.length; i++) {
            int word = (1 << 10) | (samples[i] - prev);
            out[2 * i] = (byte) word;
            out[2 * i + 1] = (byte) (word >>> 8);
            prev = samples[i];
        }
        write(dir.resolve(name + ".atr"), out);
    }

    static void records(Path dir, String... names) {
        write(dir.resolve("RECORDS"), (String.join("\n", names) + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] format16(int[][] adc) {
        int n = adc[0].length;
        byte[] out = new byte[2 * n * adc.length];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int[] signal : adc) {
                out[k++] = (byte) signal[i];
                out[k++] = (byte) (signal[i] >> 8);
            }
        }
        return out;
    }

    /** Two 12-bit samples in three bytes: low byte of the first, high nibbles, low byte of the second. */
    private static byte[] format212(int[][] adc) {
        int n = adc[0].length;
        int total = n * adc.length;
        int[] flat = new int[total + (total % 2)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int[] signal : adc) {
                flat[k++] = signal[i] & 0xFFF;
            }
        }
        byte[] out = new byte[flat.length / 2 * 3];
        for (int p = 0, b = 0; p < flat.length; p += 2, b += 3) {
            out[b] = (byte) flat[p];
            out[b + 1] = (byte) (((flat[p + 1] >> 8) << 4) | (flat[p] >> 8));
            out[b + 2] = (byte) flat[p + 1];
        }
        return out;
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
