/**
 * Mel-frequency cepstral coefficients of ECG beats and windows ({@link io.github.ecgid.hrv.mfcc.Mfcc}) with the
 * origin system's parameters as defaults.
 */
package io.github.ecgid.hrv.mfcc;
