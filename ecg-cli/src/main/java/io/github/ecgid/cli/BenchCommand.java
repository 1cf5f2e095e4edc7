package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ecgid.cli.bench.BenchResult;
import io.github.ecgid.cli.bench.MachineBench;
import io.github.ecgid.core.EcgIoException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecgid bench [--seconds S] [--out DIR] [--json]}: measures ecgid on this machine ({@link MachineBench})
 * and writes {@code bench.json} and a one-page {@code bench.html} into {@code --out}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure ecgid on this machine on synthetic data: CPU and JVM, SIMD lanes, single-beat "
            + "latency per engine, batch throughput by threads, pipeline stage speeds and one training epoch, "
            + "against the 10 ms single-beat budget. Writes bench.json and bench.html (under a minute at the "
            + "default on 2 cores)."})
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "5", description = "measuring window of one single-beat latency "
            + "run; the other windows scale with it (default: ${DEFAULT-VALUE}; at most 15)")
    double seconds;

    @Option(names = "--out", defaultValue = ".", description = "folder for bench.json and bench.html "
            + "(default: the current folder)")
    Path out;

    @Option(names = "--json", description = "also print the JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0 && seconds <= 15)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be in (0, 15]");
        }
        PrintWriter err = spec.commandLine().getErr();
        BenchResult r = new MachineBench(seconds, line -> {
            err.println("bench: " + line);
            err.flush();
        }).run();
        String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r.toJson());
        Path jsonFile = out.resolve("bench.json");
        Path htmlFile = out.resolve("bench.html");
        try {
            Files.createDirectories(out);
            Files.writeString(jsonFile, text + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EcgIoException("cannot write " + jsonFile + ": " + e.getMessage(), e);
        }
        r.toPage().write(htmlFile);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(text);
        } else {
            for (BenchResult.Latency l : r.latency()) {
                o.printf(Locale.ROOT, "%-13s single beat p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  (%d calls)%n",
                        l.engine(), l.p50Us(), l.p99Us(), l.p999Us(), l.samples());
            }
            for (BenchResult.Throughput t : r.batch()) {
                o.printf(Locale.ROOT, "%-13s batch, %2d thread(s): %9.0f beats/s%n", t.engine(), t.threads(),
                        t.beatsPerSecond());
            }
            for (BenchResult.Stage s : r.stages()) {
                o.printf(Locale.ROOT, "%-22s %8.1f M samples/s  %8.2f us per beat%n", s.stage(),
                        s.msamplesPerSecond(), s.usPerBeat());
            }
            o.printf(Locale.ROOT, "training epoch: %.2f s (%d beats)%n", r.training().epochSeconds(),
                    r.training().trainingBeats());
            o.println("pure_java kernels: " + r.simd().kernels() + "; default engine (auto): " + r.autoEngine());
            o.printf(Locale.ROOT, "budget p99 <= %.1f ms: %s%n", r.budgetMs(), r.withinBudget() ? "OK" : "EXCEEDED");
            o.println("wrote " + jsonFile + " and " + htmlFile);
        }
        o.flush();
        return 0;
    }
}
