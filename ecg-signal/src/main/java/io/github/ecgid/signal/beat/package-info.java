/**
 * Beat segmentation: fixed windows around R-peaks resampled to a fixed length (the seed's 175 samples) for any
 * sampling rate, z-scored, with an optional {@link io.github.ecgid.signal.beat.QualityGate} that records why
 * each rejected beat was dropped.
 */
package io.github.ecgid.signal.beat;
