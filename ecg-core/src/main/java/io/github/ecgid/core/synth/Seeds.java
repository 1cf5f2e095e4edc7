package io.github.ecgid.core.synth;

/** Seed mixing so that (seed, person, session) tuples give independent, reproducible random streams. */
final class Seeds {
    private Seeds() {
    }

    /** SplitMix64 finaliser: a bijective, well-spread mix of one 64-bit value. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Mixes several values in order; different orders or values give unrelated results. */
    static long mix(long first, long... more) {
        long h = mix(first + 0x9e3779b97f4a7c15L);
        for (long m : more) {
            h = mix(h ^ (m + 0x9e3779b97f4a7c15L));
        }
        return h;
    }
}
