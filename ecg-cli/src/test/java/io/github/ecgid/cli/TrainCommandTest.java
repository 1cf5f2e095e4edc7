package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.nn.DenseParams;
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
    void trainsWithTheCosineMarginWhenAsked() {
        Path model = dir.resolve("cosface.onnx");
        CliRun r = run("train", "--dataset", "synthetic", "--persons", "3", "--seconds", "30", "--epochs", "2",
                "--margin-scale", "16", "--margin", "0.3", "--out", model.toString());
        assertThat(r.exit()).as(r.err()).isZero();

        // a cosine-margin network is exported with unit class directions, all scaled alike, and no bias
        DenseParams last = OnnxModel.read(model).weights().fc2();
        double[] norms = new double[last.outFeatures()];
        for (int c = 0; c < norms.length; c++) {
            for (int i = 0; i < last.inFeatures(); i++) {
                double w = last.weight()[c * last.inFeatures() + i];
                norms[c] += w * w;
            }
        }
        assertThat(norms[1]).isCloseTo(norms[0], within(1e-3 * norms[0]));
        assertThat(norms[2]).isCloseTo(norms[0], within(1e-3 * norms[0]));
        assertThat(last.bias()).containsOnly(0f);
    }

    @Test
    void waveAugmentationChangesWhatIsLearned() throws Exception {
        Path plain = dir.resolve("plain.onnx");
        Path waves = dir.resolve("waves.onnx");
        String[] common = {"train", "--dataset", "synthetic", "--persons", "3", "--seconds", "30", "--epochs", "1"};
        CliRun a = run(concat(common, "--out", plain.toString()));
        CliRun b = run(concat(common, "--augment", "1", "--augmenter", "waves", "--out", waves.toString()));
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(OnnxModel.read(waves).weights().fc2().weight())
                .isNotEqualTo(OnnxModel.read(plain).weights().fc2().weight());
    }

    @Test
    void aNegativeAugmentIsAUsageError() {
        CliRun r = run("train", "--dataset", "synthetic", "--augment", "-1", "--out",
                dir.resolve("m.onnx").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--augment must be >= 0, got -1");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void aMarginOutsideItsRangeIsAUsageError() {
        CliRun r = run("train", "--dataset", "synthetic", "--margin-scale", "16", "--margin", "1.5", "--out",
                dir.resolve("m.onnx").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("margin must be in [0, 1)");
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
