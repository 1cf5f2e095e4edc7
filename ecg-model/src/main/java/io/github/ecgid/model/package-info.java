/**
 * Running a beat network: {@link io.github.ecgid.model.BeatClassifier} opens an {@code .onnx} file on an
 * {@link io.github.ecgid.model.Engine} (pure Java, ONNX Runtime, or {@code AUTO}, the faster for the JVM) and
 * turns 175-sample beats into {@link io.github.ecgid.model.Prediction}s (logits and a 64-value embedding);
 * {@link io.github.ecgid.model.PretrainedModels} finds the general model shipped in {@code ecg-model-pretrained}.
 * The steps after it: {@code nn} (the network and its training), {@code onnx} (the file), {@code ort} (ONNX
 * Runtime), {@code train} (corpus and recipes), {@code identify} (enrollment, identification, verification),
 * {@code eval} (protocols and metrics).
 *
 * <pre>{@code
 * try (BeatClassifier c = BeatClassifier.open(Path.of("model.onnx"), Engine.AUTO)) {
 *     Prediction p = c.predict(beat);
 * }
 * }</pre>
 */
package io.github.ecgid.model;
