/**
 * Heart-rate variability from R-peaks or RR intervals: {@link io.github.ecgid.hrv.RrSeries},
 * {@link io.github.ecgid.hrv.RrCorrector} (artefact correction keeping time gaps),
 * {@link io.github.ecgid.hrv.HrvAnalyzer} and the {@link io.github.ecgid.hrv.HrvReport} with NeuroKit2's
 * {@code HRV_*} names. See docs/hrv.md for definitions and where they differ from NeuroKit2.
 */
package io.github.ecgid.hrv;
