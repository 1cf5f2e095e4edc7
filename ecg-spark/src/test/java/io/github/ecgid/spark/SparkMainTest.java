package io.github.ecgid.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkMainTest {

    @Test
    void parsesRepeatedDatabasesAndTheDefaults() {
        SparkMain.Parsed p = SparkMain.parse(new String[] {"--db", "a", "--db", "b", "--out", "o"});
        assertThat(p.options().databases()).containsExactly(Path.of("a"), Path.of("b"));
        assertThat(p.options().out()).isEqualTo(Path.of("o"));
        assertThat(p.options().templates()).isNull();
        assertThat(p.options().partitions()).isZero();
        assertThat(p.options().powerLineHz()).isEqualTo(50);
        assertThat(p.master()).isNull();
    }

    @Test
    void readsTheStoreKeyFromTheKeyFileLessItsNewline(@TempDir Path tmp) throws Exception {
        Path key = tmp.resolve("key");
        Files.writeString(key, "0123456789abcdef0123456789abcdef\n");
        SparkMain.Parsed p = SparkMain.parse(new String[] {"--db", "a", "--out", "o", "--templates", "s.ecgt",
            "--key-file", key.toString(), "--master", "local[1]", "--partitions", "8"});
        assertThat(new String(p.options().key(), "UTF-8")).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(p.master()).isEqualTo("local[1]");
        assertThat(p.options().partitions()).isEqualTo(8);
    }

    @Test
    void refusesMissingRequiredOptionsAndUnknownOnes() {
        assertThatThrownBy(() -> SparkMain.parse(new String[] {"--db", "a"})).hasMessageContaining("--out DIR");
        assertThatThrownBy(() -> SparkMain.parse(new String[] {"--db", "a", "--out", "o", "--fast"}))
                .hasMessageContaining("--fast");
        assertThatThrownBy(() -> SparkMain.parse(new String[] {"--db", "a", "--out", "o", "--power-line", "55"}))
                .hasMessageContaining("50 or 60");
        assertThatThrownBy(() -> SparkMain.parse(new String[] {"--db", "a", "--out", "o", "--key-file", "k"}))
                .hasMessageContaining("--templates");
    }

    @Test
    void refusesAShortKey(@TempDir Path tmp) throws Exception {
        Path key = tmp.resolve("key");
        Files.writeString(key, "short\n");
        assertThatThrownBy(() -> ArchiveJob.readKey(key)).hasMessageContaining("5 bytes").hasMessageContaining("16");
    }

    @Test
    void roundRobinDealsContiguousSlicesOutInTurn() {
        assertThat(ArchiveJob.roundRobin(List.of(0, 1, 2, 3, 4, 5, 6), 3)).containsExactly(0, 3, 6, 1, 4, 2, 5);
    }
}
