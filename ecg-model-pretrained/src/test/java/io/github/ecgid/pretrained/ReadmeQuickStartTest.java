package io.github.ecgid.pretrained;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.core.io.SeedCsvWriter;
import io.github.ecgid.core.synth.SyntheticCohort;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the README's quick start honest: its first {@code java} block is compiled as written, as a file of its own,
 * against this artefact and what it brings, and run in a fresh JVM on the two seed-format CSV files it names (two
 * sessions of one synthetic person at 250 Hz, made here).
 */
class ReadmeQuickStartTest {

    @TempDir
    Path dir;

    private static String firstJavaBlock() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has a ```java block").isTrue();
        return m.group(1);
    }

    @Test
    void readmeQuickStartCompilesAndIdentifiesTheEnrolledPerson() throws Exception {
        String source = firstJavaBlock();
        Matcher cls = Pattern.compile("public class (\\w+)").matcher(source);
        assertThat(cls.find()).as("the quick start is one public class").isTrue();
        assertThat(source).as("a complete file: no package, with imports").doesNotContain("package ")
                .contains("import ");
        List<String> csv = new ArrayList<>();
        Matcher files = Pattern.compile("\"([\\w-]+\\.csv)\"").matcher(source);
        while (files.find()) {
            csv.add(files.group(1));
        }
        assertThat(csv).as("the quick start names two CSV files: enroll the first, identify the second").hasSize(2);
        SyntheticCohort cohort = SyntheticCohort.of(3, 11).withSessions(2).withDurationSeconds(40);
        SeedCsvWriter.write(cohort.recording(1, 1).record(), dir.resolve(csv.get(0)));
        SeedCsvWriter.write(cohort.recording(1, 2).record(), dir.resolve(csv.get(1)));

        Path file = dir.resolve(cls.group(1) + ".java");
        Files.writeString(file, source);
        String classpath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-classpath", classpath, "-d", dir.toString(), file.toString());
        assertThat(rc).as("javac exit code").isZero();

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", dir + File.pathSeparator + classpath, cls.group(1))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the quick start ends").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("alice, score");
    }
}
