package io.github.ecgid.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.cli.EcgidCommand;
import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.io.EcgFiles;
import io.github.ecgid.core.io.SeedCsvWriter;
import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.math.Embeddings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs the archive job on {@code local[2]} over synthetic recordings written to a temporary folder (3 people,
 * 2 sessions each, plus one unreadable file) and compares every row with what the single-JVM {@code ecgid}
 * CLI prints for the same recording. One Spark session and one pair of job runs for the whole class.
 */
class ArchiveJobTest {
    private static final int PERSONS = 3;
    private static final int SESSIONS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern R_PEAKS = Pattern.compile("(\\d+) R-peaks \\(pan-tompkins\\)");

    @TempDir
    static Path tmp;

    static SparkSession spark;
    static Path archive;
    static Path store;
    static Path keyFile;
    static ArchiveJob.Summary enrollFirst;
    static Map<String, Row> rows;
    static Map<String, Row> storeRows;

    @BeforeAll
    static void runJobTwice() throws IOException {
        archive = tmp.resolve("archive");
        SyntheticCohort cohort = SyntheticCohort.of(PERSONS, 20261207L).withSessions(SESSIONS).withDurationSeconds(30);
        for (int p = 1; p <= PERSONS; p++) {
            Path dir = Files.createDirectories(archive.resolve(String.format("person%02d", p)));
            for (int s = 1; s <= SESSIONS; s++) {
                SeedCsvWriter.write(cohort.recording(p, s).record(), dir.resolve("session" + s + ".csv"));
            }
        }
        Files.createDirectories(archive.resolve("person09"));
        Files.writeString(archive.resolve("person09/session1.csv"), "this is not an ECG\n1,2,3\n");
        keyFile = tmp.resolve("key");
        Files.writeString(keyFile, "3f9c1a7e5b2d48c6a0e1f7b3d9c5a2e8\n");
        store = tmp.resolve("people.ecgt");
        for (int p = 1; p <= PERSONS; p++) {
            String person = String.format("person%02d", p);
            cli("enroll", "--templates", store.toString(), "--key-file", keyFile.toString(),
                    "--person", "archive/" + person, "--input", archive.resolve(person + "/session1.csv").toString());
        }

        spark = SparkSession.builder().master("local[2]").appName("ecg-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        Path out = tmp.resolve("out-enroll-first");
        enrollFirst = ArchiveJob.run(spark, ArchiveJob.Options.of(List.of(archive), out).withPartitions(3));
        rows = byRecord(out);
        Path outStore = tmp.resolve("out-store");
        ArchiveJob.run(spark, ArchiveJob.Options.of(List.of(archive), outStore)
                .withTemplates(store, ArchiveJob.readKey(keyFile)));
        storeRows = byRecord(outStore);
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static Map<String, Row> byRecord(Path parquet) {
        return spark.read().parquet(parquet.toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("record")), r -> r));
    }

    @Test
    void writesOneRowPerRecordingAndCountsTheUnreadableOneAsFailed() {
        assertThat(rows).hasSize(PERSONS * SESSIONS + 1);
        assertThat(enrollFirst.records()).isEqualTo(PERSONS * SESSIONS + 1);
        assertThat(enrollFirst.failed()).isEqualTo(1);
        assertThat(enrollFirst.enrolled()).isEqualTo(PERSONS); // person09's only file cannot be read
        assertThat(enrollFirst.samples()).isEqualTo(PERSONS * SESSIONS * 30 * 250L);
        long ownPerson = rows.values().stream().filter(r -> !r.getBoolean(r.fieldIndex("enrollment")))
                .filter(r -> r.getString(r.fieldIndex("person")).equals(r.getString(r.fieldIndex("identified_person"))))
                .count();
        assertThat(enrollFirst.probes()).isEqualTo(PERSONS); // the second sessions
        assertThat(enrollFirst.correct()).isEqualTo(ownPerson);
        Row bad = rows.get("archive/person09/session1");
        assertThat(bad.getString(bad.fieldIndex("error"))).contains("person09/session1.csv");
        assertThat(bad.isNullAt(bad.fieldIndex("r_peaks"))).isTrue();
    }

    @Test
    void rPeaksAndHrvEqualWhatEcgidHrvPrints() throws IOException {
        for (int p = 1; p <= PERSONS; p++) {
            for (int s = 1; s <= SESSIONS; s++) {
                String name = String.format("person%02d/session%d", p, s);
                Row row = rows.get("archive/" + name);
                Path file = archive.resolve(name + ".csv");
                String[] outErr = cli("hrv", file.toString(), "--json", "--lead", row.getString(row.fieldIndex("lead")));
                Matcher m = R_PEAKS.matcher(outErr[1]);
                assertThat(m.find()).as("ecgid hrv stderr: %s", outErr[1]).isTrue();
                assertThat(row.getInt(row.fieldIndex("r_peaks"))).as(name).isEqualTo(Integer.parseInt(m.group(1)))
                        .isGreaterThan(20);
                JsonNode expected = JSON.readTree(outErr[0]);
                Map<String, Double> hrv = row.getJavaMap(row.fieldIndex("hrv"));
                assertThat(hrv.keySet()).as(name).containsExactlyInAnyOrderElementsOf(
                        expected.properties().stream().map(Map.Entry::getKey).toList());
                expected.properties().forEach(e -> {
                    double v = hrv.get(e.getKey());
                    if (e.getValue().isNull()) {
                        assertThat(Double.isFinite(v)).as("%s %s", name, e.getKey()).isFalse();
                    } else {
                        assertThat(v).as("%s %s", name, e.getKey()).isEqualTo(e.getValue().asDouble());
                    }
                });
                assertThat(hrv.get("HRV_MeanNN")).as(name).isBetween(300.0, 2000.0);
            }
        }
    }

