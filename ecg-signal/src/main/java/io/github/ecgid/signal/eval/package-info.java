/**
 * Detector evaluation against reference annotations: one-to-one beat matching within a tolerance
 * ({@link io.github.ecgid.signal.eval.BeatMatcher}), TP/FP/FN with Se, +P and F1
 * ({@link io.github.ecgid.signal.eval.DetectionScore}), whole-record scoring
 * ({@link io.github.ecgid.signal.eval.DetectorEvaluation}) and PhysioNet's noise stress test protocol
 * ({@link io.github.ecgid.signal.eval.NoiseStress}). See docs/detection.md for the MIT-BIH figures.
 */
package io.github.ecgid.signal.eval;
