package io.github.ecgid.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.TestModels;
import io.github.ecgid.model.identify.EmbeddingCenter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ModelIntegrityTest {

    private static OnnxModel model() {
        return OnnxModel.export(TestModels.randomWeights(3, 5), TestModels.provenance(3));
    }

    /** The model's bytes with one float of the first float initializer replaced, the seal left as it was. */
    private static byte[] withFirstWeight(OnnxModel m, float value) throws Exception {
        ModelProto p = ModelProto.parseFrom(m.toBytes());
        ModelProto.Builder b = p.toBuilder();
        for (int i = 0; i < p.getGraph().getInitializerCount(); i++) {
            TensorProto t = p.getGraph().getInitializer(i);
            if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE && !t.getRawData().isEmpty()) {
                byte[] raw = t.getRawData().toByteArray();
                ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, value);
                b.getGraphBuilder().setInitializer(i, t.toBuilder().setRawData(ByteString.copyFrom(raw)));
                return b.build().toByteArray();
            }
        }
        throw new AssertionError("no raw float initializer");
    }

    @Test
    void everyExportedModelIsSealedAndReadsBack() {
        OnnxModel m = model();

        assertThat(m.metadata()).containsKey(ModelDigest.KEY);
        assertThat(OnnxModel.fromBytes(m.toBytes(), "copy").fingerprint()).isEqualTo(m.fingerprint());
    }

    @Test
    void refusesAWeightChangedAfterExport() throws Exception {
        byte[] changed = withFirstWeight(model(), 0.123f);

        assertThatThrownBy(() -> OnnxModel.fromBytes(changed, "m.onnx")).isInstanceOf(EcgModelException.class)
                .hasMessageContaining("m.onnx").hasMessageContaining(ModelDigest.KEY);
    }

    @Test
    void refusesSwappedMetadataEvenWhenTheWeightsAreIntact() throws Exception {
        ModelProto p = ModelProto.parseFrom(model().toBytes());
        ModelProto.Builder b = p.toBuilder().clearMetadataProps();
        for (StringStringEntryProto e : p.getMetadataPropsList()) {
            b.addMetadataProps(e.getKey().equals("ecgid.class_labels")
                    ? e.toBuilder().setValue(e.getValue().replace("person-0", "person-9")).build() : e);
        }

        assertThatThrownBy(() -> OnnxModel.fromBytes(b.build().toByteArray(), "m.onnx"))
                .isInstanceOf(EcgModelException.class).hasMessageContaining("changed or damaged");
    }

    @Test
    void refusesNonFiniteWeightsNamingTheTensor() throws Exception {
        ModelProto p = ModelProto.parseFrom(withFirstWeight(model(), Float.NaN));
        byte[] resealed = ModelDigest.seal(p).toByteArray(); // a careless edit that also reseals

        assertThatThrownBy(() -> OnnxModel.fromBytes(resealed, "m.onnx")).isInstanceOf(EcgModelException.class)
                .hasMessageContaining("m.onnx").hasMessageContaining("conv1").hasMessageContaining("non-finite value NaN");
    }

    @Test
    void refusesATruncatedEmbeddingCentre() {
        OnnxModel m = model().withMetadata(EmbeddingCenter.METADATA_KEY, "0.1,0.2,0.3");

        assertThatThrownBy(() -> EmbeddingCenter.of(m)).isInstanceOf(EcgModelException.class)
                .hasMessageContaining(EmbeddingCenter.METADATA_KEY).hasMessageContaining("holds 3 numbers");
    }

    @Test
    void anUnsealedModelIsReadAsItIs() throws Exception {
        ModelProto p = ModelProto.parseFrom(model().toBytes());
        ModelProto.Builder b = p.toBuilder().clearMetadataProps();
        p.getMetadataPropsList().stream().filter(e -> !e.getKey().equals(ModelDigest.KEY)).forEach(b::addMetadataProps);

        assertThat(OnnxModel.fromBytes(b.build().toByteArray(), "pytorch.onnx").classCount()).isEqualTo(3);
    }
}
