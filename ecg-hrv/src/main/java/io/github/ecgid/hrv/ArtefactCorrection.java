package io.github.ecgid.hrv;

/** How RR artefacts (ectopic, missed and extra beats, implausible intervals) are handled before analysis. */
public enum ArtefactCorrection {
    /** Analyse the intervals as given. */
    NONE,
    /**
     * Lipponen &amp; Tarvainen (2019) detection with NeuroKit2's parameters (c1 0.13, c2 0.17, α 5.2, 91-beat
     * threshold window, 11-beat median). Extra beats are removed, missed beats inserted at equal spacing, ectopic
     * beats moved to the midpoint of their neighbours; long/short intervals that none of these explain are
     * dropped with their time kept as a gap.
     */
    LIPPONEN_TARVAINEN,
    /** Drop every interval more than 20 % away from the series' median (time kept as a gap). */
    MEDIAN_20_PERCENT
}
