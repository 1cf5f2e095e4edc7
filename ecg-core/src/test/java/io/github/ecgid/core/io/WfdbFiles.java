package io.github.ecgid.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Independent encoders for WFDB test files, written from the format descriptions (signal(5), annot(5)) so
 * that reader tests compare against known integers rather than against the reader itself.
 */
final class WfdbFiles {

    private WfdbFiles() {
    }

    /** Interleaves {@code adc[signal][frame]} frame by frame. */
    static int[] interleave(int[][] adc) {
        int k = adc.length;
        int n = adc[0].length;
        int[] out = new int[n * k];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < k; s++) {
                out[i * k + s] = adc[s][i];
            }
        }
        return out;
    }

    /** Format 212: two 12-bit samples in 3 bytes; a lone last sample in 2 bytes. */
    static byte[] encode212(int[] samples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < samples.length; i += 2) {
            int a = samples[i];
            out.write(a & 0xFF);
            if (i + 1 < samples.length) {
                int b = samples[i + 1];
                out.write(((a >> 8) & 0x0F) | (((b >> 8) & 0x0F) << 4));
                out.write(b & 0xFF);
            } else {
                out.write((a >> 8) & 0x0F);
            }
        }
        return out.toByteArray();
    }

    /** Format 16: little-endian 16-bit two's complement. */
    static byte[] encode16(int[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            out[2 * i] = (byte) samples[i];
            out[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return out;
    }

    /** Format 61: big-endian 16-bit two's complement. */
    static byte[] encode61(int[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            out[2 * i] = (byte) (samples[i] >> 8);
            out[2 * i + 1] = (byte) samples[i];
        }
        return out;
    }

    /** Format 80: 8-bit offset binary. */
    static byte[] encode80(int[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (byte) (samples[i] + 128);
        }
        return out;
    }

    /** WFDB's 16-bit checksum of one signal's samples. */
    static int checksum(int[] samples) {
        int sum = 0;
        for (int v : samples) {
            sum += v;
        }
        return (short) sum;
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeText(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Builder of MIT-format annotation files. */
    static final class Atr {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long time;

        Atr word(int code, int field) {
            int w = code << 10 | (field & 0x3FF);
            out.write(w & 0xFF);
            out.write(w >> 8);
            return this;
        }

        Atr skip(int interval) {
            word(59, 0);
            int hi = interval >>> 16;
            int lo = interval & 0xFFFF;
            out.write(hi & 0xFF);
            out.write(hi >> 8);
            out.write(lo & 0xFF);
            out.write(lo >> 8);
            return this;
        }

        /** An annotation at an absolute sample, with a SKIP when the interval does not fit 10 bits. */
        Atr ann(long sample, int code) {
            long delta = sample - time;
            if (delta < 0 || delta > 1023) {
                skip((int) delta);
                word(code, 0);
            } else {
                word(code, (int) delta);
            }
            time = sample;
            return this;
        }

        Atr aux(String text) {
            byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
            word(63, b.length);
            out.writeBytes(b);
            if ((b.length & 1) == 1) {
                out.write(0);
            }
            return this;
        }

        Atr end() {
            return word(0, 0);
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        void writeTo(Path file) {
            write(file, bytes());
        }
    }
}
