package io.github.ecgid.core.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgIoException;
import io.github.ecgid.core.EcgRecord;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails below the data is an {@link EcgIoException} naming the destination, for every writer. */
class WriteFailureTest {
    private static final EcgRecord REC = EcgRecord.of(250, "ECG", new double[] {0.1, 0.2, 0.3});

    /** A disk that fills up at the first byte. */
    private static final class FullDisk extends Writer {
        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aFailingWriterIsAnEcgIoExceptionWithTheCause() {
        assertThatThrownBy(() -> PlainCsvWriter.write(REC, new FullDisk())).isInstanceOf(EcgIoException.class)
                .hasMessageContaining("No space left on device").hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> SeedCsvWriter.write(REC, "ECG", new FullDisk(), SeedCsvOptions.defaults()))
                .isInstanceOf(EcgIoException.class).hasMessageContaining("No space left on device");
    }

    @Test
    void aFileThatCannotBeCreatedIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-folder").resolve("out.csv");

        assertThatThrownBy(() -> PlainCsvWriter.write(REC, missing)).isInstanceOf(EcgIoException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> SeedCsvWriter.write(REC, missing)).isInstanceOf(EcgIoException.class)
                .hasMessageContaining(missing.toString());
    }
}
