/**
 * The offline cleaning chain ({@link io.github.ecgid.signal.preprocess.Preprocessor}) with the seed system's
 * defaults and an index mapping back to the input ({@link io.github.ecgid.signal.preprocess.CleanSignal}).
 */
package io.github.ecgid.signal.preprocess;
