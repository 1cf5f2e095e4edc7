/**
 * Digital filters for ECG at 100 to 2000 Hz: Butterworth low/high/band-pass and mains notch as immutable
 * second-order-section cascades ({@link io.github.ecgid.signal.filter.Sos}), zero-phase offline filtering
 * matching scipy's {@code sosfiltfilt}, and allocation-free causal
 * {@link io.github.ecgid.signal.filter.StreamingFilter streaming filters}.
 */
package io.github.ecgid.signal.filter;
