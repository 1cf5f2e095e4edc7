package io.github.ecgid.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LudbTest {

    @TempDir
    Path dir;

    private void writeFake(String... names) {
        for (String name : names) {
            int[][] adc = new int[Ludb.LEADS.size()][10];
            for (int s = 0; s < adc.length; s++) {
                for (int i = 0; i < 10; i++) {
                    adc[s][i] = 10 * s + i; // each lead carries its index, so a test can tell leads apart
                }
            }
            FakeWfdb.record(dir, name, 16, 500, Ludb.LEADS, adc);
        }
        FakeWfdb.records(dir, names);
    }

    @Test
    void listsPersonsByTheirNumber() {
        writeFake("data/1", "data/2", "data/10");

        assertThat(Ludb.open(dir).persons()).containsExactly("1", "2", "10");
    }

    @Test
    void readsOneLeadByName() {
        writeFake("data/1");

        EcgRecord v1 = Ludb.open(dir).read("1", "v1");

        assertThat(v1.leadNames()).containsExactly("v1");
        assertThat(v1.samplingRateHz()).isEqualTo(500);
        assertThat(v1.lead(0)[0]).isEqualTo(60 / 200.0); // lead 6 of the fake, gain 200 adu/mV
    }

    @Test
    void refusesAnUnknownLeadNamingTheLeadsItHas() {
        writeFake("data/1");

        assertThatThrownBy(() -> Ludb.open(dir).read("1", "MLII"))
                .isInstanceOf(EcgException.class).hasMessageContaining("no lead 'MLII'").hasMessageContaining("v6");
    }

    @Test
    void refusesRecordsNotOfTheLudbLayout() {
        writeFake("Person_01/rec_1");

        assertThatThrownBy(() -> Ludb.open(dir)).isInstanceOf(EcgException.class)
                .hasMessageContaining("not of the LUDB form");
    }
}
