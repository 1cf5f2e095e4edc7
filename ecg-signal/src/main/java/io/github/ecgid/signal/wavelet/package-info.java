/**
 * Discrete wavelet transform equal to PyWavelets (Daubechies db1-db10, Symlets sym2-sym10; symmetric and
 * periodization modes) and wavelet shrinkage denoising with the seed system's threshold rule.
 */
package io.github.ecgid.signal.wavelet;
