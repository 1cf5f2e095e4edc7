package io.github.ecgid.model.nn;

import io.github.ecgid.core.EcgModelException;

/** Shape and value checks shared by the parameter records. */
final class Shapes {
    private Shapes() {
    }

    /** Returns a copy of {@code values} after checking its length and that every value is finite. */
    static float[] checked(float[] values, int expectedLength, String what) {
        if (values == null) {
            throw new EcgModelException(what + " is missing");
        }
        if (values.length != expectedLength) {
            throw new EcgModelException(what + " needs " + expectedLength + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new EcgModelException(what + " has a non-finite value " + values[i] + " at index " + i);
            }
        }
        return values.clone();
    }
}
