package io.github.ecgid.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocationTest {

    @TempDir
    Path tmp;

    @Test
    void systemPropertyWinsOverEnvironmentVariable() {
        DataLocation loc = DataLocation.resolve("/prop/data", Map.of("ECGID_DATA", "/env/data"), tmp);

        assertThat(loc.root()).isEqualTo(Path.of("/prop/data"));
        assertThat(loc.origin()).isEqualTo("-Decgid.data");
    }

    @Test
    void environmentVariableIsUsedWithoutProperty() {
        DataLocation loc = DataLocation.resolve(null, Map.of("ECGID_DATA", "/env/data"), tmp);

        assertThat(loc.root()).isEqualTo(Path.of("/env/data"));
        assertThat(loc.origin()).isEqualTo("ECGID_DATA");
    }

    @Test
    void defaultIsSharedDataNextToTheWorkingDirectory() {
        DataLocation loc = DataLocation.resolve("  ", Map.of(), tmp.resolve("repo"));

        assertThat(loc.root()).isEqualTo(tmp.resolve("shared/data"));
        assertThat(loc.origin()).contains("default");
    }

    @Test
    void relativeSettingsResolveAgainstTheWorkingDirectory() {
        assertThat(DataLocation.resolve(null, Map.of("ECGID_DATA", "data"), tmp).root()).isEqualTo(tmp.resolve("data"));
    }

    @Test
    void findsAnExistingDataSetFolder() throws Exception {
        Files.createDirectories(tmp.resolve("mitdb"));
        DataLocation loc = DataLocation.of(tmp);

        assertThat(loc.dataset("mitdb")).isEqualTo(tmp.resolve("mitdb"));
        assertThat(loc.has("mitdb")).isTrue();
        assertThat(loc.has("ecgiddb")).isFalse();
    }

    @Test
    void missingDataSetNamesThePathAndHowToSetIt() {
        DataLocation loc = DataLocation.resolve(null, Map.of("ECGID_DATA", tmp.toString()), Path.of(""));

        assertThatThrownBy(() -> loc.dataset("ecgiddb"))
                .isExactlyInstanceOf(EcgException.class)
                .hasMessageContaining(tmp.resolve("ecgiddb").toString())
                .hasMessageContaining("from ECGID_DATA")
                .hasMessageContaining("ECGID_DATA or -Decgid.data");
    }
}
