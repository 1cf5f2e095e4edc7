/**
 * The model file: {@link io.github.ecgid.model.onnx.OnnxModel} writes and reads the ONNX graph of the network
 * (BatchNorm folded, opset 13) with ecgid's metadata (class labels, identity space, identifier settings,
 * {@link io.github.ecgid.model.onnx.ModelProvenance}) sealed by a SHA-256 digest that is checked on read; a file
 * of another shape, with NaN weights or missing fields is refused naming the file and the field.
 */
package io.github.ecgid.model.onnx;
