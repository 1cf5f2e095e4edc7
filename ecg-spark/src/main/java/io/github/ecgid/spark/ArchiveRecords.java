package io.github.ecgid.spark;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.data.WfdbDatabase;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The recordings of an archive folder, listed on the driver (names and paths only; executors read the files).
 *
 * <p>A folder with a PhysioNet {@code RECORDS} file lists the WFDB records it names ({@link WfdbDatabase});
 * any other folder lists, recursively and sorted, every WFDB header ({@code .hea}) and ECG CSV in it (the
 * {@code .rpeaks.csv} truth files that {@code ecgid synth} writes beside its CSVs are skipped). Each record's id
 * is the folder's name, then its path in the folder without extension ({@code mitdb/100},
 * {@code ecgiddb/Person_01/rec_1}); its person is the folder's name and the record's first path element
 * ({@code ecgiddb/Person_01}), or the record itself when it lies at the top ({@code mitdb/100}).
 */
public final class ArchiveRecords {

    /**
     * One recording of the archive.
     *
     * @param id     archive folder name, then the record's path inside it without extension
     * @param path   absolute path of the record (WFDB: without extension; CSV: the file), as the readers take it
     * @param person whose recording it is, for enrollment from a person's first record
     */
    public record Entry(String id, String path, String person) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private ArchiveRecords() {
    }

    /**
     * The recordings of {@code folder}, in {@code RECORDS} order or sorted by path.
     *
     * @throws EcgException when the folder does not exist, cannot be listed or holds no recording
     */
    public static List<Entry> list(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new EcgException("Archive folder not found: " + dir + "; pass --db a folder of WFDB records "
                    + "(with or without RECORDS) or ECG CSVs");
        }
        String db = dir.getFileName() == null ? "archive" : dir.getFileName().toString();
        List<Entry> out = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve("RECORDS"))) {
            WfdbDatabase wfdb = WfdbDatabase.open(dir);
            for (String name : wfdb.recordNames()) {
                out.add(entry(db, name, wfdb.recordPath(name)));
            }
        } else {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).filter(ArchiveRecords::isRecording).sorted().forEach(f -> {
                    String rel = dir.relativize(f).toString().replace('\\', '/');
                    String name = rel.substring(0, rel.lastIndexOf('.'));
                    boolean wfdb = rel.toLowerCase(Locale.ROOT).endsWith(".hea");
                    out.add(entry(db, name, wfdb ? f.resolveSibling(f.getFileName().toString()
                            .substring(0, f.getFileName().toString().length() - 4)) : f));
                });
            } catch (IOException | UncheckedIOException e) {
                throw new EcgException("Cannot list archive folder " + dir + ": " + e.getMessage()
                        + "; check its permissions", e);
            }
        }
        if (out.isEmpty()) {
            throw new EcgException("Archive folder " + dir + " holds no recording (no RECORDS file, no .hea, no .csv)");
        }
        return out;
    }

    private static boolean isRecording(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".hea") || n.endsWith(".csv") && !n.endsWith(".rpeaks.csv");
    }

    private static Entry entry(String db, String name, Path path) {
        int slash = name.indexOf('/');
        String person = db + "/" + (slash < 0 ? name : name.substring(0, slash));
        return new Entry(db + "/" + name, path.toString(), person);
    }
}
