package io.github.ecgid.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable, time-ordered list of {@link Annotation}s.
 *
 * <pre>{@code
 * Map<String, Integer> counts = record.annotations().countBySymbol(); // {"A"=33, "N"=2239, ...}
 * long[] beats = record.annotations().beatSamples();
 * }</pre>
 *
 * @param items annotations sorted by sample index (sorted on construction, stable)
 */
public record Annotations(List<Annotation> items) {

    private static final Annotations EMPTY = new Annotations(List.of());

    public Annotations {
        List<Annotation> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingLong(Annotation::sample));
        items = Collections.unmodifiableList(sorted);
    }

    public static Annotations empty() {
        return EMPTY;
    }

    public static Annotations of(List<Annotation> items) {
        return new Annotations(items);
    }

    /** Number of annotations. */
    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Count of annotations per symbol, in symbol order. */
    public Map<String, Integer> countBySymbol() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Annotation a : items) {
            counts.merge(a.symbol(), 1, Integer::sum);
        }
        return counts;
    }

    /** Sample indices of beat annotations ({@link Annotation#isBeat()}), ascending. */
    public long[] beatSamples() {
        return items.stream().filter(Annotation::isBeat).mapToLong(Annotation::sample).toArray();
    }

    /** Only the annotations with {@code from <= sample < to}. */
    public Annotations between(long from, long to) {
        List<Annotation> kept = new ArrayList<>();
        for (Annotation a : items) {
            if (a.sample() >= from && a.sample() < to) {
                kept.add(a);
            }
        }
        return new Annotations(kept);
    }

    /** Every annotation moved by {@code delta} samples. */
    public Annotations shifted(long delta) {
        if (delta == 0) {
            return this;
        }
        List<Annotation> moved = new ArrayList<>(items.size());
        for (Annotation a : items) {
            moved.add(new Annotation(a.sample() + delta, a.symbol(), a.subtype(), a.channel(), a.num(), a.aux()));
        }
        return new Annotations(moved);
    }
}
