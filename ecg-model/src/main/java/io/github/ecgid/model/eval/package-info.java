/**
 * Honest measurement: database splits ({@link io.github.ecgid.model.eval.Protocols}: time split, record-disjoint,
 * beat-random), a network trained and tested on the same people
 * ({@link io.github.ecgid.model.eval.IdentificationEvaluation}), a model applied without training to enrolled
 * galleries ({@link io.github.ecgid.model.eval.GalleryEvaluation}), a recipe on person-disjoint folds
 * ({@link io.github.ecgid.model.eval.RecipeEvaluation}), and the metrics (rank-1, EER, FRR at FAR, open set;
 * {@link io.github.ecgid.model.eval.VerificationMetrics}, {@link io.github.ecgid.model.eval.ClassificationMetrics}).
 */
package io.github.ecgid.model.eval;