    @Test
    void identitiesAndScoresEqualWhatEcgidIdentifyPrintsAgainstTheSameEnrollments() throws IOException {
        int correct = 0;
        for (int p = 1; p <= PERSONS; p++) {
            for (int s = 1; s <= SESSIONS; s++) {
                String name = String.format("person%02d/session%d", p, s);
                Row row = rows.get("archive/" + name);
                JsonNode cli = JSON.readTree(cli("identify", "--templates", store.toString(), "--key-file",
                        keyFile.toString(), "--input", archive.resolve(name + ".csv").toString(), "--json")[0]);
                assertThat(row.getString(row.fieldIndex("identified_person"))).as(name)
                        .isEqualTo(cli.get("person").isNull() ? null : cli.get("person").asText());
                assertThat(row.getDouble(row.fieldIndex("score"))).as(name).isEqualTo(cli.get("score").asDouble());
                assertThat(row.getBoolean(row.fieldIndex("unknown"))).as(name).isEqualTo(cli.get("unknown").asBoolean());
                assertThat(row.getDouble(row.fieldIndex("threshold"))).as(name)
                        .isEqualTo(cli.get("threshold").asDouble());
                assertThat(row.getInt(row.fieldIndex("beats_kept"))).as(name).isEqualTo(cli.get("beats_used").asInt());
                assertThat(row.getString(row.fieldIndex("mode"))).isEqualTo("open_set");
                assertThat(row.getBoolean(row.fieldIndex("too_noisy"))).as(name)
                        .isEqualTo(cli.get("too_noisy").asBoolean());
                assertThat(row.getBoolean(row.fieldIndex("enrollment"))).as(name).isEqualTo(s == 1);
                String own = "archive/" + String.format("person%02d", p);
                if (own.equals(row.getString(row.fieldIndex("identified_person")))) {
                    correct++;
                }
            }
        }
        // the enrollment recordings at least find their own person: the comparison above is not of empty results
        assertThat(correct).isGreaterThanOrEqualTo(PERSONS);
    }

    @Test
    void aTemplateStoreGalleryGivesTheSameRowsAsEnrollingFromTheFirstRecordings() {
        assertThat(storeRows.keySet()).isEqualTo(rows.keySet());
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row a = e.getValue();
            Row b = storeRows.get(e.getKey());
            for (String col : List.of("identified_person", "score", "unknown", "beats_kept", "r_peaks")) {
                assertThat(b.<Object>getAs(col)).as("%s %s", e.getKey(), col).isEqualTo(a.getAs(col));
            }
            assertThat(b.getBoolean(b.fieldIndex("enrollment"))).isFalse();
        }
    }

    @Test
    void embeddingIsTheMeanIdentityVectorOfTheKeptBeats() {
        String name = "person02/session2";
        Row row = rows.get("archive/" + name);
        EcgRecord rec = EcgFiles.read(archive.resolve(name + ".csv"));
        try (EcgIdentifier id = RecordAnalysis.build(rec.samplingRateHz(), RecordAnalysis.leadOf(rec), 50)) {
            float[][] beats = id.beats(rec);
            float[] expected = Embeddings.meanDirection(id.identityVectors(beats), 0, beats.length);
            float[] actual = RecordAnalysis.floats(row.get(row.fieldIndex("embedding")));
            assertThat(actual).hasSize(id.templateDimension()).containsExactly(expected);
            double norm = 0;
            for (float x : actual) {
                norm += x * x;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void anExistingOutputFolderIsRefusedUnlessOverwriting() {
        Path out = tmp.resolve("out-enroll-first");
        assertThatThrownBy(() -> ArchiveJob.run(spark, ArchiveJob.Options.of(List.of(archive), out)))
                .hasMessageContaining("already exists");
    }

    @Test
    void aMissingArchiveFolderNamesTheFolder() {
        Path missing = tmp.resolve("no-such-archive");
        assertThatThrownBy(() -> ArchiveJob.run(spark, ArchiveJob.Options.of(List.of(missing), tmp.resolve("x"))))
                .isInstanceOf(EcgException.class).hasMessageContaining(missing.toString());
    }

    /** Runs {@code ecgid args...} in this JVM; returns its stdout and stderr, failing on a non-zero exit. */
    private static String[] cli(String... args) {
        CommandLine cl = EcgidCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args);
        assertThat(rc).as("ecgid %s: %s", String.join(" ", args), err).isZero();
        return new String[] {out.toString(), err.toString()};
    }
}
