package io.github.ecgid.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.TestModels;
import io.github.ecgid.model.nn.CnnOutput;
import io.github.ecgid.model.nn.CnnWeights;
import io.github.ecgid.model.nn.LightweightCnn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxExportTest {

    private static final CnnWeights WEIGHTS = TestModels.randomWeights(6, 11);

    @Test
    void writesTheStandardGraphWithFoldedBatchNorm() throws Exception {
        ModelProto m = ModelProto.parseFrom(OnnxModel.export(WEIGHTS, TestModels.provenance(6)).toBytes());
        assertThat(m.getOpsetImportList()).singleElement()
                .satisfies(o -> assertThat(o.getVersion()).isEqualTo(13));
        assertThat(m.getGraph().getNodeList()).extracting(NodeProto::getOpType).containsExactly(
                "Conv", "Relu", "MaxPool", "Conv", "Relu", "MaxPool", "Conv", "Relu",
                "GlobalAveragePool", "Flatten", "Gemm", "Relu", "Gemm");
        assertThat(shape(m.getGraph().getInput(0))).isEqualTo("[batch,1,175]");
        assertThat(m.getGraph().getOutputList()).extracting(ValueInfoProto::getName)
                .containsExactly("logits", "embedding");
        assertThat(shape(m.getGraph().getOutput(0))).isEqualTo("[batch,6]");
        assertThat(shape(m.getGraph().getOutput(1))).isEqualTo("[batch,64]");
    }

    private static String shape(ValueInfoProto v) {
        return v.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()))
                .collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void storesProvenanceInMetadataProps() throws Exception {
        ModelProvenance p = ModelProvenance.builder().classLabels(List.of("a,b", "50%", "c")).samplingRateHz(250)
                .preprocessing("notch 50 Hz, band-pass 0.5-40 Hz").seed(1234)
                .trainingDataSha256("0123456789abcdef".repeat(4))
                .libraryVersion("9.9.9").build();
        OnnxModel model = OnnxModel.export(TestModels.randomWeights(3, 1), p);
        ModelProto m = ModelProto.parseFrom(model.toBytes());
        Map<String, String> meta = m.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertThat(meta).containsEntry("ecgid.sampling_rate_hz", "250.0").containsEntry("ecgid.seed", "1234")
                .containsEntry("ecgid.library_version", "9.9.9").containsKey("ecgid.training_data_sha256");
        assertThat(m.getProducerName()).isEqualTo("ecgid");
        assertThat(OnnxModel.fromBytes(model.toBytes(), "x").provenance()).contains(p);
        assertThat(model.classLabels()).containsExactly("a,b", "50%", "c");
    }

    @Test
    void withMetadataSetsReplacesAndRemovesOneEntryKeepingTheRest() {
        OnnxModel m = OnnxModel.export(WEIGHTS, TestModels.provenance(6));
        OnnxModel set = m.withMetadata("x.note", "one").withMetadata("x.note", "two");
        // every entry but the seal, which covers the metadata and so changes with it
        Map<String, String> unsealed = new java.util.HashMap<>(m.metadata());
        unsealed.remove(ModelDigest.KEY);
        assertThat(set.metadata()).containsEntry("x.note", "two").containsAllEntriesOf(unsealed);
        assertThat(set.provenance()).isEqualTo(m.provenance());
        assertThat(set.withMetadata("x.note", null).metadata()).isEqualTo(m.metadata());
        assertThat(set.weights().numClasses()).isEqualTo(6);
    }

    @Test
    void roundTripMatchesTheUnfoldedNetwork(@TempDir Path dir) {
        Path file = dir.resolve("m.onnx");
        OnnxModel.export(WEIGHTS, TestModels.provenance(6)).write(file);
        LightweightCnn original = new LightweightCnn(WEIGHTS);
        LightweightCnn imported = new LightweightCnn(OnnxModel.read(file).weights());
        double logits = 0;
        double emb = 0;
        for (float[] beat : TestModels.randomBeats(50, 3)) {
            CnnOutput a = original.predict(beat);
            CnnOutput b = imported.predict(beat);
            logits = Math.max(logits, TestModels.maxAbsDiff(a.logits(), b.logits()));
            emb = Math.max(emb, TestModels.maxAbsDiff(a.embedding(), b.embedding()));
        }
        assertThat(logits).isLessThanOrEqualTo(1e-5);
        assertThat(emb).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void exportIsDeterministic() {
        byte[] a = OnnxModel.export(WEIGHTS, TestModels.provenance(6)).toBytes();
        byte[] b = OnnxModel.export(TestModels.randomWeights(6, 11), TestModels.provenance(6)).toBytes();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void rejectsProvenanceWithTheWrongNumberOfLabels() {
        assertThatThrownBy(() -> OnnxModel.export(WEIGHTS, TestModels.provenance(4)))
                .isInstanceOf(EcgModelException.class).hasMessageContaining("4 class labels")
                .hasMessageContaining("6 classes");
    }

    @Test
    void readsBatchNormalizationNodesThatWereNotFolded() throws Exception {
        // An exporter may keep BatchNormalization as its own node; fold it ourselves and compare.
        ModelProto folded = ModelProto.parseFrom(OnnxModel.export(WEIGHTS, TestModels.provenance(6)).toBytes());
        ModelProto.Builder b = folded.toBuilder();
        var g = b.getGraphBuilder();
        // A foreign exporter writes no ecgid seal.
        b.clearMetadataProps().addAllMetadataProps(folded.getMetadataPropsList().stream()
                .filter(e -> !e.getKey().equals(ModelDigest.KEY)).toList());
        // Replace conv1's folded weights with the raw ones and insert a BatchNormalization node after it.
        var raw = WEIGHTS.conv1();
        var bn = WEIGHTS.bn1();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            String name = g.getInitializer(i).getName();
            if (name.equals("conv1.weight")) {
                g.setInitializer(i, floats(name, raw.weight(), 32, 1, 7));
            } else if (name.equals("conv1.bias")) {
                g.setInitializer(i, floats(name, raw.bias(), 32));
            }
        }
        g.addInitializer(floats("bn1.scale", bn.gamma(), 32)).addInitializer(floats("bn1.B", bn.beta(), 32))
                .addInitializer(floats("bn1.mean", bn.runningMean(), 32))
                .addInitializer(floats("bn1.var", bn.runningVar(), 32));
        g.setNode(1, g.getNode(1).toBuilder().setInput(0, "bn1_out"));
        g.addNode(1, NodeProto.newBuilder().setOpType("BatchNormalization").setName("bn1")
                .addInput("conv1_out").addInput("bn1.scale").addInput("bn1.B").addInput("bn1.mean")
                .addInput("bn1.var").addOutput("bn1_out").build());
        OnnxModel unfolded = OnnxModel.fromBytes(b.build().toByteArray(), "unfolded");
        assertThat(unfolded.weights().bn1()).isEqualTo(bn);
        float[] beat = TestModels.randomBeats(1, 5)[0];
        assertThat(TestModels.maxAbsDiff(new LightweightCnn(unfolded.weights()).predict(beat).logits(),
                new LightweightCnn(WEIGHTS).predict(beat).logits())).isLessThanOrEqualTo(1e-5);
    }

    private static ai.onnx.proto.OnnxMl.TensorProto floats(String name, float[] v, long... dims) {
        var t = ai.onnx.proto.OnnxMl.TensorProto.newBuilder().setName(name).setDataType(1);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float x : v) {
            t.addFloatData(x);
        }
        return t.build();
    }
}
