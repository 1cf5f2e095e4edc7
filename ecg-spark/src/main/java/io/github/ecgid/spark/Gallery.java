package io.github.ecgid.spark;

import io.github.ecgid.model.identify.PersonTemplate;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Enrolled templates in a form Spark can broadcast to the executors ({@link PersonTemplate} is not
 * {@link Serializable}); the floats travel unchanged, so every executor scores against the same gallery.
 * Templates are biometric data: never log them.
 */
public final class Gallery implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Item> items;

    private record Item(String personId, float[] centroid, float[][] modes, double meanCosine, int beatsUsed)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private Gallery(List<Item> items) {
        this.items = items;
    }

    /** A gallery of these templates, in their order. */
    public static Gallery of(Collection<PersonTemplate> templates) {
        List<Item> items = new ArrayList<>(templates.size());
        for (PersonTemplate t : templates) {
            items.add(new Item(t.personId(), t.centroid(), t.modes(), t.meanCosine(), t.beatsUsed()));
        }
        return new Gallery(List.copyOf(items));
    }

    /** The templates, rebuilt in their original order. */
    public List<PersonTemplate> templates() {
        List<PersonTemplate> out = new ArrayList<>(items.size());
        for (Item i : items) {
            out.add(new PersonTemplate(i.personId(), i.centroid(), i.modes(), i.meanCosine(), i.beatsUsed()));
        }
        return out;
    }

    /** How many people are enrolled. */
    public int size() {
        return items.size();
    }

    @Override
    public String toString() {
        return "Gallery[" + items.size() + " people]";
    }
}
