package io.github.ecgid.model;

import io.github.ecgid.model.nn.LightweightCnn;
import io.github.ecgid.model.onnx.OnnxModel;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a trained beat network on 175-sample beats, on either {@link Engine} ({@link Engine#AUTO} picks one). Implementations are thread-safe;
 * close the classifier to free its native resources (a no-op for the pure-Java engine).
 *
 * <pre>{@code
 * try (BeatClassifier c = BeatClassifier.open(Path.of("model.onnx"), Engine.ONNX_RUNTIME)) {
 *     Prediction p = c.predict(beat);               // beat: float[175], z-scored like the training beats
 *     String who = c.classLabels().get(p.predictedClass());
 * }
 * }</pre>
 */
public interface BeatClassifier extends AutoCloseable {

    /** Samples per beat the network takes (0.7 s at 250 Hz). */
    int BEAT_LENGTH = 175;

    /** Width of the embedding every prediction carries. */
    int EMBEDDING_SIZE = 64;

    /**
     * Reads an ONNX model file and opens it on the given engine.
     *
     * @throws io.github.ecgid.core.EcgModelException if the file is missing, corrupt, or not this architecture
     */
    static BeatClassifier open(Path onnxFile, Engine engine) {
        return open(OnnxModel.read(onnxFile), engine);
    }

    /**
     * Opens an already-loaded model on the given engine (ONNX Runtime with one intra-op thread). Engines other than
     * pure Java are found through {@link EngineProvider}.
     *
     * @throws io.github.ecgid.core.EcgModelException if the engine is not on the class path or cannot run the model
     */
    static BeatClassifier open(OnnxModel model, Engine engine) {
        return switch (engine) {
            case PURE_JAVA -> new PureJavaBeatClassifier(new LightweightCnn(model.weights()), model.classLabels());
            case ONNX_RUNTIME -> EngineProviders.open(Engine.ONNX_RUNTIME, model);
            case AUTO -> AutoEngine.open(model);
        };
    }

    /** The engine that evaluates this classifier. */
    Engine engine();

    /** Class labels in logit order. */
    List<String> classLabels();

    /**
     * Predicts one beat.
     *
     * @param beat {@value #BEAT_LENGTH} finite samples, preprocessed and normalised like the training beats
     * @throws io.github.ecgid.core.EcgModelException if the beat has the wrong length or a non-finite sample
     * @throws IllegalStateException if the classifier has been closed
     */
    Prediction predict(float[] beat);

    /**
     * Predicts several beats in one call (faster per beat than repeated {@link #predict(float[])}).
     *
     * @throws io.github.ecgid.core.EcgModelException naming the first beat with the wrong length or a
     *                                                non-finite sample; nothing is predicted then
     * @throws IllegalStateException if the classifier has been closed
     */
    List<Prediction> predictBatch(float[][] beats);

    /** Frees native resources. Idempotent; later predictions throw {@link IllegalStateException}. */
    @Override
    void close();
}
