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
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.nn.BatchNormParams;
import io.github.ecgid.model.nn.CnnWeights;
import io.github.ecgid.model.nn.Conv1dParams;
import io.github.ecgid.model.nn.DenseParams;
import io.github.ecgid.model.nn.LightweightCnn;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reads an ONNX graph into {@link CnnWeights}: walks the nodes as one chain of layers, matches it against the
 * LightweightCnn layer sequence, maps initializers to weights and checks every shape and attribute. Accepts
 * BatchNorm folded into the convolutions (becoming identity BatchNorm) or as BatchNormalization nodes, Dropout
 * and Identity nodes (no-ops at inference), and Gemm with {@code transB} 0 or 1.
 */
final class OnnxGraphReader {

    private static final Set<String> SUPPORTED = Set.of("Conv", "BatchNormalization", "Relu", "MaxPool",
            "GlobalAveragePool", "Flatten", "Gemm", "Dropout", "Identity");
    private static final String SEQUENCE = "Conv, [BatchNormalization], Relu, MaxPool, Conv, [BatchNormalization], "
            + "Relu, MaxPool, Conv, [BatchNormalization], Relu, GlobalAveragePool, Flatten, Gemm, Relu, Gemm";
    private static final int[] CONV_OUT = {32, 64, 128};
    private static final int[] CONV_IN = {1, 32, 64};
    private static final int[] CONV_K = {7, 5, 3};

    record Result(CnnWeights weights, String inputName, String logitsName, String embeddingName,
                  boolean embeddingIsOutput) {
    }

    private record Op(int index, NodeProto node) {
        String label() {
            String name = node.getName().isEmpty() ? "" : " '" + node.getName() + "'";
            return "node #" + index + name + " (" + node.getOpType() + ")";
        }
    }

    private final GraphProto graph;
    private final String source;
    private final Map<String, TensorProto> initializers = new HashMap<>();
    private List<Op> ops;
    private int pos;

    private OnnxGraphReader(GraphProto graph, String source) {
        this.graph = graph;
        this.source = source;
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
    }

