package io.github.ecgid.signal.filter;

import io.github.ecgid.core.EcgSignalException;

/**
 * The mains (power-line) frequencies the preprocessing notches: 50 Hz (Europe, most of Africa and Asia) and
 * 60 Hz (the Americas, Korea, Taiwan, part of Japan). Every builder and command that takes a power-line
 * frequency checks it here.
 */
public final class PowerLine {
    /** 50 Hz mains, the default. */
    public static final double HZ_50 = 50.0;
    /** 60 Hz mains. */
    public static final double HZ_60 = 60.0;

    private PowerLine() {
    }

    /** Whether {@code hz} is a supported mains frequency (50 or 60). */
    public static boolean isSupported(double hz) {
        return hz == HZ_50 || hz == HZ_60;
    }

    /**
     * Returns {@code hz} if it is 50 or 60, else throws.
     *
     * @throws EcgSignalException naming the value and what to pass instead
     */
    public static double requireSupported(double hz) {
        if (!isSupported(hz)) {
            throw new EcgSignalException("power-line frequency must be 50 or 60 Hz, got " + hz
                    + "; give the mains frequency of the country where the ECG was recorded");
        }
        return hz;
    }
}
