package io.github.ecgid.signal.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads golden files written by ecg-signal/src/test/python: lines of {@code key;v1 v2 ...}. */
public final class GoldenVectors {
    private final Map<String, double[]> values;
    private final String name;

    private GoldenVectors(String name, Map<String, double[]> values) {
        this.name = name;
        this.values = values;
    }

    public static GoldenVectors load(String fileName) {
        String path = "/io/github/ecgid/signal/golden/" + fileName;
        Map<String, double[]> map = new HashMap<>();
        try (InputStream in = GoldenVectors.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                int semi = line.indexOf(';');
                String[] parts = line.substring(semi + 1).trim().split(" ");
                double[] v = new double[parts[0].isEmpty() ? 0 : parts.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(parts[i]);
                }
                map.put(line.substring(0, semi), v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GoldenVectors(fileName, map);
    }

    public double[] get(String key) {
        double[] v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no key " + key + " in " + name);
        }
        return v.clone();
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public int[] indices(String key) {
        double[] d = get(key);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    /** Largest |a - b| over all elements; fails on a length mismatch. */
    public static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new AssertionError("length " + a.length + " != " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
    }

    public static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    public static double[] pick(double[] x, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }
}
