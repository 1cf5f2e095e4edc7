package io.github.ecgid.spark;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgFormatException;
import io.github.ecgid.model.PretrainedModels;
import io.github.ecgid.model.identify.PersonTemplate;
import io.github.ecgid.model.identify.TemplateStore;
import io.github.ecgid.signal.filter.PowerLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark batch job over an archive of recordings: one {@link RecordAnalysis#SCHEMA row} per recording
 * (R-peaks, HRV indices, beats kept, mean identity vector, identification against the gallery), written as
 * Parquet.
 *
 * <p>The driver only lists the archive ({@link ArchiveRecords}: names and paths); the executors read the files,
 * so the archive folder must be visible at the same path on every executor (a shared or network file system).
 * Each partition builds its identifiers once ({@link RecordAnalysis}) and reuses them for all its records. The
 * gallery is either a template store written by {@code ecgid enroll} ({@link Options#templates}) or, without
 * one, each person enrolled from their first recording in archive order (a first, distributed pass); the
 * templates reach the executors as a broadcast.
 *
 * <pre>{@code
 * try (SparkSession spark = SparkSession.builder().master("local[2]").getOrCreate()) {
 *     ArchiveJob.Summary s = ArchiveJob.run(spark, ArchiveJob.Options.of(List.of(Path.of("mitdb")), Path.of("out")));
 * }
 * }</pre>
 */
public final class ArchiveJob {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveJob.class);

    /** Largest template store key file read, as {@code ecgid} reads it. */
    static final int MAX_KEY_BYTES = 4096;
    /** Shortest key accepted, in bytes (128 bits). */
    static final int MIN_KEY_BYTES = 16;

    private ArchiveJob() {
    }

    /**
     * What the job runs on.
     *
     * @param databases   archive folders ({@link ArchiveRecords}), at least one
     * @param out         Parquet output folder
     * @param templates   a template store of enrolled people ({@code ecgid enroll}), or null to enroll each person
     *                    from their first recording
     * @param key         the store's HMAC key (null without a store)
     * @param powerLineHz mains frequency to notch, 50 or 60
     * @param partitions  partitions of the archive, or 0 for four per core of the cluster
     * @param overwrite   whether an existing output folder is replaced
     */
    public record Options(List<Path> databases, Path out, Path templates, byte[] key, double powerLineHz,
                          int partitions, boolean overwrite) {
        /** Checks the options. */
        public Options {
            databases = List.copyOf(databases);
            if (databases.isEmpty()) {
                throw new EcgException("No archive folder given: pass --db DIR (once per folder)");
            }
            Objects.requireNonNull(out, "out");
            if ((templates == null) != (key == null)) {
                throw new EcgException("A template store needs its key and a key needs a store: give --templates "
                        + "FILE with --key-file FILE (or $ECGID_TEMPLATE_KEY), or neither to enroll each person "
                        + "from their first recording");
            }
            if (!PowerLine.isSupported(powerLineHz)) {
                throw new EcgException("--power-line must be 50 or 60, got " + powerLineHz);
            }
            if (partitions < 0) {
                throw new EcgException("--partitions must be >= 1 (or 0 for four per core), got " + partitions);
            }
        }

        /** These folders into {@code out}, enrolling each person from their first recording, 50 Hz mains. */
        public static Options of(List<Path> databases, Path out) {
            return new Options(databases, out, null, null, 50, 0, false);
        }

        /** The same, identifying against a template store instead. */
        public Options withTemplates(Path store, byte[] storeKey) {
            return new Options(databases, out, store, storeKey, powerLineHz, partitions, overwrite);
        }

        /** The same with this many partitions. */
        public Options withPartitions(int count) {
            return new Options(databases, out, templates, key, powerLineHz, count, overwrite);
        }

        /** The same, replacing an existing output folder. */
        public Options overwriting() {
            return new Options(databases, out, templates, key, powerLineHz, partitions, true);
        }
    }

    /**
     * What a run did.
     *
     * @param records         recordings analysed (rows written)
     * @param failed          rows with an {@code error} (unreadable recordings, or no usable beats)
     * @param enrolled        people in the gallery
     * @param probes          rows of recordings that did not enroll their person and have a person identified or
     *                        not (the open-set decisions that test the gallery)
     * @param correct         those of them identified as their own person
     * @param samples         samples per lead summed over the readable recordings
     * @param enrollSeconds   wall time of listing and enrollment (reading the store, or the first pass)
     * @param seconds         wall time of the whole run: listing, enrollment, analysis and writing
     * @param partitions      partitions the archive was split into
     */
    public record Summary(long records, long failed, int enrolled, long probes, long correct, long samples,
                          double enrollSeconds, double seconds, int partitions) {
        /** Recordings per minute of wall time. */
        public double recordsPerMinute() {
            return records / seconds * 60;
        }

        /** Samples (per lead) per second of wall time. */
        public double samplesPerSecond() {
            return samples / seconds;
        }

        /** A one-line JSON object of the figures. */
        public String toJson() {
            return String.format(Locale.ROOT, "{\"records\":%d,\"failed\":%d,\"enrolled\":%d,\"probes\":%d,"
                    + "\"correct\":%d,\"samples\":%d,\"enroll_seconds\":%.3f,\"seconds\":%.3f,\"partitions\":%d,"
                    + "\"records_per_minute\":%.1f,\"samples_per_second\":%.0f}", records, failed, enrolled, probes,
                    correct, samples, enrollSeconds, seconds, partitions, recordsPerMinute(), samplesPerSecond());
        }
    }

    /** Runs the job on {@code spark}, writes the Parquet folder and returns its figures. */
    public static Summary run(SparkSession spark, Options o) {
        long t0 = System.nanoTime();
        if (!o.overwrite() && Files.exists(o.out())) {
            throw new EcgException("Output folder " + o.out().toAbsolutePath() + " already exists; remove it, choose "
                    + "another --out or pass --overwrite");
        }
        List<ArchiveRecords.Entry> entries = new ArrayList<>();
        for (Path db : o.databases()) {
            entries.addAll(ArchiveRecords.list(db));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = o.partitions() > 0 ? o.partitions() : 4 * jsc.defaultParallelism();
        partitions = Math.max(1, Math.min(partitions, entries.size()));
        double powerLine = o.powerLineHz();

        Set<String> enrollmentIds = new HashSet<>();
        List<PersonTemplate> templates;
        if (o.templates() != null) {
            templates = TemplateStore.read(o.templates(), o.key(), PretrainedModels.general().fingerprint());
            if (templates.isEmpty()) {
                throw EcgFormatException.inFile(o.templates(), "the template store holds nobody; enroll people "
                        + "first (ecgid enroll)");
            }
        } else {
            Map<String, ArchiveRecords.Entry> first = new LinkedHashMap<>();
            entries.forEach(e -> first.putIfAbsent(e.person(), e));
            List<ArchiveRecords.Entry> firsts = new ArrayList<>(first.values());
            firsts.forEach(e -> enrollmentIds.add(e.id()));
            templates = enroll(jsc, firsts, Math.max(1, Math.min(partitions, firsts.size())), powerLine);
        }
        double enrollSeconds = (System.nanoTime() - t0) / 1e9;
        LOG.info("{} recordings in {} partitions, {} people enrolled in {} s", entries.size(), partitions,
                templates.size(), String.format(Locale.ROOT, "%.1f", enrollSeconds));
        Broadcast<Gallery> gallery = jsc.broadcast(Gallery.of(templates));

        JavaRDD<Row> rows = jsc.parallelize(roundRobin(entries, partitions), partitions).mapPartitions(
                (FlatMapFunction<Iterator<ArchiveRecords.Entry>, Row>) it -> {
                    List<Row> out = new ArrayList<>();
                    try (RecordAnalysis analysis = new RecordAnalysis(gallery.value().templates(), powerLine)) {
                        while (it.hasNext()) {
                            ArchiveRecords.Entry e = it.next();
                            out.add(analysis.analyze(e, enrollmentIds.contains(e.id())));
                        }
                    }
                    return out.iterator();
                });
        Dataset<Row> results = spark.createDataFrame(rows, RecordAnalysis.SCHEMA);
        results.write().mode(o.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(o.out().toString());
        gallery.unpersist();
        double seconds = (System.nanoTime() - t0) / 1e9;

        Row totals = spark.read().parquet(o.out().toString())
                .selectExpr("count(*)", "count(error)", "coalesce(sum(cast(samples as bigint)), 0)",
                        "count_if(NOT enrollment AND unknown IS NOT NULL)",
                        "count_if(NOT enrollment AND identified_person = person)").first();
        Summary s = new Summary(totals.getLong(0), totals.getLong(1), templates.size(), totals.getLong(3),
                totals.getLong(4), totals.getLong(2), enrollSeconds, seconds, partitions);
        LOG.info("wrote {}: {}", o.out(), s.toJson());
        return s;
    }

    /**
     * The first pass: each person's first recording enrolled on the executors (dealt out round-robin); the
     * templates come back in archive order.
     */
    private static List<PersonTemplate> enroll(JavaSparkContext jsc, List<ArchiveRecords.Entry> firsts,
                                               int partitions, double powerLine) {
        List<Row> rows = jsc.parallelize(roundRobin(firsts, partitions), partitions).mapPartitions(
                (FlatMapFunction<Iterator<ArchiveRecords.Entry>, Row>) it -> {
                    List<Row> out = new ArrayList<>();
                    try (RecordAnalysis analysis = new RecordAnalysis(List.of(), powerLine)) {
                        while (it.hasNext()) {
                            out.add(analysis.enroll(it.next()));
                        }
                    }
                    return out.iterator();
                }).collect();
        Map<String, PersonTemplate> byPerson = new java.util.HashMap<>();
        for (Row r : rows) {
            PersonTemplate t = RecordAnalysis.template(r);
            if (t != null) {
                byPerson.put(t.personId(), t);
            }
        }
        List<PersonTemplate> templates = new ArrayList<>(); // in archive order, as the CLI would enroll them
        for (ArchiveRecords.Entry e : firsts) {
            if (byPerson.containsKey(e.person())) {
                templates.add(byPerson.get(e.person()));
            }
        }
        int failed = firsts.size() - templates.size();
        if (failed > 0) {
            LOG.warn("{} of {} people could not be enrolled from their first recording (see the warnings above); "
                    + "their recordings are identified against the others", failed, firsts.size());
        }
        return templates;
    }

    /** Reorders so that contiguous slices deal the entries out round-robin, spreading long recordings. */
    static <T> List<T> roundRobin(List<T> items, int slices) {
        List<T> out = new ArrayList<>(items.size());
        for (int p = 0; p < slices; p++) {
            for (int i = p; i < items.size(); i += slices) {
                out.add(items.get(i));
            }
        }
        return out;
    }

    /**
     * A template store's key as {@code ecgid} reads it: the file's bytes less one trailing newline, at most
     * {@value #MAX_KEY_BYTES} bytes and at least {@value #MIN_KEY_BYTES}.
     */
    public static byte[] readKey(Path file) {
        if (!Files.isRegularFile(file)) {
            throw EcgFormatException.inFile(file, "key file not found or not a regular file; write a random key, "
                    + "e.g. `openssl rand -hex 32 > FILE`, then `chmod 600 FILE`");
        }
        byte[] key;
        try (InputStream in = Files.newInputStream(file)) {
            key = in.readNBytes(MAX_KEY_BYTES + 1);
        } catch (IOException e) {
            throw EcgFormatException.inFile(file.toString(), "cannot read the key file: " + e.getMessage(), e);
        }
        if (key.length > MAX_KEY_BYTES) {
            throw EcgFormatException.inFile(file, "key file is larger than " + MAX_KEY_BYTES + " bytes; is it the "
                    + "right file?");
        }
        return checkedKey(stripNewline(key), "key file " + file);
    }

    static byte[] stripNewline(byte[] key) {
        int end = key.length;
        if (end > 0 && key[end - 1] == '\n') {
            end--;
            if (end > 0 && key[end - 1] == '\r') {
                end--;
            }
        }
        return java.util.Arrays.copyOf(key, end);
    }

    static byte[] checkedKey(byte[] key, String what) {
        if (key.length < MIN_KEY_BYTES) {
            throw new EcgException(what + " holds " + key.length + " bytes; a template store key needs at least "
                    + MIN_KEY_BYTES + " (e.g. `openssl rand -hex 32`)");
        }
        return key;
    }

    /** The key from {@code $ECGID_TEMPLATE_KEY} (UTF-8), or null when unset. */
    static byte[] keyFromEnvironment() {
        String v = System.getenv("ECGID_TEMPLATE_KEY");
        return v == null ? null : checkedKey(v.getBytes(StandardCharsets.UTF_8), "$ECGID_TEMPLATE_KEY");
    }
}
