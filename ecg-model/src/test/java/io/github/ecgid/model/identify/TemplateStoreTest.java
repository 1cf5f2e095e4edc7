package io.github.ecgid.model.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateStoreTest {
    private static final byte[] KEY = "a-32-byte-secret-for-unit-tests!".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static List<PersonTemplate> people() {
        return List.of(
                PersonTemplate.fromEmbeddings("alice", new float[][] {{1, 0, 0, 0}, {0.9f, 0.1f, 0, 0}}),
                PersonTemplate.fromEmbeddings("bob", new float[][] {{0, 1, 0, 0}, {0, 0.8f, 0.2f, 0}}));
    }

    @Test
    void roundTripsTemplatesExactly() {
        Path f = dir.resolve("people.ecgt");
        TemplateStore.write(f, people(), KEY);
        assertThat(TemplateStore.read(f, KEY)).isEqualTo(people());
    }

    @Test
    void refusesAStoreWithOneFlippedBit() throws Exception {
        Path f = dir.resolve("people.ecgt");
        TemplateStore.write(f, people(), KEY);
        byte[] b = Files.readAllBytes(f);
        b[30] ^= 0x01;
        Files.write(f, b);
        assertThatThrownBy(() -> TemplateStore.read(f, KEY)).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("integrity check").hasMessageContaining("people.ecgt");
    }

    @Test
    void refusesATruncatedStore() throws Exception {
        Path f = dir.resolve("people.ecgt");
        TemplateStore.write(f, people(), KEY);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 5));
        assertThatThrownBy(() -> TemplateStore.read(f, KEY)).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("integrity check");
        Files.write(f, Arrays.copyOf(b, 20));
        assertThatThrownBy(() -> TemplateStore.read(f, KEY)).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void refusesAStoreWrittenWithAnotherKey() {
        Path f = dir.resolve("people.ecgt");
        TemplateStore.write(f, people(), KEY);
        byte[] other = "another-32-byte-secret-for-tests".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TemplateStore.read(f, other)).isInstanceOf(EcgFormatException.class);
    }

    @Test
    void rejectsShortKeys() {
        assertThatThrownBy(() -> TemplateStore.write(dir.resolve("x"), people(), new byte[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
    }

    @Test
    void templateToStringNeverShowsTheCentroid() {
        assertThat(people().get(0).toString()).doesNotContain("0.9").contains("alice");
    }
}
