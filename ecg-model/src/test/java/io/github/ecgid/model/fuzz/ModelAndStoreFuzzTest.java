package io.github.ecgid.model.fuzz;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.io.Mutator;
import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.TestModels;
import io.github.ecgid.model.identify.PersonTemplate;
import io.github.ecgid.model.identify.TemplateStore;
import io.github.ecgid.model.onnx.OnnxModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of the model file and the template store (issue 26): a mutated file is read, and a
 * model that still loads classifies a beat; only {@link EcgException} subtypes may come out. Failing inputs are
 * saved under {@code target/fuzz-failures/}. Longer run: {@code -Decgid.fuzz.iterations=N} (docs/security.md).
 */
class ModelAndStoreFuzzTest {

    private static final byte[] KEY = "a-32-byte-secret-for-unit-tests!".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    interface Read {
        void read(Path file) throws Exception;
    }

    private void fuzz(String target, byte[] valid, int iterations, Read read) {
        long base = Mutator.baseSeed() * 1_000_003L + target.hashCode();
        Path file = dir.resolve(target);
        assertTimeoutPreemptively(Duration.ofSeconds(120L + iterations / 20), () -> {
            for (int i = 0; i < iterations; i++) {
                long seed = base + i;
                byte[] input = new Mutator(seed).mutate(valid, false);
                Files.write(file, input);
                try {
                    read.read(file);
                } catch (EcgException expected) {
                    // a typed refusal
                } catch (Throwable t) {
                    Path saved = Files.write(Files.createDirectories(Path.of("target", "fuzz-failures"))
                            .resolve(target + "-" + seed + ".bin"), input);
                    fail(target + " seed " + seed + " (input saved to " + saved + "): " + t, t);
                }
            }
        });
    }

    private static void classifyOneBeat(Path file) {
        OnnxModel m = OnnxModel.read(file);
        try (BeatClassifier c = BeatClassifier.open(m, Engine.PURE_JAVA)) {
            c.predict(TestModels.randomBeats(1, 3)[0]);
        }
    }

    @Test
    void sealedModelFilesOnlyEverFailWithTypedErrors() {
        byte[] valid = OnnxModel.export(TestModels.randomWeights(3, 5), TestModels.provenance(3)).toBytes();
        fuzz("sealed.onnx", valid, Math.max(20, Mutator.iterations() / 4), ModelAndStoreFuzzTest::classifyOneBeat);
    }

    @Test
    void unsealedForeignModelFilesOnlyEverFailWithTypedErrors() {
        fuzz("pytorch.onnx", TestModels.resource(TestModels.PYTORCH_ONNX), Math.max(20, Mutator.iterations() / 4),
                ModelAndStoreFuzzTest::classifyOneBeat);
    }

    @Test
    void templateStoresOnlyEverFailWithTypedErrors() throws IOException {
        Path valid = dir.resolve("valid.ecgt");
        TemplateStore.write(valid, List.of(
                PersonTemplate.fromEmbeddings("alice", new float[][] {{1, 0, 0, 0}, {0.9f, 0.1f, 0, 0}}),
                PersonTemplate.fromEmbeddings("bob", new float[][] {{0, 1, 0, 0}, {0, 0.8f, 0.2f, 0}})),
                KEY, "sha256:model-a");
        fuzz("store.ecgt", Files.readAllBytes(valid), Mutator.iterations(), f -> TemplateStore.open(f, KEY));
    }
}
