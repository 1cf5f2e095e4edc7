package io.github.ecgid.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.Prediction;
import io.github.ecgid.model.TestModels;
import io.github.ecgid.model.nn.CnnOutput;
import io.github.ecgid.model.nn.LightweightCnn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class OnnxImportTest {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxImportTest.class);

    private static final byte[] PYTORCH = TestModels.resource(TestModels.PYTORCH_ONNX);

    @Test
    void reproducesPyTorchGoldenLogitsInPureJava() {
        OnnxModel model = OnnxModel.fromBytes(PYTORCH, "pytorch");
        TestModels.Golden golden = TestModels.golden();
        double worst = 0;
        try (BeatClassifier c = BeatClassifier.open(model, Engine.PURE_JAVA)) {
            for (int i = 0; i < golden.beats().length; i++) {
                Prediction p = c.predict(golden.beats()[i]);
                worst = Math.max(worst, TestModels.maxAbsDiff(p.logits(), golden.logits()[i]));
            }
        }
        LOG.info("PyTorch golden logits, pure Java: max |diff| {} over {} beats", worst, golden.beats().length);
        assertThat(golden.beats().length).isEqualTo(16);
        assertThat(worst).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void pytorchModelPredictsTheGoldenLabels() {
        TestModels.Golden golden = TestModels.golden();
        LightweightCnn cnn = new LightweightCnn(OnnxModel.fromBytes(PYTORCH, "pytorch").weights());
        int[] predicted = Arrays.stream(golden.beats()).map(cnn::predict).mapToInt(CnnOutput::predictedClass)
                .toArray();
        int[] goldenArgmax = Arrays.stream(golden.logits()).mapToInt(l -> new Prediction(l, new float[64])
                .predictedClass()).toArray();
        assertThat(predicted).containsExactly(goldenArgmax);
    }

    @Test
    void describesThePyTorchModel(@TempDir Path dir) throws Exception {
        OnnxModel model = OnnxModel.read(TestModels.pytorchModelFile(dir));
        assertThat(model.parameterCount()).isEqualTo(44_358);
        assertThat(model.classCount()).isEqualTo(6);
        assertThat(model.classLabels()).containsExactly("0", "1", "2", "3", "4", "5");
        assertThat(model.provenance()).isEmpty();
        assertThat(model.hasEmbeddingOutput()).isFalse();
        assertThat(model.producer()).isEqualTo("pytorch 1.13.0");
        assertThat(model.opsetVersion()).isEqualTo(13);
        assertThat(model.inputName()).isEqualTo("beats");
        assertThat(model.logitsName()).isEqualTo("logits");
    }

    @Test
    void addsTheEmbeddingAsGraphOutputForTheRuntime() throws Exception {
        OnnxModel model = OnnxModel.fromBytes(PYTORCH, "pytorch");
        ModelProto runtime = ModelProto.parseFrom(model.toRuntimeBytes());
        assertThat(runtime.getGraph().getOutputList()).extracting(ValueInfoProto::getName)
                .containsExactly("logits", model.embeddingName());
        assertThat(OnnxModel.fromBytes(model.toRuntimeBytes(), "rt").hasEmbeddingOutput()).isTrue();
    }

    @Test
    void rejectsMissingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> OnnxModel.read(dir.resolve("nope.onnx")))
                .isInstanceOf(EcgModelException.class).hasMessageContaining("nope.onnx").hasMessageContaining("not found");
    }

    @Test
    void rejectsEveryTruncationOfTheFile() {
        // Cut points through the header, the initializers' raw data, the node list and the tail.
        for (int len : new int[] {1, 10, 100, 1_000, 50_000, 120_000, PYTORCH.length - 200, PYTORCH.length - 1}) {
            byte[] cut = Arrays.copyOf(PYTORCH, len);
            assertThatThrownBy(() -> OnnxModel.fromBytes(cut, "cut.onnx"))
                    .as("truncated to %d bytes", len)
                    .isInstanceOf(EcgModelException.class).hasMessageStartingWith("cut.onnx: ");
        }
    }

    @Test
    void rejectsGarbageAndEmptyFiles(@TempDir Path dir) throws Exception {
        Path garbage = dir.resolve("garbage.onnx");
        Files.writeString(garbage, "this is not a model at all, just text\n".repeat(20));
        assertThatThrownBy(() -> OnnxModel.read(garbage)).isInstanceOf(EcgModelException.class)
                .hasMessageContaining("garbage.onnx");
        Path empty = Files.createFile(dir.resolve("empty.onnx"));
        assertThatThrownBy(() -> OnnxModel.read(empty)).isInstanceOf(EcgModelException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void namesTheFirstUnsupportedOperator() throws Exception {
        ModelProto m = ModelProto.parseFrom(PYTORCH);
        ModelProto.Builder b = m.toBuilder();
        NodeProto relu = b.getGraph().getNode(4);
        b.getGraphBuilder().setNode(4, relu.toBuilder().setOpType("Sigmoid"));
        b.getGraphBuilder().setNode(7, b.getGraph().getNode(7).toBuilder().setOpType("LeakyRelu"));
        assertThatThrownBy(() -> OnnxModel.fromBytes(b.build().toByteArray(), "sig.onnx"))
                .isInstanceOf(EcgModelException.class)
                .hasMessageContaining("unsupported ONNX operator 'Sigmoid'")
                .hasMessageContaining("node #4")
                .hasMessageNotContaining("LeakyRelu");
    }

    @Test
    void rejectsAnInputOfTheWrongLength() throws Exception {
        ModelProto.Builder b = ModelProto.parseFrom(PYTORCH).toBuilder();
        ValueInfoProto.Builder in = b.getGraphBuilder().getInputBuilder(0);
        in.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .setDim(2, TensorShapeProto.Dimension.newBuilder().setDimValue(200));
        assertThatThrownBy(() -> OnnxModel.fromBytes(b.build().toByteArray(), "m.onnx"))
                .isInstanceOf(EcgModelException.class)
                .hasMessageContaining("[N,1,200]").hasMessageContaining("expected [batch,1,175]");
    }

    @Test
    void rejectsAConvolutionWithTheWrongKernelShape() throws Exception {
        ModelProto.Builder b = ModelProto.parseFrom(PYTORCH).toBuilder();
        String w = b.getGraph().getNode(0).getInput(1);
        for (int i = 0; i < b.getGraph().getInitializerCount(); i++) {
            TensorProto t = b.getGraph().getInitializer(i);
            if (t.getName().equals(w)) {
                // same number of bytes, different shape: only shape validation can catch this
                b.getGraphBuilder().setInitializer(i, t.toBuilder().clearDims().addDims(32).addDims(7).addDims(1));
            }
        }
        assertThatThrownBy(() -> OnnxModel.fromBytes(b.build().toByteArray(), "m.onnx"))
                .isInstanceOf(EcgModelException.class)
                .hasMessageContaining("node #0").hasMessageContaining("[32, 7, 1]")
                .hasMessageContaining("expected [32, 1, 7]");
    }

    @Test
    void rejectsAnInitializerWithTooFewBytes() throws Exception {
        ModelProto.Builder b = ModelProto.parseFrom(PYTORCH).toBuilder();
        String w = b.getGraph().getNode(3).getInput(1); // second Conv's weight
        for (int i = 0; i < b.getGraph().getInitializerCount(); i++) {
            TensorProto t = b.getGraph().getInitializer(i);
            if (t.getName().equals(w)) {
                b.getGraphBuilder().setInitializer(i, t.toBuilder().setRawData(t.getRawData().substring(0, 1000)));
            }
        }
        assertThatThrownBy(() -> OnnxModel.fromBytes(b.build().toByteArray(), "m.onnx"))
                .isInstanceOf(EcgModelException.class)
                .hasMessageContaining("node #3").hasMessageContaining("1000 bytes")
                .hasMessageContaining("needs 40960 bytes");
    }

    @Test
    void rejectsClassLabelsThatDoNotMatchTheOutputLayer() throws Exception {
        ModelProto.Builder b = ModelProto.parseFrom(PYTORCH).toBuilder();
        ModelProvenance five = TestModels.provenance(5);
        five.toMetadata().forEach((k, v) ->
                b.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        assertThatThrownBy(() -> OnnxModel.fromBytes(b.build().toByteArray(), "m.onnx"))
                .isInstanceOf(EcgModelException.class)
                .hasMessageContaining("5 class labels").hasMessageContaining("6 classes");
    }

    @Test
    void rejectsAGraphThatDoesNotEndWithTheLogits() throws Exception {
        ModelProto.Builder b = ModelProto.parseFrom(PYTORCH).toBuilder();
        int last = b.getGraph().getNodeCount() - 1;
        b.getGraphBuilder().setNode(last, b.getGraph().getNode(last).toBuilder().setOutput(0, "pre"));
        b.getGraphBuilder().addNode(NodeProto.newBuilder().setOpType("Relu").setName("extra").addInput("pre")
                .addOutput("logits"));
        assertThatThrownBy(() -> OnnxModel.fromBytes(b.build().toByteArray(), "m.onnx"))
                .isInstanceOf(EcgModelException.class)
                .hasMessageContaining("'extra'").hasMessageContaining("follows the final Gemm");
    }
}
