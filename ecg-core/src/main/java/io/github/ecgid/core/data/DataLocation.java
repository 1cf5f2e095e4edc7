package io.github.ecgid.core.data;

import io.github.ecgid.core.EcgException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the public ECG data sets live: a folder holding one sub-folder per data set ({@code mitdb/},
 * {@code ecgiddb/}, {@code nstdb/}, ...). Data are never copied into the repository.
 *
 * <p>Resolution order: the system property {@code -Decgid.data=DIR}, then the environment variable
 * {@code ECGID_DATA}, then {@code ../shared/data} relative to the working directory.
 *
 * <pre>{@code
 * Path mitdb = DataLocation.resolve().dataset("mitdb"); // throws, saying where it looked, when missing
 * }</pre>
 *
 * @param root   the data folder, absolute and normalised
 * @param origin how the folder was chosen, e.g. {@code "ECGID_DATA"}, for error messages
 */
public record DataLocation(Path root, String origin) {

    /** Environment variable naming the data folder. */
    public static final String ENV_VAR = "ECGID_DATA";
    /** System property naming the data folder; wins over {@link #ENV_VAR}. */
    public static final String PROPERTY = "ecgid.data";
    /** Folder used when neither is set, relative to the working directory. */
    public static final String DEFAULT = "../shared/data";

    public DataLocation {
        root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        Objects.requireNonNull(origin, "origin");
    }

    /** The data folder from {@code -Decgid.data}, {@code ECGID_DATA} or the default, in that order. */
    public static DataLocation resolve() {
        return resolve(System.getProperty(PROPERTY), System.getenv(), Path.of(""));
    }

    /** A fixed data folder (e.g. from a command-line option). */
    public static DataLocation of(Path root) {
        return new DataLocation(root, "given path");
    }

    static DataLocation resolve(String property, Map<String, String> env, Path workingDir) {
        if (property != null && !property.isBlank()) {
            return new DataLocation(workingDir.resolve(property.trim()), "-D" + PROPERTY);
        }
        String fromEnv = env.get(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DataLocation(workingDir.resolve(fromEnv.trim()), ENV_VAR);
        }
        return new DataLocation(workingDir.resolve(DEFAULT), "default " + DEFAULT);
    }

    /** Whether {@code root/name} is an existing folder. */
    public boolean has(String name) {
        return Files.isDirectory(root.resolve(name));
    }

    /**
     * The folder of one data set.
     *
     * @throws EcgException when it does not exist, naming the path looked at and how to set the data folder
     */
    public Path dataset(String name) {
        Objects.requireNonNull(name, "name");
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new EcgException("Data set '" + name + "' not found: no folder " + dir + " (data folder from "
                    + origin + "). Set the environment variable " + ENV_VAR + " or -D" + PROPERTY
                    + " to the folder that holds " + name + "/");
        }
        return dir;
    }
}
