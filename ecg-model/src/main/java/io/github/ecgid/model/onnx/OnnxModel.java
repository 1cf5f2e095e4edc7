package io.github.ecgid.model.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.nn.CnnWeights;
import io.github.ecgid.model.nn.LightweightCnn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A LightweightCnn held as an ONNX model: the weights (BatchNorm folded into the convolutions), the class
 * labels, the provenance, and the serialized {@code ModelProto} that ONNX Runtime loads. Immutable.
 *
 * <p>Reads our own exports and equivalent exports from other tools (PyTorch's {@code torch.onnx.export} of the
 * same architecture); anything else is rejected with an {@link EcgModelException} that names the first
 * unsupported operator or wrong shape.
 *
 * <pre>{@code
 * OnnxModel.export(trainedWeights, provenance).write(Path.of("model.onnx"));
 * OnnxModel m = OnnxModel.read(Path.of("model.onnx"));
 * try (BeatClassifier c = BeatClassifier.open(m, Engine.PURE_JAVA)) { ... }
 * }</pre>
 */
public final class OnnxModel {

    /** The ONNX operator set our exports declare. */
    public static final int OPSET_VERSION = 13;
    /** Largest model file read: 256 MiB (a LightweightCnn is well under 1 MiB). */
    static final long MAX_FILE_BYTES = 256L << 20;

    private final byte[] bytes;
    private final String source;
    private final CnnWeights weights;
    private final List<String> classLabels;
    private final ModelProvenance provenance;
    private final Map<String, String> metadata;
    private final String producer;
    private final long opsetVersion;
    private final String inputName;
    private final String logitsName;
    private final String embeddingName;
    private final boolean embeddingIsOutput;
    private final String fingerprint;

