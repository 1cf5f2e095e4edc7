package io.github.ecgid.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgFormatException;
import io.github.ecgid.core.EcgRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MitDbTest {

    @TempDir
    Path data;

    private Path mitdb;

    /** Three records like 100, 102 and 114: MLII first, no MLII, MLII second. Each lead has its own level. */
    @BeforeEach
    void writeFakeDatabase() {
        mitdb = data.resolve("mitdb");
        FakeWfdb.record(mitdb, "100", 212, 360, List.of("MLII", "V5"), constant(10, 200, -100));
        FakeWfdb.record(mitdb, "102", 212, 360, List.of("V5", "V2"), constant(10, -300, 400));
        FakeWfdb.record(mitdb, "114", 212, 360, List.of("V5", "MLII"), constant(10, 60, 240));
        FakeWfdb.beats(mitdb, "100", 2, 7);
        FakeWfdb.records(mitdb, "100", "102", "114");
    }

    private static int[][] constant(int n, int first, int second) {
        int[][] adc = new int[2][n];
        java.util.Arrays.fill(adc[0], first);
        java.util.Arrays.fill(adc[1], second);
        return adc;
    }

    @Test
    void listsRecordsInRecordsFileOrder() {
        assertThat(MitDb.open(DataLocation.of(data)).recordNames()).containsExactly("100", "102", "114");
    }

    @Test
    void primaryLeadIsMliiWhereverItIs() {
        MitDb db = MitDb.open(mitdb);

        EcgRecord r100 = db.readPrimaryLead("100");
        EcgRecord r114 = db.readPrimaryLead("114");

        assertThat(r100.leadNames()).containsExactly("MLII");
        assertThat(r100.lead(0)).containsOnly(1.0); // 200 adu / 200 adu/mV
        assertThat(r114.leadNames()).containsExactly("MLII");
        assertThat(r114.lead(0)[0]).isCloseTo(1.2, within(1e-12));
    }

    @Test
    void primaryLeadFallsBackToTheFirstWithoutMlii() {
        EcgRecord r102 = MitDb.open(mitdb).readPrimaryLead("102");

        assertThat(r102.leadNames()).containsExactly("V5");
        assertThat(r102.lead(0)[0]).isCloseTo(-1.5, within(1e-12));
        assertThat(r102.samplingRateHz()).isEqualTo(360);
    }

    @Test
    void wholeRecordKeepsBothLeadsAndReferenceBeats() {
        EcgRecord rec = MitDb.open(mitdb).read("100");

        assertThat(rec.leadNames()).containsExactly("MLII", "V5");
        assertThat(rec.annotations().beatSamples()).containsExactly(2, 7);
        assertThat(MitDb.open(mitdb).readPrimaryLead("100").annotations().beatSamples()).containsExactly(2, 7);
    }

    @Test
    void unlistedRecordNamesTheRecordsFile() {
        assertThatThrownBy(() -> MitDb.open(mitdb).read("999"))
                .isInstanceOf(EcgException.class)
                .hasMessageContaining("No record '999'")
                .hasMessageContaining(mitdb.resolve("RECORDS").toString());
    }

    @Test
    void listedButMissingRecordIsAFormatErrorNamingTheHeader() throws Exception {
        FakeWfdb.records(mitdb, "100", "101");

        assertThatThrownBy(() -> MitDb.open(mitdb).read("101"))
                .isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("101.hea");
    }

    @Test
    void folderWithoutRecordsFileIsAFormatError() throws Exception {
        Files.delete(mitdb.resolve("RECORDS"));

        assertThatThrownBy(() -> MitDb.open(mitdb))
                .isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("RECORDS");
    }

    @Test
    void missingDataSetSaysWhereItLooked() {
        assertThatThrownBy(() -> MitDb.open(DataLocation.of(data.resolve("elsewhere"))))
                .isInstanceOf(EcgException.class)
                .hasMessageContaining(data.resolve("elsewhere").resolve("mitdb").toString());
    }
}
