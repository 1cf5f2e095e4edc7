package io.github.ecgid.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EngineProviderTest {

    @Test
    void onnxRuntimeRegistersItselfAsAnEngineProvider() {
        assertThat(ServiceLoader.load(EngineProvider.class).stream().map(p -> p.get().engine()))
                .containsExactly(Engine.ONNX_RUNTIME);
    }
}
