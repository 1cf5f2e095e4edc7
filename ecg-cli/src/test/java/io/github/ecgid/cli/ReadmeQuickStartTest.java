package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.core.io.SeedCsvReader;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.Identification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the README's quick start honest: the snippet below must compile, and README.md must show it verbatim. */
class ReadmeQuickStartTest {

    @SuppressWarnings("unused")
    static void quickStart() {
        // README:BEGIN
        try (EcgIdentifier ecgid = EcgIdentifier.builder()
                .samplingRateHz(250).powerLineHz(50)
                .model(Path.of("ecgid.onnx"))              // from `ecgid train`, or .train(beats, options)
                .engine(Engine.ONNX_RUNTIME)               // or Engine.PURE_JAVA
                .build()) {
            ecgid.enroll("alice", SeedCsvReader.read(Path.of("alice.csv")));   // no retraining
            Identification who = ecgid.identify(SeedCsvReader.read(Path.of("unknown.csv")));
            System.out.println(who);                   // alice, confidence 0.97 (42 beats)
        }
        // README:END
    }

    @Test
    void readmeShowsTheQuickStartThatCompilesHere() throws Exception {
        Path readme = Path.of("..", "README.md");
        List<String> source = Files.readAllLines(Path.of("src", "test", "java", "io", "github", "ecgid", "cli",
                "ReadmeQuickStartTest.java"));
        int from = source.indexOf("        // README:BEGIN") + 1;
        int to = source.indexOf("        // README:END");
        String readmeText = Files.readString(readme);
        for (String line : source.subList(from, to)) {
            assertThat(readmeText).contains(line.substring(8));
        }
    }
}