    static OnnxModel read(byte[] data, String source) {
        if (data.length == 0) {
            throw new EcgModelException(source + ": the file is empty, not an ONNX model");
        }
        ModelProto m;
        try {
            m = ModelProto.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new EcgModelException(source + ": not a readable ONNX model (truncated or corrupt file): "
                    + e.getMessage(), e);
        }
        if (!m.hasGraph() || m.getGraph().getNodeCount() == 0) {
            throw new EcgModelException(source + ": contains no ONNX graph (not an ONNX model, or a truncated file)");
        }
        long opset = -1;
        for (OperatorSetIdProto o : m.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = o.getVersion();
            }
        }
        if (opset < 9) {
            throw new EcgModelException(source + ": declares ONNX opset " + (opset < 0 ? "none" : opset)
                    + "; opset 9 or newer is required");
        }
        String digest = ModelDigest.check(m, source);
        Map<String, String> meta = new LinkedHashMap<>();
        for (StringStringEntryProto e : m.getMetadataPropsList()) {
            meta.put(e.getKey(), e.getValue());
        }
        Result r = new OnnxGraphReader(m.getGraph(), source).walk();
        String producer = (m.getProducerName() + " " + m.getProducerVersion()).trim();
        return new OnnxModel(data, source, r, meta, producer, opset, digest);
    }

    private Result walk() {
        String input = checkInput();
        ops = chain(input);
        pos = 0;
        Conv1dParams[] convs = new Conv1dParams[3];
        BatchNormParams[] bns = new BatchNormParams[3];
        for (int s = 0; s < 3; s++) {
            convs[s] = conv(expect("Conv"), s);
            bns[s] = peek("BatchNormalization") ? batchNorm(expect("BatchNormalization"), CONV_OUT[s])
                    : BatchNormParams.identity(CONV_OUT[s]);
            expect("Relu");
            if (s < 2) {
                maxPool(expect("MaxPool"));
            }
        }
        expect("GlobalAveragePool");
        Op flatten = expect("Flatten");
        long axis = intAttr(flatten, "axis", 1);
        if (axis != 1) {
            throw error(flatten, "axis is " + axis + "; expected 1");
        }
        DenseParams fc1 = gemm(expect("Gemm"), LightweightCnn.EMBEDDING_SIZE, 128);
        String embedding = expect("Relu").node.getOutput(0);
        Op fc2Op = expect("Gemm");
        DenseParams fc2 = gemm(fc2Op, -1, LightweightCnn.EMBEDDING_SIZE);
        if (pos < ops.size()) {
            throw error(ops.get(pos), "follows the final Gemm; the graph must end with the logits (expected "
                    + SEQUENCE + ")");
        }
        String logits = fc2Op.node.getOutput(0);
        boolean embeddingIsOutput = false;
        boolean logitsIsOutput = false;
        for (ValueInfoProto out : graph.getOutputList()) {
            if (out.getName().equals(logits)) {
                logitsIsOutput = true;
                checkOutputWidth(out, fc2.outFeatures(), "the final Gemm has");
            } else if (out.getName().equals(embedding)) {
                embeddingIsOutput = true;
                checkOutputWidth(out, LightweightCnn.EMBEDDING_SIZE, "the embedding has");
            }
        }
        if (!logitsIsOutput) {
            throw new EcgModelException(source + ": the final Gemm's output '" + logits + "' is not a graph output");
        }
        CnnWeights w;
        try {
            w = new CnnWeights(convs[0], bns[0], convs[1], bns[1], convs[2], bns[2], fc1, fc2);
        } catch (EcgModelException e) {
            throw new EcgModelException(source + ": " + e.getMessage(), e);
        }
        return new Result(w, input, logits, embedding, embeddingIsOutput);
    }

    /** Finds the single non-initializer graph input and checks it is float32 [batch,1,175]. */
    private String checkInput() {
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (!initializers.containsKey(v.getName())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            List<String> names = inputs.stream().map(ValueInfoProto::getName).toList();
            throw new EcgModelException(source + ": the graph has " + inputs.size() + " inputs " + names
                    + "; expected exactly one, float32 [batch,1," + LightweightCnn.BEAT_LENGTH + "]");
        }
        ValueInfoProto in = inputs.get(0);
        TypeProto.Tensor t = in.getType().getTensorType();
        if (t.getElemType() != OnnxGraphWriter.FLOAT) {
            throw new EcgModelException(source + ": input '" + in.getName() + "' has element type "
                    + TensorProto.DataType.forNumber(t.getElemType()) + "; expected FLOAT (float32)");
        }
        if (t.hasShape()) {
            List<TensorShapeProto.Dimension> dims = t.getShape().getDimList();
            boolean ok = dims.size() == 3 && fits(dims.get(1), 1) && fits(dims.get(2), LightweightCnn.BEAT_LENGTH);
            if (!ok) {
                throw new EcgModelException(source + ": input '" + in.getName() + "' has shape " + shape(dims)
                        + "; expected [batch,1," + LightweightCnn.BEAT_LENGTH + "] (one channel of "
                        + LightweightCnn.BEAT_LENGTH + "-sample beats)");
            }
        }
        return in.getName();
    }

    private static boolean fits(TensorShapeProto.Dimension d, long expected) {
        return !d.hasDimValue() || d.getDimValue() == expected;
    }

    private static String shape(List<TensorShapeProto.Dimension> dims) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (TensorShapeProto.Dimension d : dims) {
            j.add(d.hasDimValue() ? Long.toString(d.getDimValue()) : d.hasDimParam() ? d.getDimParam() : "?");
        }
        return j.toString();
    }

    private void checkOutputWidth(ValueInfoProto out, int width, String what) {
        TypeProto.Tensor t = out.getType().getTensorType();
        if (!t.hasShape()) {
            return;
        }
        List<TensorShapeProto.Dimension> dims = t.getShape().getDimList();
        if (dims.size() != 2 || !fits(dims.get(1), width)) {
            throw new EcgModelException(source + ": output '" + out.getName() + "' is declared " + shape(dims)
                    + " but " + what + " width " + width);
        }
    }

    /**
     * Lists the computing nodes as one chain from the input: each must read the previous node's output.
     * Dropout and Identity are skipped (no-ops at inference); anything unknown is reported.
     */
    private List<Op> chain(String input) {
        List<Op> chain = new ArrayList<>();
        String x = input;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto n = graph.getNode(i);
            Op op = new Op(i, n);
            boolean defaultDomain = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
            if (!defaultDomain || !SUPPORTED.contains(n.getOpType())) {
                String opName = defaultDomain ? n.getOpType() : n.getDomain() + ":" + n.getOpType();
                throw new EcgModelException(source + ": unsupported ONNX operator '" + opName + "' at " + op.label()
                        + "; a LightweightCnn uses only Conv, BatchNormalization, Relu, MaxPool, GlobalAveragePool,"
                        + " Flatten, Gemm (and Dropout/Identity)");
            }
            if (n.getInputCount() == 0 || !n.getInput(0).equals(x)) {
                throw error(op, "reads '" + (n.getInputCount() == 0 ? "" : n.getInput(0)) + "', not '" + x
                        + "' (the previous layer's output); only a single chain of layers is supported");
            }
            if (n.getOutputCount() == 0 || n.getOutput(0).isEmpty() || !seen.add(n.getOutput(0))) {
                throw error(op, "has no usable output");
            }
            x = n.getOutput(0);
            if (!n.getOpType().equals("Dropout") && !n.getOpType().equals("Identity")) {
                chain.add(op);
            }
        }
        return chain;
    }

    private boolean peek(String opType) {
        return pos < ops.size() && ops.get(pos).node.getOpType().equals(opType);
    }

    private Op expect(String opType) {
        if (pos >= ops.size()) {
            throw new EcgModelException(source + ": the graph ends where a " + opType + " node was expected; "
                    + "the LightweightCnn layer sequence is " + SEQUENCE);
        }
        Op op = ops.get(pos);
        if (!op.node.getOpType().equals(opType)) {
            throw error(op, "is not the expected " + opType + "; the LightweightCnn layer sequence is " + SEQUENCE);
        }
        pos++;
        return op;
    }

    private Conv1dParams conv(Op op, int stage) {
        int out = CONV_OUT[stage];
        int in = CONV_IN[stage];
        int k = CONV_K[stage];
        int pad = k / 2;
        NodeProto n = op.node;
        float[] w = initializer(op, 1, "weight", out, in, k);
        float[] b = n.getInputCount() > 2 && !n.getInput(2).isEmpty() ? initializer(op, 2, "bias", out)
                : new float[out];
        checkInts(op, "kernel_shape", List.of((long) k), List.of((long) k));
        checkInts(op, "strides", List.of(1L), List.of(1L));
        checkInts(op, "dilations", List.of(1L), List.of(1L));
        String autoPad = stringAttr(op, "auto_pad", "NOTSET");
        if (autoPad.equals("NOTSET")) {
            checkInts(op, "pads", List.of(0L, 0L), List.of((long) pad, (long) pad));
        } else if (!autoPad.startsWith("SAME_")) {
            throw error(op, "auto_pad is " + autoPad + "; expected explicit pads of " + pad + " on each side");
        }
        long group = intAttr(op, "group", 1);
        if (group != 1) {
            throw error(op, "group is " + group + "; expected 1");
        }
        try {
            return new Conv1dParams(out, in, k, w, b);
        } catch (EcgModelException e) {
            throw error(op, e.getMessage());
        }
    }

    private BatchNormParams batchNorm(Op op, int channels) {
        if (intAttr(op, "training_mode", 0) != 0) {
            throw error(op, "is in training mode; export the model in eval mode");
        }
        if (op.node.getInputCount() < 5) {
            throw error(op, "has " + op.node.getInputCount() + " inputs; expected X, scale, B, mean, var");
        }
        float eps = floatAttr(op, "epsilon", 1e-5f);
        try {
            return new BatchNormParams(initializer(op, 1, "scale", channels), initializer(op, 2, "B", channels),
                    initializer(op, 3, "mean", channels), initializer(op, 4, "var", channels), eps);
        } catch (EcgModelException e) {
            throw error(op, e.getMessage());
        }
    }

    private void maxPool(Op op) {
        checkInts(op, "kernel_shape", List.of(), List.of(2L));
        checkInts(op, "strides", List.of(1L), List.of(2L));
        checkInts(op, "pads", List.of(0L, 0L), List.of(0L, 0L));
        checkInts(op, "dilations", List.of(1L), List.of(1L));
        if (intAttr(op, "ceil_mode", 0) != 0) {
            throw error(op, "ceil_mode is 1; expected 0 (floor: 175 -> 87 -> 43)");
        }
        String autoPad = stringAttr(op, "auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) {
            throw error(op, "auto_pad is " + autoPad + "; expected no padding");
        }
        if (op.node.getOutputCount() > 1 && !op.node.getOutput(1).isEmpty()) {
            throw error(op, "also outputs indices; only the pooled values are supported");
        }
    }

    /** Reads Gemm(x, B, C) = x·Bᵀ + C into a dense layer; {@code out < 0} takes the width from B. */
    private DenseParams gemm(Op op, int out, int in) {
        NodeProto n = op.node;
        if (intAttr(op, "transA", 0) != 0) {
            throw error(op, "transA is 1; expected 0");
        }
        float alpha = floatAttr(op, "alpha", 1f);
        float beta = floatAttr(op, "beta", 1f);
        if (alpha != 1f || beta != 1f) {
            throw error(op, "alpha " + alpha + " and beta " + beta + "; expected 1 and 1");
        }
        boolean transB = intAttr(op, "transB", 0) != 0;
        TensorProto bt = tensor(op, 1, "weight");
        List<Long> dims = bt.getDimsList();
        if (dims.size() != 2) {
            throw error(op, "weight '" + bt.getName() + "' has shape " + dims + "; expected a matrix");
        }
        long width = transB ? dims.get(0) : dims.get(1);
        if (out < 0 && (width < 2 || width > 1_000_000)) {
            throw error(op, "weight '" + bt.getName() + "' has shape " + dims + ", i.e. " + width
                    + " classes; expected between 2 and 1,000,000");
        }
        int o = out < 0 ? (int) width : out;
        float[] w = transB ? initializer(op, 1, "weight", o, in) : initializer(op, 1, "weight", in, o);
        if (!transB) {
            float[] t = new float[w.length];
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < o; j++) {
                    t[j * in + i] = w[i * o + j];
                }
            }
            w = t;
        }
        float[] b = new float[o];
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            TensorProto ct = tensor(op, 2, "bias");
            b = ct.getDimsCount() == 2 ? initializer(op, 2, "bias", 1, o) : initializer(op, 2, "bias", o);
        }
        try {
            return new DenseParams(o, in, w, b);
        } catch (EcgModelException e) {
            throw error(op, e.getMessage());
        }
    }

    private TensorProto tensor(Op op, int input, String role) {
        NodeProto n = op.node;
        if (n.getInputCount() <= input) {
            throw error(op, "has no " + role + " input");
        }
        TensorProto t = initializers.get(n.getInput(input));
        if (t == null) {
            throw error(op, role + " '" + n.getInput(input) + "' is not an initializer; weights must be constant");
        }
        return t;
    }

    /** The float values of an initializer, after checking its shape is exactly {@code dims}. */
    private float[] initializer(Op op, int input, String role, long... dims) {
        TensorProto t = tensor(op, input, role);
        List<Long> expected = new ArrayList<>();
        long count = 1;
        for (long d : dims) {
            expected.add(d);
            count *= d;
        }
        if (!t.getDimsList().equals(expected)) {
            throw error(op, role + " '" + t.getName() + "' has shape " + t.getDimsList() + "; expected " + expected);
        }
        if (t.getDataType() != OnnxGraphWriter.FLOAT) {
            throw error(op, role + " '" + t.getName() + "' has data type "
                    + TensorProto.DataType.forNumber(t.getDataType()) + "; only FLOAT (float32) is supported");
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw error(op, role + " '" + t.getName() + "' is stored in an external file; only self-contained "
                    + "models are supported");
        }
        // sizes are checked before allocating, so a hostile file cannot make us allocate more than it holds
        boolean raw = !t.getRawData().isEmpty();
        long have = raw ? t.getRawData().size() : 4L * t.getFloatDataCount();
        if (have != 4L * count) {
            throw error(op, role + " '" + t.getName() + "' has " + (raw ? have + " bytes of data" : have / 4 + " values")
                    + "; shape " + expected + " needs " + (raw ? 4 * count + " bytes" : count + " values")
                    + " (truncated or corrupt file?)");
        }
        float[] v = new float[(int) count];
        if (raw) {
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        } else {
            for (int i = 0; i < v.length; i++) {
                v[i] = t.getFloatData(i);
            }
        }
        return v;
    }

    private AttributeProto attr(Op op, String name) {
        for (AttributeProto a : op.node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private long intAttr(Op op, String name, long dflt) {
        AttributeProto a = attr(op, name);
        return a == null ? dflt : a.getI();
    }

    private float floatAttr(Op op, String name, float dflt) {
        AttributeProto a = attr(op, name);
        return a == null ? dflt : a.getF();
    }

    private String stringAttr(Op op, String name, String dflt) {
        AttributeProto a = attr(op, name);
        return a == null ? dflt : a.getS().toStringUtf8();
    }

    private void checkInts(Op op, String name, List<Long> dflt, List<Long> expected) {
        AttributeProto a = attr(op, name);
        List<Long> v = a == null ? dflt : a.getIntsList();
        if (!v.equals(expected)) {
            throw error(op, name + " is " + (a == null ? "not set" : v.toString()) + "; expected " + expected);
        }
    }

    private EcgModelException error(Op op, String problem) {
        return new EcgModelException(source + ": " + op.label() + " " + problem);
    }
}
