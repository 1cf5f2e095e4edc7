/**
 * The origin's LightweightCNN in pure Java: inference ({@link io.github.ecgid.model.nn.LightweightCnn}, SIMD or
 * scalar kernels, {@link io.github.ecgid.model.nn.SimdSupport} says which), deterministic training
 * ({@link io.github.ecgid.model.nn.CnnTrainer} with {@link io.github.ecgid.model.nn.TrainingOptions}: Adam,
 * softmax or cosine-margin loss, plateau schedule, early stopping) and beat augmentation
 * ({@link io.github.ecgid.model.nn.BeatAugmenter}). Weights are immutable records
 * ({@link io.github.ecgid.model.nn.CnnWeights}).
 */
package io.github.ecgid.model.nn;
