package io.github.ecgid.model.identify;

import io.github.ecgid.core.EcgFormatException;
import io.github.ecgid.core.EcgModelException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A versioned, integrity-checked file of enrolled {@link PersonTemplate}s.
 *
 * <p>Layout (big-endian): magic {@code "ECGIDTPL"}, format version (int, 3), the fingerprint of the model the
 * templates were enrolled with ({@code OnnxModel#fingerprint}, modified UTF-8), the store's generation (long: 1
 * for a new store, one more at every write), embedding dimension (int), template count (int), then per template: person id (modified UTF-8), beats used (int), mean cosine
 * (double), centroid (dimension floats), mode count (int), modes (count × dimension floats); last, an
 * HMAC-SHA-256 (32 bytes) of everything before it, keyed
 * with the caller's secret. A file whose tag does not match (tampered, truncated, or written with another
 * key) is refused before any template is parsed. Templates only mean something to the model that made them:
 * {@link #read(Path, byte[], String)} refuses a store bound to another model, and an identifier loads a store
 * only through it. The generation lets an application notice a store replaced by an older copy (rollback): keep
 * the last generation you saw and pass it as {@code minGeneration} (docs/security.md). Version 1 and 2 stores
 * (no model binding) are refused by the binding read; {@link #read(Path, byte[])} still reads them. Templates are
 * not encrypted: keep the file private.
 *
 * <pre>{@code
 * byte[] key = ...; // at least 16 bytes, from your secret store
 * TemplateStore.write(Path.of("people.ecgt"), templates, key);
 * List<PersonTemplate> back = TemplateStore.read(Path.of("people.ecgt"), key);
 * // add or replace one person while other processes may be doing the same:
 * TemplateStore.update(Path.of("people.ecgt"), key, all -> TemplateStore.replacing(all, alice));
 * }</pre>
 */
public final class TemplateStore {
    static final byte[] MAGIC = {'E', 'C', 'G', 'I', 'D', 'T', 'P', 'L'};
    static final int VERSION = 3;
    private static final int OLDEST_READABLE = 1;
    private static final int MAX_MODES_READ = 1 << 16;
    /** Largest store file read: 256 MiB, far above a million people's templates. */
    static final long MAX_STORE_BYTES = 256L << 20;
    private static final int TAG_BYTES = 32;
    private static final int MIN_KEY_BYTES = 16;

    /** One lock per store in this JVM: a {@link FileLock} is held per process, so threads also queue here. */
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private TemplateStore() {
    }

    /**
     * What a store holds.
     *
     * @param templates        the enrolled templates, in store order
     * @param modelFingerprint the model they were enrolled with; empty for stores of format 1 and 2
     * @param generation       1 for a new store, one more at every write; 0 for stores of format 1 and 2
     */
    public record Contents(List<PersonTemplate> templates, String modelFingerprint, long generation) {
        public Contents {
            templates = List.copyOf(templates);
            Objects.requireNonNull(modelFingerprint, "modelFingerprint");
        }
    }

    /** Reads and verifies a store, whatever model it is bound to. */
    public static Contents open(Path file, byte[] key) {
        byte[] all = io.github.ecgid.core.io.UntrustedFiles.readAll(file, MAX_STORE_BYTES, "template store");
        return decode(all, key, String.valueOf(file));
    }

    /**
     * Reads a store enrolled with the model of {@code modelFingerprint}, at generation {@code minGeneration} or
     * later.
     *
     * @throws EcgModelException  when the store was enrolled with another model, or records none (format 1, 2)
     * @throws EcgFormatException when it is not authentic, malformed, or older than {@code minGeneration}
     */
    public static List<PersonTemplate> read(Path file, byte[] key, String modelFingerprint, long minGeneration) {
        Contents c = open(file, key);
        requireModel(c, modelFingerprint, String.valueOf(file));
        if (c.generation() < minGeneration) {
            throw EcgFormatException.inFile(file, "template store is at generation " + c.generation()
                    + ", older than the generation " + minGeneration + " this application last saw: an older copy"
                    + " may have been restored over it; check where the file came from before trusting it");
        }
        return c.templates();
    }

    /** {@link #read(Path, byte[], String, long)} at any generation. */
    public static List<PersonTemplate> read(Path file, byte[] key, String modelFingerprint) {
        return read(file, key, modelFingerprint, 0);
    }

    private static void requireModel(Contents c, String modelFingerprint, String source) {
        Objects.requireNonNull(modelFingerprint, "modelFingerprint");
        if (c.modelFingerprint().isEmpty()) {
            throw new EcgModelException(source + ": this template store (an older format) does not record which"
                    + " model enrolled it, so its templates cannot be trusted with this one; re-enroll the people");
        }
        if (!c.modelFingerprint().equals(modelFingerprint)) {
            throw new EcgModelException(source + ": templates were enrolled with the model " + c.modelFingerprint()
                    + ", this identifier runs " + modelFingerprint + "; templates only fit the model that made them:"
                    + " use that model, or re-enroll the people with this one");
        }
    }

    /**
     * Reads the store (empty when the file does not exist), applies {@code change} and writes the result, while
     * holding an exclusive lock: concurrent updates and writes of one store, from threads or from other processes,
     * run one after the other and none is lost. The lock is an OS file lock on a sibling file ({@code <store>.lock},
     * created on first use and left in place).
     *
     * @return the templates now in the store
     */
    public static List<PersonTemplate> update(Path file, byte[] key, String modelFingerprint,
                                              UnaryOperator<List<PersonTemplate>> change) {
        checkKey(key);
        Objects.requireNonNull(modelFingerprint, "modelFingerprint");
        return locked(file, absolute -> {
            Contents current = Files.exists(absolute) ? open(absolute, key) : null;
            if (current != null) {
                requireModel(current, modelFingerprint, String.valueOf(file));
            }
            List<PersonTemplate> next = List.copyOf(change.apply(current == null ? new ArrayList<>()
                    : new ArrayList<>(current.templates())));
            writeUnlocked(absolute, next, key, modelFingerprint, current == null ? 1 : current.generation() + 1);
            return next;
        });
    }

    /**
     * Runs {@code action} on the store's absolute path while holding its lock: first the per-store lock of this
     * JVM (a {@link FileLock} is held per process, so threads queue here), then the OS lock on the sibling file.
     */
    private static <T> T locked(Path file, Function<Path, T> action) {
        Path absolute = file.toAbsolutePath().normalize();
        Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
        ReentrantLock inJvm = LOCKS.computeIfAbsent(absolute, p -> new ReentrantLock());
        inJvm.lock();
        try {
            Files.createDirectories(absolute.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.apply(absolute);
            }
        } catch (IOException e) {
            throw EcgFormatException.inFile(String.valueOf(file), "cannot lock template store (lock file " + lockFile
                    + "): " + e.getMessage(), e);
        } finally {
            inJvm.unlock();
        }
    }

    /** {@code templates} with {@code template} added, or in place of the template of the same person. */
    public static List<PersonTemplate> replacing(List<PersonTemplate> templates, PersonTemplate template) {
        List<PersonTemplate> out = new ArrayList<>(templates.size() + 1);
        boolean replaced = false;
        for (PersonTemplate t : templates) {
            if (t.personId().equals(template.personId())) {
                out.add(template);
                replaced = true;
            } else {
                out.add(t);
            }
        }
        if (!replaced) {
            out.add(template);
        }
        return out;
    }

    /**
     * Replaces the store's content with {@code templates}, atomically (temp file, then rename) and under the same
     * lock as {@link #update}, so it lands before or after a concurrent update, never inside one. All templates
     * must share one dimension.
     */
    public static void write(Path file, Collection<PersonTemplate> templates, byte[] key, String modelFingerprint) {
        checkKey(key);
        Objects.requireNonNull(modelFingerprint, "modelFingerprint");
        List<PersonTemplate> copy = List.copyOf(templates);
        locked(file, absolute -> {
            long generation = 1;
            if (Files.exists(absolute)) {
                try {
                    generation = open(absolute, key).generation() + 1;
                } catch (EcgFormatException e) {
                    generation = 1; // an unreadable old file is replaced; its generation cannot be trusted
                }
            }
            writeUnlocked(absolute, copy, key, modelFingerprint, generation);
            return null;
        });
    }

    private static void writeUnlocked(Path file, Collection<PersonTemplate> templates, byte[] key,
                                      String modelFingerprint, long generation) {
        byte[] body = encode(templates, modelFingerprint, generation);
        byte[] tag = hmac(key, body, 0, body.length);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".templates", ".tmp");
            try {
                byte[] all = new byte[body.length + TAG_BYTES];
                System.arraycopy(body, 0, all, 0, body.length);
                System.arraycopy(tag, 0, all, body.length, TAG_BYTES);
                Files.write(tmp, all);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw EcgFormatException.inFile(String.valueOf(file), "cannot write template store: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and verifies a store whatever model enrolled it (a tool's view: counting people, migrating); an
     * identifier uses {@link #read(Path, byte[], String)}. Throws {@link EcgFormatException} when it is not
     * authentic or malformed.
     */
    public static List<PersonTemplate> read(Path file, byte[] key) {
        return open(file, key).templates();
    }

    static byte[] encode(Collection<PersonTemplate> templates, String modelFingerprint, long generation) {
        int dim = templates.isEmpty() ? 0 : templates.iterator().next().dimension();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(modelFingerprint);
            out.writeLong(generation);
            out.writeInt(dim);
            out.writeInt(templates.size());
            for (PersonTemplate t : templates) {
                if (t.dimension() != dim) {
                    throw new IllegalArgumentException("template '" + t.personId() + "' has dimension "
                            + t.dimension() + ", others have " + dim);
                }
                out.writeUTF(t.personId());
                out.writeInt(t.beatsUsed());
                out.writeDouble(t.meanCosine());
                writeFloats(out, t.centroid());
                float[][] modes = t.modes();
                out.writeInt(modes.length);
                for (float[] m : modes) {
                    writeFloats(out, m);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static Contents decode(byte[] all, byte[] key, String source) {
        int headerBytes = MAGIC.length + 12;
        if (all.length < headerBytes + TAG_BYTES) {
            throw EcgFormatException.atByte(source, all.length, "template store is truncated: " + all.length
                    + " bytes, a valid store has at least " + (headerBytes + TAG_BYTES));
        }
        int bodyLength = all.length - TAG_BYTES;
        byte[] expected = hmac(key, all, 0, bodyLength);
        byte[] actual = new byte[TAG_BYTES];
        System.arraycopy(all, bodyLength, actual, 0, TAG_BYTES);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw EcgFormatException.atByte(source, bodyLength, "template store failed its integrity check "
                    + "(HMAC-SHA-256): the file was modified, truncated, or written with another key; "
                    + "re-enroll or restore it from a backup");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, bodyLength))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!MessageDigest.isEqual(magic, MAGIC)) {
                throw EcgFormatException.atByte(source, 0, "not an ecgid template store (bad magic)");
            }
            int version = in.readInt();
            if (version < OLDEST_READABLE || version > VERSION) {
                throw EcgFormatException.atByte(source, MAGIC.length, "template store version " + version
                        + " is not supported; this library reads versions " + OLDEST_READABLE + " to " + VERSION);
            }
            String fingerprint = "";
            long generation = 0;
            if (version >= 3) {
                fingerprint = in.readUTF();
                generation = in.readLong();
            }
            int dim = in.readInt();
            int count = in.readInt();
            if (dim < 0 || count < 0) {
                throw EcgFormatException.atByte(source, MAGIC.length + 4, "negative dimension or count");
            }
            List<PersonTemplate> out = new ArrayList<>(Math.min(count, 1 << 16));
            for (int i = 0; i < count; i++) {
                long offset = bodyLength - in.available();
                String id = in.readUTF();
                int beats = in.readInt();
                double meanCos = in.readDouble();
                float[] c = readFloats(in, dim, source, bodyLength);
                if (version == 1) {
                    out.add(template(i, offset, source, () -> PersonTemplate.ofCentroid(id, c, meanCos, beats)));
                    continue;
                }
                int modeCount = in.readInt();
                if (modeCount < 1 || modeCount > MAX_MODES_READ) {
                    throw EcgFormatException.atByte(source, bodyLength - in.available() - 4, "template '" + id
                            + "' has " + modeCount
                            + " modes; a valid store has 1 to " + MAX_MODES_READ);
                }
                float[][] modes = new float[modeCount][];
                for (int m = 0; m < modeCount; m++) {
                    modes[m] = readFloats(in, dim, source, bodyLength);
                }
                out.add(template(i, offset, source, () -> new PersonTemplate(id, c, modes, meanCos, beats)));
            }
            if (in.available() > 0) {
                throw EcgFormatException.atByte(source, bodyLength - in.available(), in.available()
                        + " unexpected bytes after " + count + " templates");
            }
            return new Contents(out, fingerprint, generation);
        } catch (IOException e) {
            throw EcgFormatException.inFile(source, "template store body is shorter than its header says", e);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        for (float x : v) {
            out.writeFloat(x);
        }
    }

    /** A decoded template, or an {@link EcgFormatException} naming the store, the template and its offset. */
    private static PersonTemplate template(int index, long offset, String source,
                                           Supplier<PersonTemplate> make) {
        try {
            return make.get();
        } catch (RuntimeException e) {
            throw EcgFormatException.atByte(source, offset, "template " + index + " is invalid: " + e.getMessage());
        }
    }

    private static float[] readFloats(DataInputStream in, int dim, String source, int bodyLength) throws IOException {
        if (4L * dim > in.available()) {
            throw EcgFormatException.atByte(source, bodyLength - in.available(), "a vector of " + dim
                    + " floats runs past the end of the store");
        }
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = in.readFloat();
        }
        return v;
    }

    private static void checkKey(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("template store key must be at least " + MIN_KEY_BYTES + " bytes");
        }
    }

    private static byte[] hmac(byte[] key, byte[] data, int off, int len) {
        checkKey(key);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(data, off, len);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable in this JVM", e);
        }
    }
}
