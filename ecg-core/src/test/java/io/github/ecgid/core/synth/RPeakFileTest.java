package io.github.ecgid.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RPeakFileTest {

    @TempDir
    Path dir;

    @Test
    void writtenPeaksReadBackExactly() throws Exception {
        Path file = dir.resolve("p.rpeaks.csv");
        RPeakFile.write(file, new int[] {102, 307, 511}, 250);

        assertThat(RPeakFile.read(file)).containsExactly(102, 307, 511);
        assertThat(Files.readAllLines(file)).containsExactly("sample,time_s", "102,0.408000", "307,1.228000",
                "511,2.044000");
    }

    @Test
    void peaksBecomeNormalBeatAnnotations() {
        assertThat(RPeakFile.toAnnotations(new int[] {5, 9}).beatSamples()).containsExactly(5, 9);
        assertThat(RPeakFile.toAnnotations(new int[] {5, 9}).countBySymbol()).containsEntry("N", 2);
    }

    @Test
    void peakFileSitsBesideItsCsv() {
        assertThat(RPeakFile.besideCsv(dir.resolve("person01_session1.csv")))
                .isEqualTo(dir.resolve("person01_session1.rpeaks.csv"));
    }

    @Test
    void wrongHeaderIsNamedWithItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("a.csv"), "time,value\n1,2\n");

        assertThatThrownBy(() -> RPeakFile.read(file)).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("line 1").hasMessageContaining("'time,value'");
    }

    @Test
    void nonNumericOrDescendingPeaksAreNamedWithTheirLine() throws Exception {
        Path text = Files.writeString(dir.resolve("b.csv"), "sample,time_s\n10,0.04\nx,0.1\n");
        Path descending = Files.writeString(dir.resolve("c.csv"), "sample,time_s\n10,0.04\n\n8,0.032\n");

        assertThatThrownBy(() -> RPeakFile.read(text)).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("line 3").hasMessageContaining("'x'");
        assertThatThrownBy(() -> RPeakFile.read(descending)).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("line 4").hasMessageContaining("found 8");
    }

    @Test
    void emptyOrMissingFileIsAFormatError() throws Exception {
        Path empty = Files.writeString(dir.resolve("d.csv"), "");

        assertThatThrownBy(() -> RPeakFile.read(empty)).hasMessageContaining("end of file");
        assertThatThrownBy(() -> RPeakFile.read(dir.resolve("none.csv"))).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("not found");
    }
}
