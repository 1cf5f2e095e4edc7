package io.github.ecgid.model;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.model.nn.SimdSupport;
import io.github.ecgid.model.onnx.OnnxModel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@link Engine#AUTO} opens: see there. Says which, once per JVM, at DEBUG. */
final class AutoEngine {
    private static final Logger LOG = LoggerFactory.getLogger(AutoEngine.class);
    private static final AtomicBoolean SAID = new AtomicBoolean();

    private AutoEngine() {
    }

    static BeatClassifier open(OnnxModel model) {
        if (SimdSupport.active()) {
            say("pure Java on SIMD kernels");
            return BeatClassifier.open(model, Engine.PURE_JAVA);
        }
        try {
            BeatClassifier c = BeatClassifier.open(model, Engine.ONNX_RUNTIME);
            say("ONNX Runtime (the pure-Java engine would run scalar kernels: " + SimdSupport.description() + ")");
            return c;
        } catch (EcgException | LinkageError e) { // no native library for this platform
            say("pure Java on scalar kernels (ONNX Runtime unavailable: " + e.getMessage() + ")");
            return BeatClassifier.open(model, Engine.PURE_JAVA);
        }
    }

    private static void say(String choice) {
        if (SAID.compareAndSet(false, true)) {
            LOG.debug("Engine.AUTO runs models on {}", choice);
        }
    }
}
