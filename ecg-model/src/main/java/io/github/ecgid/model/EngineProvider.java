package io.github.ecgid.model;

import io.github.ecgid.model.onnx.OnnxModel;

/**
 * An inference engine that registers itself through {@link java.util.ServiceLoader} (a file
 * {@code META-INF/services/io.github.ecgid.model.EngineProvider} naming the implementation), so that
 * {@link BeatClassifier#open} finds it without compiling against it: ONNX Runtime (72 MB of native libraries) is
 * such an engine, and an application that leaves its artefact out still runs on the pure-Java engine.
 */
public interface EngineProvider {

    /** The engine this provider opens. */
    Engine engine();

    /**
     * Opens a model on this engine.
     *
     * @throws io.github.ecgid.core.EcgModelException if the engine cannot run it
     */
    BeatClassifier open(OnnxModel model);
}