    OnnxModel(byte[] bytes, String source, OnnxGraphReader.Result r, Map<String, String> metadata,
              String producer, long opsetVersion, String fingerprint) {
        this.bytes = bytes;
        this.fingerprint = fingerprint;
        this.source = source;
        this.weights = r.weights();
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.producer = producer;
        this.opsetVersion = opsetVersion;
        this.inputName = r.inputName();
        this.logitsName = r.logitsName();
        this.embeddingName = r.embeddingName();
        this.embeddingIsOutput = r.embeddingIsOutput();
        this.provenance = ModelProvenance.fromMetadata(metadata, source).orElse(null);
        int n = weights.numClasses();
        if (provenance != null) {
            if (provenance.classLabels().size() != n) {
                throw new EcgModelException(source + ": metadata lists " + provenance.classLabels().size()
                        + " class labels " + provenance.classLabels() + " but the output layer has " + n
                        + " classes");
            }
            this.classLabels = provenance.classLabels();
        } else {
            List<String> generic = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                generic.add(Integer.toString(i));
            }
            this.classLabels = List.copyOf(generic);
        }
    }

    /**
     * Reads an ONNX file.
     *
     * @throws EcgModelException if the file is missing, unreadable, truncated or corrupt, or not a
     *                           LightweightCnn (naming the first unsupported operator or wrong shape)
     */
    public static OnnxModel read(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] data;
        try {
            data = io.github.ecgid.core.io.UntrustedFiles.readAll(file, MAX_FILE_BYTES, "model file");
        } catch (io.github.ecgid.core.EcgFormatException e) {
            throw new EcgModelException(e.getMessage(), e);
        }
        return fromBytes(data, file.toString());
    }

    /**
     * Parses a serialized ONNX {@code ModelProto}.
     *
     * @param source name used in error messages (e.g. the file name)
     * @throws EcgModelException as {@link #read(Path)}
     */
    public static OnnxModel fromBytes(byte[] data, String source) {
        return OnnxGraphReader.read(data.clone(), source);
    }

    /**
     * Exports trained weights as a standard ONNX model (opset {@value #OPSET_VERSION}): input {@code beats}
     * {@code [batch,1,175]}, outputs {@code logits} {@code [batch,N]} and {@code embedding} {@code [batch,64]},
     * BatchNorm folded into the convolutions, provenance in {@code metadata_props}.
     *
     * @throws EcgModelException if the provenance's class labels do not match the network's class count
     */
    public static OnnxModel export(CnnWeights weights, ModelProvenance provenance) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(provenance, "provenance");
        if (provenance.classLabels().size() != weights.numClasses()) {
            throw new EcgModelException("provenance lists " + provenance.classLabels().size()
                    + " class labels but the network has " + weights.numClasses() + " classes");
        }
        byte[] data = ModelDigest.seal(OnnxGraphWriter.write(weights, provenance)).toByteArray();
        return OnnxGraphReader.read(data, "exported model");
    }

    /** Writes the model file (the exact bytes {@link #toBytes()} returns). */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new EcgModelException("cannot write model file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The same model with one {@code metadata_props} entry set (replacing an entry of that key) or, with a null
     * value, removed. Everything else, graph and other entries, is kept byte for byte in order.
     */
    public OnnxModel withMetadata(String key, String value) {
        Objects.requireNonNull(key, "key");
        try {
            ModelProto proto = ModelProto.parseFrom(bytes);
            ModelProto.Builder b = proto.toBuilder().clearMetadataProps();
            for (StringStringEntryProto e : proto.getMetadataPropsList()) {
                if (!e.getKey().equals(key)) {
                    b.addMetadataProps(e);
                }
            }
            if (value != null) {
                b.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
            }
            return fromBytes(ModelDigest.seal(b.build()).toByteArray(), source);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new EcgModelException(source + ": cannot re-read the model to set its metadata '" + key + "'", e);
        }
    }

    /** The serialized {@code ModelProto}, as read or exported. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /**
     * The model as ONNX Runtime should load it: the same graph, with the embedding tensor added as a graph
     * output when the file does not already expose it (e.g. a PyTorch export with only {@code logits}).
     */
    public byte[] toRuntimeBytes() {
        if (embeddingIsOutput) {
            return bytes.clone();
        }
        try {
            ModelProto m = ModelProto.parseFrom(bytes);
            ValueInfoProto emb = ValueInfoProto.newBuilder().setName(embeddingName)
                    .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                            .setElemType(OnnxGraphWriter.FLOAT)
                            .setShape(TensorShapeProto.newBuilder()
                                    .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                                    .addDim(TensorShapeProto.Dimension.newBuilder()
                                            .setDimValue(LightweightCnn.EMBEDDING_SIZE)))))
                    .build();
            return m.toBuilder().setGraph(m.getGraph().toBuilder().addOutput(emb)).build().toByteArray();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("bytes parsed before no longer parse", e);
        }
    }

    /**
     * {@code "sha256:<hex>"} over the graph (weights included) and the metadata: what a template store is bound
     * to, so that templates enrolled with one model are never scored by another. Equal for every copy of the
     * same model file.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** Where the model came from (a file name, or "exported model"), for messages. */
    public String source() {
        return source;
    }

    /** The weights in PyTorch layouts, BatchNorm folded into the convolutions (identity BatchNorm). */
    public CnnWeights weights() {
        return weights;
    }

    /** Class labels in logit order: from the provenance, or {@code "0".."N-1"} if the file has none. */
    public List<String> classLabels() {
        return classLabels;
    }

    /** Number of classes N. */
    public int classCount() {
        return weights.numClasses();
    }

    /** The ecgid provenance, if the file carries one (our exports do; third-party exports usually do not). */
    public Optional<ModelProvenance> provenance() {
        return Optional.ofNullable(provenance);
    }

    /** All {@code metadata_props} entries of the file, in file order. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Producer name and version from the file, e.g. {@code "ecgid 0.1.0"} or {@code "pytorch 1.13.0"}. */
    public String producer() {
        return producer;
    }

    /** The default-domain ONNX opset the file declares. */
    public long opsetVersion() {
        return opsetVersion;
    }

    /** Name of the graph input holding the beats. */
    public String inputName() {
        return inputName;
    }

    /** Name of the graph output holding the logits. */
    public String logitsName() {
        return logitsName;
    }

    /** Name of the embedding tensor (a graph output in {@link #toRuntimeBytes()}). */
    public String embeddingName() {
        return embeddingName;
    }

    /** Whether the file itself exposes the embedding as a graph output. */
    public boolean hasEmbeddingOutput() {
        return embeddingIsOutput;
    }

    /**
     * Trainable parameters of the network the file encodes (44,358 for 6 classes). BatchNorm is folded in the
     * file, so its scale and shift count as identity parameters, as in the unfolded network.
     */
    public int parameterCount() {
        return weights.parameterCount();
    }

    /** One-line description of the layer stack with its sizes. */
    public String architecture() {
        return "LightweightCnn: [batch,1,175] -> Conv1d(1->32,k7,pad3)+BN -> ReLU -> MaxPool(2) -> "
                + "Conv1d(32->64,k5,pad2)+BN -> ReLU -> MaxPool(2) -> Conv1d(64->128,k3,pad1)+BN -> ReLU -> "
                + "GlobalAvgPool -> Dense(128->64) -> ReLU = embedding [batch,64] -> Dense(64->" + classCount()
                + ") = logits [batch," + classCount() + "]";
    }

    @Override
    public String toString() {
        return "OnnxModel[" + source + ", classes=" + classCount() + ", producer=" + producer + "]";
    }
}
