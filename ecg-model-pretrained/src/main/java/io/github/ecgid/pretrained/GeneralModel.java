package io.github.ecgid.pretrained;

import io.github.ecgid.model.PretrainedModels;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Provides the general identity model ({@value PretrainedModels#GENERAL}) from this artefact's resources: a
 * LightweightCNN trained once, deterministically, by {@code ecgid train --recipe general} on the public databases
 * (MIT-BIH Arrhythmia, ECG-ID, LUDB), with its identity space, beat settings and calibrated threshold in the file.
 * Its provenance (data sets with SHA-256, recipe, seed, code version) is in the file's metadata and in
 * {@code MODEL-CARD.md} beside it. Found by {@link PretrainedModels} through {@link java.util.ServiceLoader};
 * applications do not call it.
 */
public final class GeneralModel implements PretrainedModels.Provider {
    /** The model file inside this artefact. */
    public static final String RESOURCE = "/io/github/ecgid/pretrained/ecgid-general.onnx";

    @Override
    public String name() {
        return PretrainedModels.GENERAL;
    }

    @Override
    public InputStream open() throws IOException {
        InputStream in = GeneralModel.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new FileNotFoundException(RESOURCE + " is missing from the ecg-model-pretrained jar");
        }
        return in;
    }
}
