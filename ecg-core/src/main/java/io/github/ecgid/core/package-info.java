/**
 * The values every module shares: an {@link io.github.ecgid.core.EcgRecord} (leads in mV at a sampling rate in
 * Hz, with {@link io.github.ecgid.core.Annotations}), a live {@link io.github.ecgid.core.EcgSource}, and the one
 * unchecked exception root {@link io.github.ecgid.core.EcgException} with its subtypes (format, signal, model,
 * device, I/O), whose messages say what failed, where, and what to do.
 *
 * <pre>{@code
 * EcgRecord rec = EcgRecord.of(250.0, "ECG", samplesMv);
 * }</pre>
 */
package io.github.ecgid.core;
