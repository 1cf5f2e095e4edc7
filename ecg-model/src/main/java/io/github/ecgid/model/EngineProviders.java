package io.github.ecgid.model;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.onnx.OnnxModel;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the {@link EngineProvider} of an engine on the class path. */
final class EngineProviders {
    private EngineProviders() {
    }

    static BeatClassifier open(Engine engine, OnnxModel model) {
        Iterator<EngineProvider> it = ServiceLoader.load(EngineProvider.class,
                EngineProvider.class.getClassLoader()).iterator();
        String broken = "";
        while (true) {
            EngineProvider p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) { // a registration whose class is missing or cannot load
                broken = "; a registered provider could not be loaded (" + e.getMessage() + ")";
                continue;
            }
            if (p.engine() == engine) {
                return p.open(model);
            }
        }
        throw new EcgModelException("No " + engine + " engine on the class path (no EngineProvider registered in "
                + "META-INF/services/" + EngineProvider.class.getName() + broken + "); use Engine.PURE_JAVA or "
                + "Engine.AUTO, or add the engine's artefact (io.github.ecgid:ecg-model-ort for ONNX Runtime)");
    }
}
