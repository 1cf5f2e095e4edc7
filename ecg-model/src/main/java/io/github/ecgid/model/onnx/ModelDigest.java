package io.github.ecgid.model.onnx;

import io.github.ecgid.core.EcgModelException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;

/**
 * The seal of a model file: SHA-256 over its graph (weights included) and every metadata entry but the seal
 * itself, stored as the metadata entry {@value #KEY}. ecgid seals every model it writes and checks the seal of
 * every model it reads, so a flipped bit in a weight, a truncated list or a swapped label is refused instead of
 * silently changing decisions. A file without a seal (e.g. a PyTorch export) is read as it is. The seal is an
 * integrity check against accidents and careless edits, not a signature: whoever can write the file can reseal
 * it (docs/security.md).
 */
final class ModelDigest {
    /** Metadata key of the seal. */
    static final String KEY = "ecgid.sha256";

    private ModelDigest() {
    }

    /** {@code "sha256:<hex>"} of the graph and every metadata entry except {@link #KEY}, in file order. */
    static String of(ModelProto m) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(m.getGraph().toByteArray());
            for (StringStringEntryProto e : m.getMetadataPropsList()) {
                if (!e.getKey().equals(KEY)) {
                    md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                }
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The model with its seal set to the digest of everything else. */
    static ModelProto seal(ModelProto m) {
        ModelProto.Builder b = m.toBuilder().clearMetadataProps();
        for (StringStringEntryProto e : m.getMetadataPropsList()) {
            if (!e.getKey().equals(KEY)) {
                b.addMetadataProps(e);
            }
        }
        ModelProto unsealed = b.build();
        return unsealed.toBuilder().addMetadataProps(StringStringEntryProto.newBuilder().setKey(KEY)
                .setValue(of(unsealed))).build();
    }

    /** Checks a sealed model's seal; returns the digest (computed when the file has no seal). */
    static String check(ModelProto m, String source) {
        String actual = of(m);
        for (StringStringEntryProto e : m.getMetadataPropsList()) {
            if (e.getKey().equals(KEY) && !e.getValue().equals(actual)) {
                throw new EcgModelException(source + ": metadata " + KEY + " does not match the file's weights and"
                        + " metadata (the file was changed or damaged after ecgid wrote it); use an intact copy"
                        + " of the model file");
            }
        }
        return actual;
    }
}
