/**
 * Beats from a lead: {@link io.github.ecgid.signal.beat.BeatPipeline} (clean, find R-peaks, cut; the one
 * extraction training, enrollment and identification share), and its last step, segmentation: fixed windows
 * around R-peaks resampled to a fixed length (the seed's 175 samples) for any sampling rate, z-scored, with an
 * optional {@link io.github.ecgid.signal.beat.QualityGate} that records why each rejected beat was dropped, and a
 * quality per kept beat ({@link io.github.ecgid.signal.beat.Beats#templateCorrelation()}).
 */
package io.github.ecgid.signal.beat;
