/**
 * Small dense numerics the identity space and the templates need: a Jacobi eigen-decomposition that converges on
 * rank-deficient covariances, and seeded spherical k-means for a person's beat-shape modes. Internal to ecg-model
 * (not exported by its module descriptor); no other package depends on their exact form.
 */
package io.github.ecgid.model.math;
