package io.github.ecgid.core.data;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgFormatException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.io.BoundedLineReader;
import io.github.ecgid.core.io.WfdbReader;
import io.github.ecgid.core.io.WfdbHeader;
import io.github.ecgid.core.io.WfdbSignal;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A PhysioNet database folder: WFDB records listed, one per line, in its {@code RECORDS} file (record names
 * may contain sub-folders, e.g. {@code Person_01/rec_1}).
 *
 * <pre>{@code
 * WfdbDatabase db = WfdbDatabase.open(Path.of("../shared/data/mitdb"));
 * for (String name : db.recordNames()) { EcgRecord rec = db.read(name); ... }
 * }</pre>
 */
public final class WfdbDatabase {
    /** Most record names a RECORDS list may hold (PhysioNet's largest databases list tens of thousands). */
    public static final int MAX_RECORDS = 1_000_000;

    private final Path directory;
    private final List<String> recordNames;

    private WfdbDatabase(Path directory, List<String> recordNames) {
        this.directory = directory;
        this.recordNames = recordNames;
    }

    /**
     * Opens a database folder and reads its {@code RECORDS} list.
     *
     * @throws EcgException       when the folder does not exist
     * @throws EcgFormatException when {@code RECORDS} is missing, unreadable or lists nothing
     */
    public static WfdbDatabase open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new EcgException("WFDB database folder not found: " + dir);
        }
        Path list = dir.resolve("RECORDS");
        if (!Files.isRegularFile(list)) {
            throw EcgFormatException.inFile(list, "missing: a WFDB database folder needs a RECORDS file listing"
                    + " its records, one per line");
        }
        List<String> names = new ArrayList<>();
        // bounded: a RECORDS of gigabytes without a line break (or a FIFO) is a typed error, not an OOM or a hang
        try (BoundedLineReader in = BoundedLineReader.open(list, StandardCharsets.ISO_8859_1, "RECORDS list")) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                if (name.contains("..") || name.startsWith("/") || name.chars().anyMatch(Character::isWhitespace)) {
                    throw EcgFormatException.atLine(list, in.lineNo(), "expected a record name, found '" + name + "'");
                }
                if (names.size() == MAX_RECORDS) {
                    throw EcgFormatException.atLine(list, in.lineNo(), "lists more than " + MAX_RECORDS
                            + " records; split the database into folders");
                }
                names.add(name);
            }
        } catch (IOException e) {
            throw EcgFormatException.inFile(list.toString(), "cannot read: " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            throw EcgFormatException.inFile(list, "lists no records");
        }
        return new WfdbDatabase(dir, List.copyOf(names));
    }

    /** The database folder. */
    public Path directory() {
        return directory;
    }

    /** Record names in {@code RECORDS} order. */
    public List<String> recordNames() {
        return recordNames;
    }

    /** Whether {@code RECORDS} lists this name. */
    public boolean contains(String name) {
        return recordNames.contains(name);
    }

    /** The path of a listed record without extension, as {@link WfdbReader} takes it. */
    public Path recordPath(String name) {
        if (!recordNames.contains(name)) {
            throw new EcgException("No record '" + name + "' in " + directory.resolve("RECORDS") + "; it lists "
                    + summary());
        }
        return directory.resolve(name);
    }

    /** Reads a listed record with all its signals and, when present, its {@code .atr} annotations. */
    public EcgRecord read(String name) {
        return WfdbReader.read(recordPath(name));
    }

    /** Reads a listed record's signals only. */
    public EcgRecord readSignals(String name) {
        return WfdbReader.readSignals(recordPath(name));
    }

    /**
     * {@code "sha256:<hex>"} over every listed record's header and signal files, in {@code RECORDS} order (each
     * file's name, then its bytes): two folders with the same digest hold the same recordings. For the provenance
     * of models trained on the database.
     *
     * @throws EcgFormatException when a header or signal file cannot be read
     */
    public String sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (String name : recordNames) {
                Path hea = directory.resolve(name + ".hea");
                WfdbHeader header = WfdbReader.readHeader(directory.resolve(name));
                List<Path> files = new ArrayList<>();
                files.add(hea);
                for (WfdbSignal s : header.signals()) {
                    Path f = hea.resolveSibling(s.fileName());
                    if (!files.contains(f)) {
                        files.add(f);
                    }
                }
                for (Path f : files) {
                    md.update(directory.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    try (InputStream in = Files.newInputStream(f)) {
                        for (int n; (n = in.read(buf)) > 0; ) {
                            md.update(buf, 0, n);
                        }
                    }
                }
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw EcgFormatException.inFile(directory.toString(), "cannot read a record to hash it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private String summary() {
        int n = recordNames.size();
        return n <= 6 ? String.valueOf(recordNames)
                : n + " records, " + recordNames.get(0) + " .. " + recordNames.get(n - 1);
    }

    @Override
    public String toString() {
        return "WfdbDatabase[" + directory + ", " + recordNames.size() + " records]";
    }
}
