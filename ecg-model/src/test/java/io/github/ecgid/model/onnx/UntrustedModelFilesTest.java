package io.github.ecgid.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ecgid.core.EcgFormatException;
import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.identify.TemplateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files and template stores that are devices or FIFOs are refused before reading (issue 26). */
class UntrustedModelFilesTest {

    @TempDir
    Path dir;

    @Test
    void devZeroIsRefusedAsAModelAndAsAStoreWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "needs /dev/zero");

        assertThatThrownBy(() -> OnnxModel.read(zero)).isInstanceOf(EcgModelException.class)
                .hasMessageContaining("/dev/zero").hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> TemplateStore.open(zero, "a-32-byte-secret-for-unit-tests!"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("template store is not a regular file");
    }

    @Test
    void aFifoAsModelIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("m.onnx");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor() == 0, "needs mkfifo");

        Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowable(() -> OnnxModel.read(fifo)));

        assertThat(t).isInstanceOf(EcgModelException.class).hasMessageContaining("not a regular file");
    }

    @Test
    void aMissingModelSaysSo() {
        assertThatThrownBy(() -> OnnxModel.read(dir.resolve("none.onnx"))).isInstanceOf(EcgModelException.class)
                .hasMessageContaining("none.onnx").hasMessageContaining("model file not found");
    }
}
