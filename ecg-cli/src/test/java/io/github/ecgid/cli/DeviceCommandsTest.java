package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.io.SeedCsvOptions;
import io.github.ecgid.core.io.SeedCsvReader;
import io.github.ecgid.core.synth.Noise;
import io.github.ecgid.core.synth.PersonProfile;
import io.github.ecgid.core.synth.SyntheticEcg;
import io.github.ecgid.device.ads1292r.AdcScale;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DeviceCommandsTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        return run(new StringWriter(), args);
    }

    /** Runs with a caller-owned stderr buffer, so a test can watch a long-running command's progress. */
    static Run run(StringWriter err, String... args) {
        return run(new StringWriter(), err, args);
    }

    static Run run(StringWriter out, StringWriter err, String... args) {
        var cl = EcgidCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A socat pseudo-terminal pair with stable link paths; skips the test without socat. */
    static final class Cable implements AutoCloseable {
        final Path board;
        final Path host;
        final Process process;

        Cable(Path dir) throws Exception {
            boolean installed = false;
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                installed |= new File(d, "socat").canExecute();
            }
            assumeTrue(installed, "socat is not installed; pseudo-terminal CLI tests skipped");
            board = dir.resolve("ttyBoard");
            host = dir.resolve("ttyHost");
            process = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + board,
                    "pty,raw,echo=0,link=" + host).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null && !line.contains("starting data transfer loop")) {
                // wait until both PTYs exist
            }
            Thread drain = new Thread(() -> {
                try {
                    while (r.readLine() != null) {
                        // keep socat's stderr flowing
                    }
                } catch (java.io.IOException ignored) {
                    // socat ended
                }
            });
            drain.setDaemon(true);
            drain.start();
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Runs a command on its own thread (not the common pool, which has one worker on 2 cores). */
    static CompletableFuture<Run> inBackground(java.util.function.Supplier<Run> command) {
        CompletableFuture<Run> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(command.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "cli-under-test");
        t.setDaemon(true);
        t.start();
        return result;
    }

    static void awaitOutput(StringWriter w, String text) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!w.toString().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("command did not print '" + text + "': " + w);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void devicesListsPortsOrSaysThereAreNone() throws Exception {
        Run text = run("devices");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).isNotBlank();
        Run json = run("devices", "--json");
        assertThat(json.exit()).isZero();
        JsonNode ports = new ObjectMapper().readTree(json.out());
        assertThat(ports.isArray()).isTrue();
        if (ports.isEmpty()) {
            assertThat(text.out()).startsWith("no serial ports found");
        } else {
            assertThat(text.out()).contains(ports.get(0).get("path").asText());
        }
    }

    @Test
    void simulatedBoardRecordsToASeedCsvWithTheSimulatedCodes() throws Exception {
        Path csv = dir.resolve("rec.csv");
        try (Cable cable = new Cable(dir)) {
            StringWriter progress = new StringWriter();
            CompletableFuture<Run> record = inBackground(() -> run(progress, "record", "--port",
                    cable.host.toString(), "--out", csv.toString(), "--seconds", "3"));
            awaitOutput(progress, "recording "); // record has opened its end
            Run sim = run("simulate", "--port", cable.board.toString(), "--source", "synthetic", "--seconds", "4",
                    "--speed", "4", "--person", "3", "--seed", "9");
            assertThat(sim.exit()).as(sim.err()).isZero();
            assertThat(sim.out()).contains("played 1000 samples");
            Run rec = record.get(20, TimeUnit.SECONDS);
            assertThat(rec.exit()).as(rec.err()).isZero();
            assertThat(rec.out()).contains("recorded 750 samples").contains("corrupt frames 0");
        }
        EcgRecord expected = SyntheticEcg.builder().samplingRateHz(250).durationSeconds(4)
                .person(PersonProfile.of(3, 9)).sessionSeed(9).noise(Noise.none()).build().generate().record();
        double[] mv = expected.lead(0);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(751);
        assertThat(lines.get(0)).isEqualTo("timestamp, Channel 1, Channel 2, Channel 3");
        for (int i = 0; i < 750; i++) {
            assertThat(Integer.parseInt(lines.get(i + 1).split(",")[1])).isEqualTo(AdcScale.ORIGIN.toCode(mv[i]));
        }
        // the seed reader takes the live recording (timestamps are wall-clock, the simulator ran 4x fast)
        EcgRecord back = SeedCsvReader.read(csv, SeedCsvOptions.builder().checkTimestampRate(false).build());
        assertThat(back.length()).isEqualTo(750);
        assertThat(back.samplingRateHz()).isEqualTo(250);
    }

    @Test
    void streamPrintsOneStatusLinePerSecondWithoutSignalValues() throws Exception {
        try (Cable cable = new Cable(dir)) {
            StringWriter progress = new StringWriter();
            CompletableFuture<Run> stream = inBackground(() -> run(progress, "stream", "--port",
                    cable.host.toString(), "--seconds", "2"));
            awaitOutput(progress, "streaming ");
            Run sim = run("simulate", "--port", cable.board.toString(), "--source", "synthetic", "--seconds", "3");
            assertThat(sim.exit()).as(sim.err()).isZero();
            Run s = stream.get(20, TimeUnit.SECONDS);
            assertThat(s.exit()).as(s.err()).isZero();
            List<String> lines = s.out().lines().toList();
            assertThat(lines).hasSizeBetween(2, 4).allMatch(l -> l.matches(
                    "t=\\s*[0-9.]+ s  samples=\\d+  rate=[0-9.]+/s  ECG=\\[-?[0-9.]+, -?[0-9.]+\\] mV  leads-off=none"
                            + "  corrupt=0  dropped=0  reconnects=0"));
            assertThat(lines.get(lines.size() - 1)).contains("samples=500 ");
        }
    }

    @Test
    void streamIdentifiesTheSimulatedPersonOverThePseudoTerminal() throws Exception {
        Path model = dir.resolve("two.onnx");
        Run train = run("train", "--dataset", "synthetic", "--persons", "2", "--seconds", "30", "--epochs", "5",
                "--seed", "42", "--out", model.toString());
        assertThat(train.exit()).as(train.err()).isZero();
        try (Cable cable = new Cable(dir)) {
            StringWriter progress = new StringWriter();
            StringWriter lines = new StringWriter();
            CompletableFuture<Run> stream = inBackground(() -> run(lines, progress, "stream", "--port",
                    cable.host.toString(), "--seconds", "30", "--identify", "--model", model.toString()));
            awaitOutput(progress, "identifying on ");
            // a new session of person 2 of the training cohort, with noise, at 8x real time
            Run sim = run("simulate", "--port", cable.board.toString(), "--source", "synthetic", "--person", "2",
                    "--seed", "42", "--noise", "--seconds", "30", "--speed", "8");
            assertThat(sim.exit()).as(sim.err()).isZero();
            Run s;
            try {
                s = stream.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("stream did not end; out:\n" + lines + "\nerr:\n" + progress, e);
            }
            assertThat(s.exit()).as(s.err()).isZero();
            List<String> decisions = s.out().lines().filter(l -> l.contains("identity=")).toList();
            assertThat(decisions).hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(l -> l.contains("identity=person-2 "), "names person-2");
            assertThat(s.out()).contains("samples=7500 ").contains("decisions: " + decisions.size());
        }
    }

    @Test
    void identifyWithoutAModelIsAUsageError() {
        Run r = run("stream", "--port", "/dev/null", "--identify");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--identify needs --model");
    }

    @Test
    void recordNamesAPortThatCannotBeOpenedInAOneLineError() {
        String missing = dir.resolve("ttyNothing").toString();
        Run r = run("record", "--port", missing, "--out", dir.resolve("x.csv").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("ecgid: cannot open serial port " + missing).doesNotContain("\n");
        assertThat(dir.resolve("x.csv")).doesNotExist();
    }

    @Test
    void recordWithoutOutIsAUsageError() {
        assertThat(run("record", "--port", "/dev/null").exit()).isEqualTo(2);
    }

    @Test
    void simulateRejectsAnUnknownSource() {
        Run r = run("simulate", "--port", "/dev/null", "--source", "noise");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--source must be synthetic or file:PATH");
    }

    @Test
    void simulatePlaysAFileSourceIntoThePort() throws Exception {
        EcgRecord rec = SyntheticEcg.builder().samplingRateHz(250).durationSeconds(2).build().generate().record();
        Path seed = dir.resolve("seed.csv");
        io.github.ecgid.core.io.SeedCsvWriter.write(rec, seed);
        try (Cable cable = new Cable(dir)) {
            Run sim = run("simulate", "--port", cable.board.toString(), "--source", "file:" + seed, "--speed", "50");
            assertThat(sim.exit()).as(sim.err()).isZero();
            assertThat(sim.out()).contains("played 500 samples");
        }
    }
}
