package io.github.ecgid.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveRecordsTest {

    @Test
    void listsHeadersAndCsvsRecursivelyWithTheFolderAsPerson(@TempDir Path tmp) throws Exception {
        Path db = Files.createDirectories(tmp.resolve("db"));
        Files.createDirectories(db.resolve("Person_01"));
        Files.writeString(db.resolve("Person_01/rec_1.hea"), "x");
        Files.writeString(db.resolve("Person_01/rec_1.dat"), "x");
        Files.writeString(db.resolve("top.csv"), "x");
        Files.writeString(db.resolve("top.rpeaks.csv"), "x");
        List<ArchiveRecords.Entry> e = ArchiveRecords.list(db);
        assertThat(e).extracting(ArchiveRecords.Entry::id).containsExactly("db/Person_01/rec_1", "db/top");
        assertThat(e).extracting(ArchiveRecords.Entry::person).containsExactly("db/Person_01", "db/top");
        assertThat(e.get(0).path()).isEqualTo(db.resolve("Person_01/rec_1").toAbsolutePath().toString());
        assertThat(e.get(1).path()).isEqualTo(db.resolve("top.csv").toAbsolutePath().toString());
    }

    @Test
    void followsTheRecordsFileWhenThereIsOne(@TempDir Path tmp) throws Exception {
        Path db = Files.createDirectories(tmp.resolve("mitdb"));
        Files.writeString(db.resolve("RECORDS"), "101\n100\n");
        Files.writeString(db.resolve("extra.csv"), "x");
        assertThat(ArchiveRecords.list(db)).extracting(ArchiveRecords.Entry::id).containsExactly("mitdb/101", "mitdb/100");
    }

    @Test
    void anEmptyFolderIsRefused(@TempDir Path tmp) {
        assertThatThrownBy(() -> ArchiveRecords.list(tmp)).isInstanceOf(EcgException.class)
                .hasMessageContaining("holds no recording");
    }
}
