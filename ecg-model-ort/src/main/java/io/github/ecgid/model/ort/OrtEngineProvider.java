package io.github.ecgid.model.ort;

import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.EngineProvider;
import io.github.ecgid.model.onnx.OnnxModel;

/** Registers ONNX Runtime as {@link Engine#ONNX_RUNTIME} (one intra-op thread; {@link OrtBeatClassifier#builder} for more). */
public final class OrtEngineProvider implements EngineProvider {

    @Override
    public Engine engine() {
        return Engine.ONNX_RUNTIME;
    }

    @Override
    public BeatClassifier open(OnnxModel model) {
        return OrtBeatClassifier.builder(model).build();
    }
}
