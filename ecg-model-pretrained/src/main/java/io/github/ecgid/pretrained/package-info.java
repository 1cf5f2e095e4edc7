/**
 * The general identity model as a class-path resource, provided to
 * {@link io.github.ecgid.model.PretrainedModels} by {@link io.github.ecgid.pretrained.GeneralModel}; see
 * {@code MODEL-CARD.md} for its data, recipe and figures.
 */
package io.github.ecgid.pretrained;
