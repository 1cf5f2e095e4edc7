package io.github.ecgid.model.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.github.ecgid.model.nn.BatchNormParams;
import io.github.ecgid.model.nn.CnnWeights;
import io.github.ecgid.model.nn.Conv1dParams;
import io.github.ecgid.model.nn.DenseParams;
import io.github.ecgid.model.nn.LightweightCnn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/** Builds the ONNX {@code ModelProto} of a LightweightCnn, folding each BatchNorm into its convolution. */
final class OnnxGraphWriter {

    static final int FLOAT = TensorProto.DataType.FLOAT.getNumber();
    /** IR version 7 goes with opset 13 and loads in every ONNX Runtime since 1.6. */
    private static final long IR_VERSION = 7;
    static final String INPUT = "beats";
    static final String LOGITS = "logits";
    static final String EMBEDDING = "embedding";
    private static final String BATCH = "batch";

    private OnnxGraphWriter() {
    }

    static ModelProto write(CnnWeights w, ModelProvenance provenance) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("LightweightCnn");
        g.addInput(valueInfo(INPUT, 1, LightweightCnn.BEAT_LENGTH));
        String x = INPUT;
        x = convBlock(g, 1, w.conv1(), w.bn1(), x, true);
        x = convBlock(g, 2, w.conv2(), w.bn2(), x, true);
        x = convBlock(g, 3, w.conv3(), w.bn3(), x, false);
        g.addNode(node("GlobalAveragePool", "gap", x, "gap_out"));
        g.addNode(node("Flatten", "flatten", "gap_out", "flat").addAttribute(intAttr("axis", 1)));
        x = gemm(g, "fc1", w.fc1(), "flat", "fc1_out");
        g.addNode(node("Relu", "fc1_relu", x, EMBEDDING));
        gemm(g, "fc2", w.fc2(), EMBEDDING, LOGITS);
        g.addOutput(valueInfo(LOGITS, w.numClasses()));
        g.addOutput(valueInfo(EMBEDDING, LightweightCnn.EMBEDDING_SIZE));

        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxModel.OPSET_VERSION))
                .setProducerName("ecgid")
                .setProducerVersion(provenance.libraryVersion())
                .setDomain("io.github.ecgid")
                .setModelVersion(1)
                .setDocString("ECG beat classifier (LightweightCnn); logits per class and a 64-d embedding.")
                .setGraph(g);
        for (Map.Entry<String, String> e : provenance.toMetadata().entrySet()) {
            m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        return m.build();
    }

    private static String convBlock(GraphProto.Builder g, int i, Conv1dParams conv, BatchNormParams bn, String in,
                                    boolean pool) {
        // Folding: BN(conv(x)) = s * (W x + b - mean) + beta with s = gamma / sqrt(var + eps), per out channel.
        float[] wt = conv.weight();
        float[] b = conv.bias();
        float[] gamma = bn.gamma();
        float[] beta = bn.beta();
        float[] mean = bn.runningMean();
        float[] var = bn.runningVar();
        int perOut = conv.inChannels() * conv.kernelSize();
        float[] fw = new float[wt.length];
        float[] fb = new float[b.length];
        for (int o = 0; o < conv.outChannels(); o++) {
            double s = gamma[o] / Math.sqrt((double) var[o] + bn.eps());
            for (int j = 0; j < perOut; j++) {
                fw[o * perOut + j] = (float) (wt[o * perOut + j] * s);
            }
            fb[o] = (float) ((b[o] - (double) mean[o]) * s + beta[o]);
        }
        String name = "conv" + i;
        g.addInitializer(tensor(name + ".weight", fw, conv.outChannels(), conv.inChannels(), conv.kernelSize()));
        g.addInitializer(tensor(name + ".bias", fb, conv.outChannels()));
        int pad = conv.padding();
        g.addNode(NodeProto.newBuilder().setOpType("Conv").setName(name)
                .addInput(in).addInput(name + ".weight").addInput(name + ".bias").addOutput(name + "_out")
                .addAttribute(intsAttr("kernel_shape", conv.kernelSize()))
                .addAttribute(intsAttr("pads", pad, pad))
                .addAttribute(intsAttr("strides", 1))
                .addAttribute(intsAttr("dilations", 1))
                .addAttribute(intAttr("group", 1)));
        g.addNode(node("Relu", name + "_relu", name + "_out", name + "_relu_out"));
        if (!pool) {
            return name + "_relu_out";
        }
        g.addNode(node("MaxPool", "pool" + i, name + "_relu_out", "pool" + i + "_out")
                .addAttribute(intsAttr("kernel_shape", 2))
                .addAttribute(intsAttr("strides", 2))
                .addAttribute(intsAttr("pads", 0, 0))
                .addAttribute(intAttr("ceil_mode", 0)));
        return "pool" + i + "_out";
    }

    private static String gemm(GraphProto.Builder g, String name, DenseParams d, String in, String out) {
        g.addInitializer(tensor(name + ".weight", d.weight(), d.outFeatures(), d.inFeatures()));
        g.addInitializer(tensor(name + ".bias", d.bias(), d.outFeatures()));
        g.addNode(NodeProto.newBuilder().setOpType("Gemm").setName(name)
                .addInput(in).addInput(name + ".weight").addInput(name + ".bias").addOutput(out)
                .addAttribute(floatAttr("alpha", 1f))
                .addAttribute(floatAttr("beta", 1f))
                .addAttribute(intAttr("transB", 1)));
        return out;
    }

    private static NodeProto.Builder node(String op, String name, String in, String out) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addInput(in).addOutput(out);
    }

    private static TensorProto tensor(String name, float[] values, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                .setRawData(ByteString.copyFrom(buf.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** A float tensor type {@code [batch, dims...]} with a symbolic batch dimension. */
    private static ValueInfoProto valueInfo(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(shape)))
                .build();
    }

    private static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    private static AttributeProto floatAttr(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v)
                .build();
    }

    private static AttributeProto intsAttr(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }
}
