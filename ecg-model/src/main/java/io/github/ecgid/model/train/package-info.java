/**
 * Training identity networks on many people: {@link io.github.ecgid.model.train.IdentityCorpus} turns databases
 * into beats per person ({@link io.github.ecgid.model.train.CorpusPerson}), and an
 * {@link io.github.ecgid.model.train.IdentityRecipe} trains one network on them and writes a self-contained model
 * file; {@code IdentityRecipe.general()} is the recipe of the shipped general model.
 */
package io.github.ecgid.model.train;
