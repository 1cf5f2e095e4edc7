package io.github.ecgid.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RECORDS list of a database folder: names kept in order, hostile lists refused with a typed error. */
class WfdbDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void listsRecordsInOrderSkippingCommentsAndBlankLines() throws IOException {
        Files.writeString(dir.resolve("RECORDS"), "# people\r\nPerson_01/rec_1\n\n102\r\n");

        assertThat(WfdbDatabase.open(dir).recordNames()).containsExactly("Person_01/rec_1", "102");
    }

    @Test
    void refusesARecordsListWithoutLineBreaksInsteadOfRunningOutOfMemory() throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve("RECORDS"))) {
            byte[] nul = new byte[1 << 16];
            for (int i = 0; i < 40; i++) { // 2.5 MiB of NUL bytes, longer than any line may be
                out.write(nul);
            }
        }

        assertThatThrownBy(() -> WfdbDatabase.open(dir)).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("RECORDS");
    }

    @Test
    void refusesARecordNameThatLeavesTheFolder() throws IOException {
        Files.writeString(dir.resolve("RECORDS"), "100\n../../etc/passwd\n");

        assertThatThrownBy(() -> WfdbDatabase.open(dir)).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("line 2").hasMessageContaining("../../etc/passwd");
    }
}
