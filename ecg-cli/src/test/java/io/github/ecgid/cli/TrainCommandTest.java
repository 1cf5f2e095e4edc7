package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.onnx.ModelProvenance;
import io.github.ecgid.model.onnx.OnnxModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void trainsOnSyntheticPersonsAndWritesAModelWithProvenance() {
        Path model = dir.resolve("synthetic.onnx");
        CliRun r = run("train", "--dataset", "synthetic", "--persons", "3", "--seconds", "30", "--epochs", "2",
                "--seed", "9", "--out", model.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("epoch 2/2");
        assertThat(r.out()).contains("best epoch").contains("validation accuracy");

        OnnxModel m = OnnxModel.read(model);
        assertThat(m.classLabels()).containsExactly("person-1", "person-2", "person-3");
        ModelProvenance p = m.provenance().orElseThrow();
        assertThat(p.seed()).isEqualTo(9);
        assertThat(p.trainingDataSha256()).hasSize(64);
        assertThat(p.preprocessing()).contains("fs 250.0 Hz").contains("pan-tompkins");
        try (BeatClassifier c = BeatClassifier.open(m, Engine.ONNX_RUNTIME)) {
            assertThat(c.predict(new float[175]).logits()).hasSize(3);
        }
    }

    @Test
    void sameSeedGivesTheSameModelFile() throws Exception {
        Path a = dir.resolve("a.onnx");
        Path b = dir.resolve("b.onnx");
        for (Path p : new Path[] {a, b}) {
            assertThat(run("train", "--dataset", "synthetic", "--persons", "2", "--seconds", "20", "--epochs", "1",
                    "--seed", "4", "--out", p.toString()).exit()).isZero();
        }
        assertThat(java.nio.file.Files.readAllBytes(a)).isEqualTo(java.nio.file.Files.readAllBytes(b));
    }

    @Test
    void missingDataFolderIsABadInputWithAHint() {
        CliRun r = run("train", "--dataset", "mitdb", "--data", dir.resolve("nowhere").toString(), "--epochs", "1",
                "--out", dir.resolve("m.onnx").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("ecgid: ").contains("nowhere");
    }
}
