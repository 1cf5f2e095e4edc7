package io.github.ecgid.spark;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.io.EcgFiles;
import io.github.ecgid.hrv.ArtefactCorrection;
import io.github.ecgid.hrv.FrequencyBands;
import io.github.ecgid.hrv.HrvAnalyzer;
import io.github.ecgid.hrv.HrvReport;
import io.github.ecgid.hrv.PsdMethod;
import io.github.ecgid.hrv.RrSeries;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.Identification;
import io.github.ecgid.model.identify.PersonTemplate;
import io.github.ecgid.model.math.Embeddings;
import io.github.ecgid.signal.detect.Detector;
import io.github.ecgid.signal.detect.RPeaks;
import io.github.ecgid.signal.preprocess.CleanSignal;
import io.github.ecgid.signal.preprocess.Preprocessor;
import io.github.ecgid.signal.preprocess.SampleGap;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The work on one recording, made of the same library calls as the single-JVM CLI, so that a row holds what
 * {@code ecgid hrv --lead L <record>} and {@code ecgid identify --input <record>} print for it: R-peak
 * preprocessing for the mains frequency ({@code Preprocessor.forRPeaks}), Pan-Tompkins R-peaks and HRV
 * indices (Welch PSD, NeuroKit2 bands, Lipponen-Tarvainen
 * correction); the identifier's usable beats, their mean identity vector and the open-set identification
 * against the gallery (the model's classes, closed set, when the gallery is empty). The lead is MLII when the
 * record has it, else its first, for both.
 *
 * <p>One instance per Spark partition: it builds an {@link EcgIdentifier} (the shipped general model, an
 * inference engine) once per sampling rate and lead it meets, and {@link #close() closes} them at the end.
 * Not thread-safe. Never logs signal or templates.
 */
public final class RecordAnalysis implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordAnalysis.class);

    /** The R-peak detector of {@code ecgid hrv} (its default). */
    public static final Detector HRV_DETECTOR = Detector.PAN_TOMPKINS;

    /** Columns of the result rows, in order. */
    public static final StructType SCHEMA = new StructType()
            .add("record", DataTypes.StringType, false)
            .add("path", DataTypes.StringType, false)
            .add("person", DataTypes.StringType, false)
            .add("enrollment", DataTypes.BooleanType, false)
            .add("sampling_rate_hz", DataTypes.DoubleType, true)
            .add("lead", DataTypes.StringType, true)
            .add("samples", DataTypes.IntegerType, true)
            .add("duration_s", DataTypes.DoubleType, true)
            .add("r_peaks", DataTypes.IntegerType, true)
            .add("hrv", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), true)
            .add("beats_kept", DataTypes.IntegerType, true)
            .add("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add("identified_person", DataTypes.StringType, true)
            .add("score", DataTypes.DoubleType, true)
            .add("unknown", DataTypes.BooleanType, true)
            .add("threshold", DataTypes.DoubleType, true)
            .add("mode", DataTypes.StringType, true)
            .add("too_noisy", DataTypes.BooleanType, true)
            .add("error", DataTypes.StringType, true);

    /** Columns of an enrollment result: one template, or why the person could not be enrolled. */
    static final StructType TEMPLATE_SCHEMA = new StructType()
            .add("person", DataTypes.StringType, false)
            .add("record", DataTypes.StringType, false)
            .add("centroid", DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add("modes", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false),
                    true)
            .add("mean_cosine", DataTypes.DoubleType, true)
            .add("beats_used", DataTypes.IntegerType, true)
            .add("error", DataTypes.StringType, true);

    private final List<PersonTemplate> gallery;
    private final double powerLineHz;
    private final HrvAnalyzer hrv = HrvAnalyzer.builder().psdMethod(PsdMethod.WELCH)
            .bands(FrequencyBands.neurokit2()).correction(ArtefactCorrection.LIPPONEN_TARVAINEN).build();
    private final Map<String, EcgIdentifier> identifiers = new HashMap<>();

    /**
     * @param gallery     the enrolled people every record is identified against (none: closed set)
     * @param powerLineHz mains frequency the identifier notches, 50 or 60 ({@code ecgid --power-line})
     */
    public RecordAnalysis(List<PersonTemplate> gallery, double powerLineHz) {
        this.gallery = List.copyOf(gallery);
        this.powerLineHz = powerLineHz;
    }

    /** The lead both halves use: MLII when present, else the first (as {@code ecgid identify} chooses). */
    public static String leadOf(EcgRecord rec) {
        return rec.leadNames().contains("MLII") ? "MLII" : rec.leadNames().get(0);
    }

    /**
     * The result row of one recording ({@link #SCHEMA}); a recording the library refuses (unreadable, too
     * short, wrong format) gives a row with only its id and {@code error} set, so one bad file does not stop
     * an archive.
     */
    public Row analyze(ArchiveRecords.Entry entry, boolean enrollment) {
        EcgRecord rec;
        try {
            rec = EcgFiles.read(Path.of(entry.path()));
        } catch (EcgException | IllegalArgumentException e) {
            return failed(entry, enrollment, e);
        }
        String lead = leadOf(rec);
        double fs = rec.samplingRateHz();
        Integer rPeaks = null;
        Map<String, Double> hrvMap = null;
        String error = null;
        try {
            CleanSignal clean = Preprocessor.forRPeaks(fs, powerLineHz).apply(rec, lead);
            RPeaks peaks = HRV_DETECTOR.create().detect(clean.samplesMv(), fs);
            int[] original = clean.toOriginalIndices(peaks.indexSamples());
            rPeaks = original.length;
            HrvReport report = hrv.analyze(RrSeries.fromPeaks(original, fs));
            hrvMap = copyOf(report.asMap());
        } catch (EcgException e) {
            error = "hrv: " + e.getMessage();
        }
        Integer beatsKept = null;
        float[] embedding = null;
        String person = null;
        Double score = null;
        Boolean unknown = null;
        Double threshold = null;
        String mode = null;
        Boolean tooNoisy = null;
        try {
            EcgIdentifier id = identifier(fs, lead);
            float[][] beats = id.beats(rec);
            beatsKept = beats.length;
            if (beats.length == 0) {
                error = join(error, "identify: no usable beats to decide on (too short, too noisy or no ECG in lead "
                        + lead + ")");
            } else {
                embedding = Embeddings.meanDirection(id.identityVectors(beats), 0, beats.length);
                Identification who = id.identify(beats);
                person = who.personId();
                score = who.ranking().isEmpty() ? null : who.ranking().get(0).score();
                unknown = who.isUnknown();
                threshold = who.threshold();
                mode = who.mode().name().toLowerCase(java.util.Locale.ROOT);
                tooNoisy = who.tooNoisy();
            }
        } catch (EcgException e) {
            error = join(error, "identify: " + e.getMessage());
        }
        if (error != null) {
            LOG.warn("record {}: {}", entry.id(), error);
        }
        return RowFactory.create(entry.id(), entry.path(), entry.person(), enrollment, fs, lead, rec.length(),
                rec.durationSeconds(), rPeaks, hrvMap == null ? null : CollectionConverters.asScala(hrvMap),
                beatsKept, embedding == null ? null : seq(embedding), person, score, unknown, threshold, mode, tooNoisy,
                error);
    }

    /**
     * Enrolls the entry's person from it, as {@code ecgid enroll --person P --input F} does; a row of
     * {@link #TEMPLATE_SCHEMA}.
     */
    Row enroll(ArchiveRecords.Entry entry) {
        try {
            EcgRecord rec = EcgFiles.read(Path.of(entry.path()));
            PersonTemplate t = identifier(rec.samplingRateHz(), leadOf(rec)).enroll(entry.person(), rec);
            float[][] modes = t.modes();
            List<scala.collection.immutable.Seq<Float>> modeSeqs = new java.util.ArrayList<>(modes.length);
            for (float[] m : modes) {
                modeSeqs.add(seq(m));
            }
            return RowFactory.create(t.personId(), entry.id(), seq(t.centroid()),
                    CollectionConverters.asScala(modeSeqs).toList(), t.meanCosine(), t.beatsUsed(), null);
        } catch (EcgException | IllegalArgumentException e) {
            LOG.warn("cannot enroll {} from {}: {}", entry.person(), entry.id(), e.getMessage());
            return RowFactory.create(entry.person(), entry.id(), null, null, null, null, e.getMessage());
        }
    }

    /** The template of an enrollment row (schemaless, as collected), or null when that enrollment failed. */
    static PersonTemplate template(Row r) {
        if (!r.isNullAt(TEMPLATE_SCHEMA.fieldIndex("error"))) {
            return null;
        }
        List<Object> modeList = r.getList(TEMPLATE_SCHEMA.fieldIndex("modes"));
        float[][] modes = new float[modeList.size()][];
        for (int m = 0; m < modes.length; m++) {
            modes[m] = floats(modeList.get(m));
        }
        return new PersonTemplate(r.getString(0), floats(r.get(TEMPLATE_SCHEMA.fieldIndex("centroid"))), modes,
                r.getDouble(TEMPLATE_SCHEMA.fieldIndex("mean_cosine")),
                r.getInt(TEMPLATE_SCHEMA.fieldIndex("beats_used")));
    }

    /** {@code v} as the Scala sequence Spark's row encoder takes for {@code array<float>}. */
    static scala.collection.immutable.Seq<Float> seq(float[] v) {
        List<Float> boxed = new java.util.ArrayList<>(v.length);
        for (float x : v) {
            boxed.add(x);
        }
        return CollectionConverters.asScala(boxed).toList();
    }

    /** A float array from what Spark gives back for {@code array<float>}: a Java list or a Scala sequence. */
    static float[] floats(Object value) {
        if (value instanceof float[] f) {
            return f.clone();
        }
        List<?> list = value instanceof List<?> l ? l
                : CollectionConverters.asJava((scala.collection.Seq<?>) value);
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).floatValue();
        }
        return out;
    }

    private EcgIdentifier identifier(double fs, String lead) {
        return identifiers.computeIfAbsent(fs + "|" + lead, k -> {
            EcgIdentifier id = build(fs, lead, powerLineHz);
            if (!gallery.isEmpty()) {
                id.addTemplates(gallery);
            }
            return id;
        });
    }

    /** An identifier with the settings {@code ecgid identify} and {@code ecgid enroll} use by default. */
    public static EcgIdentifier build(double fs, String lead, double powerLineHz) {
        return EcgIdentifier.builder().samplingRateHz(fs).powerLineHz(powerLineHz).engine(Engine.AUTO).lead(lead)
                .beatsPerDecision(EcgIdentifier.DEFAULT_BEATS_PER_DECISION)
                .maxGapSeconds(SampleGap.DEFAULT_MAX_GAP_SECONDS).build();
    }

    private static Row failed(ArchiveRecords.Entry entry, boolean enrollment, RuntimeException e) {
        LOG.warn("record {}: {}", entry.id(), e.getMessage());
        return RowFactory.create(entry.id(), entry.path(), entry.person(), enrollment, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, e.getMessage());
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }

    private static Map<String, Double> copyOf(Map<String, Double> m) {
        return new java.util.LinkedHashMap<>(Objects.requireNonNull(m));
    }

    @Override
    public void close() {
        identifiers.values().forEach(EcgIdentifier::close);
        identifiers.clear();
    }
}
