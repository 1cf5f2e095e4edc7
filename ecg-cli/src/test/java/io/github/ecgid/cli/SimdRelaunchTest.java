package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code java -jar ecgid.jar} without flags restarts once with the SIMD module, and only then. */
class SimdRelaunchTest {
    private static final Optional<String> JAVA = Optional.of("/usr/bin/java");
    private static final Optional<Path> JAR = Optional.of(Path.of("/opt/ecgid.jar"));

    @Test
    void aJarStartedWithoutTheModuleRelaunchesWithItKeepingOptionsAndArguments() {
        assertThat(SimdRelaunch.command(false, true, null, JAVA, List.of("-Xmx2g"), JAR,
                new String[] {"identify", "--model", "pretrained"}))
                .contains(List.of("/usr/bin/java", "--add-modules", "jdk.incubator.vector", "-Xmx2g", "-jar",
                        "/opt/ecgid.jar", "identify", "--model", "pretrained"));
    }

    @Test
    void noRelaunchWhenTheModuleIsResolvedMissingDisabledOrNotAJar() {
        String[] args = {"info"};
        assertThat(SimdRelaunch.command(true, true, null, JAVA, List.of(), JAR, args)).isEmpty();
        assertThat(SimdRelaunch.command(false, false, null, JAVA, List.of(), JAR, args)).isEmpty();
        assertThat(SimdRelaunch.command(false, true, "0", JAVA, List.of(), JAR, args)).isEmpty();
        assertThat(SimdRelaunch.command(false, true, "1", JAVA, List.of(), JAR, args)).as("the child itself").isEmpty();
        assertThat(SimdRelaunch.command(false, true, null, JAVA, List.of(), Optional.empty(), args)).isEmpty();
        assertThat(SimdRelaunch.command(false, true, null, Optional.empty(), List.of(), JAR, args)).isEmpty();
    }

    @Test
    void theJvmIncubatorWarningIsDroppedAndEverythingElsePasses() {
        assertThat(copy(SimdRelaunch.WARNING + "\nepoch 1/40\rEpoch 2/40\nerror: x\n"))
                .isEqualTo("epoch 1/40\rEpoch 2/40\nerror: x\n");
    }

    @Test
    void aFirstLineThatIsNotTheWarningIsKeptWhole() {
        assertThat(copy("WARNING: Using incubator modules: something.else\nrest"))
                .isEqualTo("WARNING: Using incubator modules: something.else\nrest");
        assertThat(copy("WARN")).isEqualTo("WARN");
        assertThat(copy("")).isEmpty();
    }

    private static String copy(String stderr) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimdRelaunch.copyDroppingWarning(new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
