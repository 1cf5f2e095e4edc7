package io.github.ecgid.model;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.onnx.OnnxModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Models that ship as artefacts of their own and are found on the class path through {@link Provider}
 * ({@link ServiceLoader}). The general identity model is {@code io.github.ecgid:ecg-model-pretrained}: with it on
 * the class path, {@code EcgIdentifier.builder().samplingRateHz(250).build()} needs no model file.
 *
 * <pre>{@code
 * OnnxModel general = PretrainedModels.general();   // throws, saying which artefact to add, when absent
 * }</pre>
 */
public final class PretrainedModels {
    /** Name of the general identity model. */
    public static final String GENERAL = "general";
    /** The artefact that provides {@link #GENERAL}. */
    public static final String GENERAL_ARTIFACT = "io.github.ecgid:ecg-model-pretrained";

    private static final Map<String, OnnxModel> LOADED = new ConcurrentHashMap<>();

    private PretrainedModels() {
    }

    /** A model shipped in an artefact of its own; implementations are listed in {@code META-INF/services}. */
    public interface Provider {
        /** The model's name, e.g. {@value PretrainedModels#GENERAL}. */
        String name();

        /** A fresh stream of the ONNX file's bytes. */
        InputStream open() throws IOException;
    }

    /** The general identity model. */
    public static OnnxModel general() {
        return find(GENERAL).orElseThrow(() -> new EcgModelException("No pretrained model '" + GENERAL + "' on the"
                + " class path: add the dependency " + GENERAL_ARTIFACT + " (or pass a model file with"
                + " .model(Path))"));
    }

    /** The model of that name, read (once, then kept) from the first provider that has it. */
    public static Optional<OnnxModel> find(String name) {
        OnnxModel cached = LOADED.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        for (Provider p : providers()) {
            if (p.name().equals(name)) {
                OnnxModel m;
                try (InputStream in = p.open()) {
                    m = OnnxModel.fromBytes(in.readAllBytes(), "pretrained model '" + name + "' ("
                            + p.getClass().getName() + ")");
                } catch (IOException e) {
                    throw new EcgModelException("cannot read pretrained model '" + name + "' from "
                            + p.getClass().getName() + ": " + e.getMessage(), e);
                }
                LOADED.putIfAbsent(name, m);
                return Optional.of(LOADED.get(name));
            }
        }
        return Optional.empty();
    }

    /** Names of the pretrained models on the class path. */
    public static List<String> available() {
        List<String> names = new ArrayList<>();
        for (Provider p : providers()) {
            names.add(p.name());
        }
        return names;
    }

    private static Iterable<Provider> providers() {
        return ServiceLoader.load(Provider.class, PretrainedModels.class.getClassLoader());
    }
}
