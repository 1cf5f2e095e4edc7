/**
 * Reading and writing ECG files: {@link io.github.ecgid.core.io.EcgFiles} picks the reader by content; WFDB
 * ({@code .hea}/{@code .dat} formats 212, 16, 61, 80, {@code .atr}), the origin's ADS1292R logger CSV (ADC counts
 * to mV by the origin's formula) and plain CSV. Readers treat files as untrusted: sizes, rates, gains and paths
 * are checked before anything is allocated or opened, and a problem is an
 * {@link io.github.ecgid.core.EcgFormatException} naming the file, the line or byte, and the field.
 *
 * <pre>{@code
 * EcgRecord rec = EcgFiles.read(Path.of("mitdb/100.hea"));
 * }</pre>
 */
package io.github.ecgid.core.io;
