package io.github.ecgid.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcgIdDbTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writeFakeDatabase() {
        String[] names = {"Person_02/rec_1", "Person_01/rec_10", "Person_01/rec_2", "Person_01/rec_1"};
        for (String name : names) {
            // raw channel carries the record's number so that a test can tell records apart
            int tag = Integer.parseInt(name.substring(name.lastIndexOf('_') + 1));
            int[][] adc = new int[2][20];
            for (int i = 0; i < 20; i++) {
                adc[0][i] = 100 * tag + i;
                adc[1][i] = -50;
            }
            FakeWfdb.record(dir, name, 16, 500, List.of("ECG I", "ECG I filtered"), adc);
        }
        FakeWfdb.records(dir, names);
    }

    @Test
    void listsPersonsAndRecordsInNumericOrder() {
        EcgIdDb db = EcgIdDb.open(dir);

        assertThat(db.persons()).containsExactly("Person_01", "Person_02");
        assertThat(db.records("Person_01")).containsExactly("rec_1", "rec_2", "rec_10");
        assertThat(db.records("Person_99")).isEmpty();
        assertThat(db.entries()).extracting(EcgIdDb.Entry::path)
                .containsExactly("Person_01/rec_1", "Person_01/rec_2", "Person_01/rec_10", "Person_02/rec_1");
        assertThat(db.entries().get(3).personNumber()).isEqualTo(2);
    }

    @Test
    void rawChannelIsEcgIInMillivolts() {
        EcgRecord raw = EcgIdDb.open(dir).read("Person_01", "rec_10", EcgIdDb.Channel.RAW);

        assertThat(raw.leadNames()).containsExactly("ECG I");
        assertThat(raw.samplingRateHz()).isEqualTo(500);
        assertThat(raw.length()).isEqualTo(20);
        assertThat(raw.lead(0)[3]).isCloseTo((1000 + 3) / 200.0, within(1e-12));
    }

    @Test
    void filteredChannelIsTheSecondSignal() {
        EcgRecord filtered = EcgIdDb.open(dir).read(new EcgIdDb.Entry("Person_02", "rec_1"), EcgIdDb.Channel.FILTERED);

        assertThat(filtered.leadNames()).containsExactly("ECG I filtered");
        assertThat(filtered.lead(0)).containsOnly(-0.25);
    }

    @Test
    void recordWithOneSignalCannotGiveTheFilteredChannel() {
        FakeWfdb.record(dir, "Person_03/rec_1", 16, 500, List.of("ECG I"), new int[][] {new int[20]});
        FakeWfdb.records(dir, "Person_03/rec_1");

        assertThatThrownBy(() -> EcgIdDb.open(dir).read("Person_03", "rec_1", EcgIdDb.Channel.FILTERED))
                .isInstanceOf(EcgException.class)
                .hasMessageContaining("Person_03/rec_1")
                .hasMessageContaining("FILTERED");
    }

    @Test
    void recordsFileWithOtherLayoutIsRejected() {
        FakeWfdb.records(dir, "100");

        assertThatThrownBy(() -> EcgIdDb.open(dir))
                .isInstanceOf(EcgException.class)
                .hasMessageContaining("'100'")
                .hasMessageContaining("Person_NN/rec_M");
    }

    @Test
    void unknownRecordIsNamed() {
        assertThatThrownBy(() -> EcgIdDb.open(dir).read("Person_01", "rec_3", EcgIdDb.Channel.RAW))
                .isInstanceOf(EcgException.class)
                .hasMessageContaining("Person_01/rec_3");
    }
}
