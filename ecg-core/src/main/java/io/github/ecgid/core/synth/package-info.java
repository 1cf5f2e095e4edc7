/**
 * Synthetic multi-person ECG with exact R-peak ground truth, after the ECGSYN dynamical model of
 * P. E. McSharry, G. D. Clifford, L. Tarassenko and L. A. Smith, "A dynamical model for generating synthetic
 * electrocardiogram signals", IEEE Transactions on Biomedical Engineering 50(3):289-294, 2003,
 * doi:10.1109/TBME.2003.808805.
 *
 * <p>Entry points: {@link io.github.ecgid.core.synth.SyntheticEcg#builder()} for one recording,
 * {@link io.github.ecgid.core.synth.SyntheticCohort#of(int, long)} for several persons and sessions,
 * {@link io.github.ecgid.core.synth.PersonProfile#of(int, long)} for a person's beat morphology and
 * {@link io.github.ecgid.core.synth.Noise} for artefacts.
 *
 * <p>Equal settings and seeds give bit-identical samples on every JVM and CPU: random numbers come from
 * {@link java.util.Random} (an algorithm fixed by its specification) and transcendental functions from
 * {@link java.lang.StrictMath}, never from {@link java.lang.Math}, whose results may differ in the last bit
 * between platforms.
 */
package io.github.ecgid.core.synth;
