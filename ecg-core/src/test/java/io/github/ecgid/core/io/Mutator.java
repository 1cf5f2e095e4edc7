package io.github.ecgid.core.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded mutation fuzzer's mutations: bit flips, interesting bytes, insertions, deletions, duplications,
 * truncation, and (for text) numbers swapped for extreme ones. Deterministic for a seed.
 *
 * <p>Iterations per target: {@code -Decgid.fuzz.iterations=N} (default {@value #DEFAULT_ITERATIONS}, a few
 * seconds in all); base seed: {@code -Decgid.fuzz.seed=S} (default 26). See docs/security.md.
 */
public final class Mutator {

    static final int DEFAULT_ITERATIONS = 400;

    private static final byte[] INTERESTING = {0, -1, 0x7f, (byte) 0x80, '\n', '\r', ',', ' ', '-', '.', '9', 'e',
        '#', '/', '(', ')', 'x', '+', ':', (byte) 0xC0, 0x0A, (byte) 0xFA, 0x0B};
    private static final String[] NUMBERS = {"0", "-1", "1", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "99999999999999999999999", "1e308", "1e-320", "4.9e-324", "NaN", "Infinity", "-0",
        "1e300", "65536", "-32768", "8388608", "0x10", "1.5", ""};

    private final SplittableRandom rnd;

    public Mutator(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    public static int iterations() {
        return Integer.getInteger("ecgid.fuzz.iterations", DEFAULT_ITERATIONS);
    }

    public static long baseSeed() {
        return Long.getLong("ecgid.fuzz.seed", 26L);
    }

    SplittableRandom random() {
        return rnd;
    }

    /** One to four mutations of a copy of {@code in}. */
    public byte[] mutate(byte[] in, boolean text) {
        byte[] b = in.clone();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            b = once(b, text);
        }
        return b;
    }

    private byte[] once(byte[] b, boolean text) {
        int kind = rnd.nextInt(text ? 8 : 7);
        if (b.length == 0) {
            return new byte[] {INTERESTING[rnd.nextInt(INTERESTING.length)]};
        }
        int p = rnd.nextInt(b.length);
        switch (kind) {
            case 0 -> b[p] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> b[p] = INTERESTING[rnd.nextInt(INTERESTING.length)];
            case 2 -> {
                byte[] ins = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(ins);
                b = splice(b, p, 0, ins);
            }
            case 3 -> b = splice(b, p, Math.min(b.length - p, 1 + rnd.nextInt(16)), new byte[0]);
            case 4 -> {
                int len = Math.min(b.length - p, 1 + rnd.nextInt(32));
                b = splice(b, p, 0, Arrays.copyOfRange(b, p, p + len));
            }
            case 5 -> b = Arrays.copyOf(b, p);
            case 6 -> b[p] = (byte) rnd.nextInt(256);
            default -> b = swapNumber(b);
        }
        return b;
    }

    /** Replaces one run of digits (with sign, point, exponent) by an extreme number. */
    private byte[] swapNumber(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int start = rnd.nextInt(s.length());
        while (start < s.length() && !Character.isDigit(s.charAt(start))) {
            start++;
        }
        if (start == s.length()) {
            return b;
        }
        int end = start;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || ".eE".indexOf(s.charAt(end)) >= 0)) {
            end++;
        }
        String n = NUMBERS[rnd.nextInt(NUMBERS.length)];
        return (s.substring(0, start) + n + s.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code b} with {@code remove} bytes at {@code at} replaced by {@code insert}. */
    public static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
