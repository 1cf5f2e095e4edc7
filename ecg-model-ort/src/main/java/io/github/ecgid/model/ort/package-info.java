/**
 * The ONNX Runtime engine ({@link io.github.ecgid.model.ort.OrtBeatClassifier}): one long-lived session per
 * classifier, pooled direct buffers, results equal to the pure-Java engine within 1e-4. Its native library loads
 * only when this engine is used.
 */
package io.github.ecgid.model.ort;
