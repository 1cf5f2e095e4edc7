package io.github.ecgid.model.nn;

import java.util.SplittableRandom;

/** Standard normal draws from a {@link SplittableRandom}, reproducible across JDKs (Box-Muller, no caching). */
final class Gaussian {
    private Gaussian() {
    }

    static double next(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble(); // (0, 1], keeps log finite
        double u2 = rnd.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }
}
