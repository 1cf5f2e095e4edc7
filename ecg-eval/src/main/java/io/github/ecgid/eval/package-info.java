/**
 * Honest measurement: database splits ({@link io.github.ecgid.eval.Protocols}: time split, record-disjoint,
 * beat-random), a network trained and tested on the same people
 * ({@link io.github.ecgid.eval.IdentificationEvaluation}), a model applied without training to enrolled
 * galleries ({@link io.github.ecgid.eval.GalleryEvaluation}), a recipe on person-disjoint folds
 * ({@link io.github.ecgid.eval.RecipeEvaluation}), and the metrics (rank-1, EER, FRR at FAR, open set;
 * {@link io.github.ecgid.model.identify.VerificationMetrics}, {@link io.github.ecgid.eval.ClassificationMetrics}).
 */
package io.github.ecgid.eval;
