/**
 * R-peak (QRS) detection at any sampling rate from 100 to 2000 Hz, offline and streaming.
 *
 * <p>{@link io.github.ecgid.signal.detect.PanTompkins} (Pan and Tompkins 1985) and
 * {@link io.github.ecgid.signal.detect.Hamilton} (Hamilton 2002, OSEA), and the noise-robust
 * {@link io.github.ecgid.signal.detect.RobustQrs} (Pan-Tompkins front end with look-ahead, template and timing
 * rules; an option, not the default) share one causal per-sample core:
 * the offline {@link io.github.ecgid.signal.detect.RPeakDetector#detect} is the streaming detector run over the
 * array, so both agree by construction, in any chunking. Work is O(n) with fixed memory whatever the input;
 * NaN/Inf stretches, flat lines and short inputs give empty or partial results with
 * {@link io.github.ecgid.signal.detect.RPeaks.Note notes}, never exceptions. A streaming detector's state is a
 * serialisable {@link io.github.ecgid.signal.detect.DetectorSnapshot} for checkpoint and resume.
 *
 * <pre>{@code
 * RPeaks peaks = RPeakDetectors.byName("pan-tompkins").detect(leadMv, 360.0);
 * }</pre>
 */
package io.github.ecgid.signal.detect;
