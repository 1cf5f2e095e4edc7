package io.github.ecgid.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcgFilesTest {

    @TempDir
    Path dir;

    private Path wfdbRecord() {
        WfdbFiles.write(dir.resolve("w.dat"), WfdbFiles.encode16(new int[] {200, 400}));
        WfdbFiles.writeText(dir.resolve("w.hea"), "w 1 360 2\nw.dat 16 200 12 0 200 600 0 MLII\n");
        new WfdbFiles.Atr().ann(1, 1).end().writeTo(dir.resolve("w.atr"));
        return dir.resolve("w");
    }

    @Test
    void detectsWfdbWithAndWithoutHeaderExtension() {
        Path rec = wfdbRecord();

        assertThat(EcgFiles.detect(rec)).isEqualTo(EcgFiles.Format.WFDB);
        assertThat(EcgFiles.detect(dir.resolve("w.hea"))).isEqualTo(EcgFiles.Format.WFDB);
        EcgRecord r = EcgFiles.read(dir.resolve("w.hea"));
        assertThat(r.lead("MLII")).containsExactly(1.0, 2.0);
        assertThat(r.annotations().countBySymbol()).containsEntry("N", 1);
    }

    @Test
    void detectsSeedAndPlainCsvByTheirHeader() {
        Path seed = dir.resolve("log.csv");
        Path plain = dir.resolve("plain.CSV");
        WfdbFiles.writeText(seed, "timestamp, Channel 1, Channel 2, Channel 3\n0,1,0,0\n0,3,0,0\n");
        WfdbFiles.writeText(plain, "time_s,ECG\n0,1\n0.002,2\n");

        assertThat(EcgFiles.detect(seed)).isEqualTo(EcgFiles.Format.SEED_CSV);
        assertThat(EcgFiles.detect(plain)).isEqualTo(EcgFiles.Format.PLAIN_CSV);
        assertThat(EcgFiles.read(seed).samplingRateHz()).isEqualTo(250.0);
        assertThat(EcgFiles.read(seed, 500).samplingRateHz()).isEqualTo(500.0);
        assertThat(EcgFiles.read(plain).samplingRateHz()).isEqualTo(500.0);
    }

    @Test
    void refusesARateThatContradictsAWfdbHeader() {
        Path rec = wfdbRecord();

        assertThatThrownBy(() -> EcgFiles.read(rec, 250)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CSV files only", "360.0 Hz");
    }
}
