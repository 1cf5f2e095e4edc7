package io.github.ecgid.flink;

import io.github.ecgid.core.EcgException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.model.identify.EcgIdentifier;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar ecg-flink.jar --db DIR --out FILE [--parallelism P] [--fail-after-seconds S]}: enrolls every
 * person of a folder of recordings, replays every record as a device through the Flink job (an embedded
 * MiniCluster, or the cluster of {@code flink run}), writes one JSON line per decision and prints a summary JSON.
 * With {@code --kafka-bootstrap} the devices stream from Kafka instead (the folder still enrolls them, device id =
 * record name) and the job runs until cancelled.
 *
 * <p>Exit codes: 0 success, 1 the input or the job failed (one line says why), 2 bad usage (one line and where to
 * find the options, as {@code ecgid} does).
 */
@Command(name = "ecg-flink", mixinStandardHelpOptions = true, version = "ecg-flink 0.1.0-SNAPSHOT",
        description = "Continuous verification of a device fleet on Apache Flink: every record of --db is a device.")
public final class FlinkMain implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "DIR",
            description = "folder of WFDB records (with or without RECORDS, e.g. mitdb, ecgiddb) or CSV files")
    Path db;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "decisions, one JSON object a line")
    Path out;

    @Option(names = "--parallelism", paramLabel = "P", defaultValue = "2",
            description = "parallel verification tasks (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--fail-after-seconds", paramLabel = "S",
            description = "inject one task failure after S s, to show recovery from the last checkpoint")
    Double failAfterSeconds;

    @Option(names = "--enroll-seconds", paramLabel = "S", defaultValue = "300",
            description = "a person with one record enrolls from its first S s, at most half (default: ${DEFAULT-VALUE})")
    double enrollSeconds;

    @Option(names = "--max-records", paramLabel = "N", defaultValue = "0",
            description = "use only the first N records (default: all)")
    int maxRecords;

    @Option(names = "--beats", paramLabel = "K", defaultValue = "10",
            description = "beats per decision window (default: ${DEFAULT-VALUE})")
    int beats;

    @Option(names = "--power-line", paramLabel = "HZ", defaultValue = "50",
            description = "mains frequency to notch, 50 or 60 (default: ${DEFAULT-VALUE})")
    double powerLineHz;

    @Option(names = "--checkpoint-ms", paramLabel = "MS", defaultValue = "1000",
            description = "exactly-once checkpoint interval (default: ${DEFAULT-VALUE})")
    long checkpointMillis;

    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "where checkpoints go, e.g. file:///data/ckpt or s3://bucket/ckpt (default: a temporary"
                    + " folder in an embedded run, the cluster's setting under `flink run`)")
    String checkpointDir;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "0",
            description = "replay every device at X times real time (default 0: as fast as the job runs)")
    double speed;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT",
            description = "read chunks from Kafka instead of replaying --db (see KafkaChunks for the format)")
    String kafkaBootstrap;

    @Option(names = "--kafka-topic", paramLabel = "TOPIC", defaultValue = "ecg-chunks",
            description = "Kafka topic (default: ${DEFAULT-VALUE})")
    String kafkaTopic;

    @Option(names = "--kafka-group", paramLabel = "ID", defaultValue = "ecgid-flink",
            description = "Kafka consumer group (default: ${DEFAULT-VALUE})")
    String kafkaGroup;

    @Option(names = "--kafka-readers", paramLabel = "N", defaultValue = "1",
            description = "Kafka source readers, at most the topic's partitions (default: ${DEFAULT-VALUE})")
    int kafkaReaders;

    static final int EXIT_FAILED = 1;

    /** Exit codes the help lists. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    private static Map<String, String> exitCodes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("0", "success");
        m.put("1", "the input or the Flink job failed (one line says why)");
        m.put("2", "bad usage: an unknown or invalid option");
        return Collections.unmodifiableMap(m);
    }

    /** The inference engine an identifier gets in this JVM (as in the embedded cluster's tasks). */
    private String engine = "";

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // Flink's INFO chatter off
        }
        // the embedded cluster stops as soon as the job ends, before the client's collect fetcher asks for the job's
        // status; the fetcher then warns "data might be lost" and takes the last results from the job's final
        // accumulators, which is complete (FlinkMainTest compares every decision with the monitor's)
        quiet("org.apache.flink.streaming.api.operators.collect.CollectResultFetcher");
        quiet("org.apache.flink.streaming.api.operators.collect.CollectSinkOperatorCoordinator");
        quiet("org.apache.pekko.actor.CoordinatedShutdown"); // "Could not addJvmShutdownHook" as the JVM exits
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with ecgid's conventions: a failure prints one line and exits with {@value #EXIT_FAILED};
     * a usage error prints its message, any suggestion and where to find the options, not the whole usage, and
     * exits with 2; the help lists the exit codes.
     */
    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new FlinkMain());
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("ecg-flink: " + e.getMessage());
            c.getErr().flush();
            return EXIT_FAILED;
        });
        cmd.setParameterExceptionHandler(FlinkMain::usageError);
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        return cmd;
    }

    // the same one-line form as ecgid's EcgidCommand.usageError, written again: ecg-flink's job jar does not
    // depend on the CLI module (a deliberate copy of a few lines, issue 27)
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        err.println(name + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + name + " --help' for its options.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static void quiet(String logger) {
        String key = "org.slf4j.simpleLogger.log." + logger;
        if (System.getProperty(key) == null) {
            System.setProperty(key, "error");
        }
    }

    @Override
    public Integer call() throws Exception {
        if (parallelism < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parallelism must be >= 1, got "
                    + parallelism);
        }
        long planStart = System.nanoTime();
        Fleet fleet = Fleet.fromFolder(db, enrollSeconds, beats, powerLineHz, maxRecords);
        double planSeconds = (System.nanoTime() - planStart) / 1e9;
        PrintWriter err = spec.commandLine().getErr();
        fleet.skipped().forEach((p, why) -> err.println("not enrolled: " + p + ": " + why));
        RecordReplay replay = new RecordReplay(fleet.devices());
        double chunksPerSecond = 0;
        if (speed > 0) {
            double samplesPerSecond = 0;
            for (DeviceStream d : fleet.devices()) {
                samplesPerSecond += d.samplingRateHz() * speed;
            }
            chunksPerSecond = samplesPerSecond / RecordReplay.CHUNK_SAMPLES;
        }
        Source<EcgChunk, ?, ?> source = kafkaBootstrap != null
                ? KafkaChunks.source(kafkaBootstrap, kafkaTopic, kafkaGroup) : replay.source(chunksPerSecond);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Path tempCheckpoints = null;
        String checkpoints = checkpointDir;
        if (checkpoints == null && env instanceof LocalStreamEnvironment) {
            tempCheckpoints = Files.createTempDirectory("ecg-flink-checkpoints");
            checkpoints = tempCheckpoints.toUri().toString();
        }
        VerificationJob.configure(env, parallelism, Duration.ofMillis(checkpointMillis), checkpoints);
        FailureInjection failure = failAfterSeconds == null ? null : FailureInjection.afterSeconds(failAfterSeconds);
        int restartsBefore = ContinuousVerification.restartsSeen();
        err.printf(Locale.ROOT, "%d devices, %d people enrolled in %.1f s; running at parallelism %d%n",
                fleet.devices().size(), fleet.enrollment().templates().size(), planSeconds, parallelism);
        err.flush();
        long windows = 0;
        long accepted = 0;
        long noisy = 0;
        List<Double> latencies = new ArrayList<>();
        List<Double> delivered = new ArrayList<>();
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        long firstDecision = -1;
        CloseableIterator<WindowDecision> it = VerificationJob.decisions(env, source,
                kafkaBootstrap != null ? kafkaReaders : 1, fleet.enrollment(), failure).collectAsync();
        JobClient job = env.executeAsync("ecgid-flink");
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            while (it.hasNext()) {
                WindowDecision d = it.next();
                long now = System.nanoTime();
                if (firstDecision < 0) {
                    firstDecision = now;
                }
                delivered.add((now - d.completedAtNanos) / 1e6);
                w.write(d.toJson());
                w.newLine();
                windows++;
                accepted += d.accepted ? 1 : 0;
                noisy += d.tooNoisy ? 1 : 0;
                latencies.add(d.latencyMillis);
            }
        } catch (IOException e) {
            throw new io.github.ecgid.core.EcgIoException("Cannot write decisions to " + out + ": " + e.getMessage(), e);
        } finally {
            try {
                job.getJobExecutionResult().get(); // the job's failure, if it failed for good
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                throw new EcgException("The Flink job failed: " + root.getMessage() + " (the log above has the"
                        + " whole trace); decisions so far are in " + out, e);
            } finally {
                it.close();
                deleteQuietly(tempCheckpoints);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("devices", fleet.devices().size());
        summary.put("people_enrolled", fleet.enrollment().templates().size());
        summary.put("windows", windows);
        summary.put("accepted", accepted);
        summary.put("too_noisy", noisy);
        summary.put("parallelism", parallelism);
        summary.put("samples", replay.sampleCount());
        summary.put("job_seconds", round(seconds));
        summary.put("seconds_to_first_decision", round(firstDecision < 0 ? Double.NaN : (firstDecision - start) / 1e9));
        summary.put("decisions_per_second", round(windows / seconds));
        summary.put("samples_per_second", Math.round(replay.sampleCount() / seconds));
        // CPU time of the whole JVM (cluster, job and client) while the job ran: the cost on a shared machine
        summary.put("job_cpu_seconds", round(cpuSeconds));
        summary.put("samples_per_cpu_second", Math.round(replay.sampleCount() / cpuSeconds));
        summary.put("decision_latency_ms_p50", round(percentile(latencies, 50)));
        summary.put("decision_latency_ms_p99", round(percentile(latencies, 99)));
        // source and client share a clock only in an embedded run
        boolean embedded = env instanceof LocalStreamEnvironment;
        summary.put("delivered_latency_ms_p50", embedded ? round(percentile(delivered, 50)) : new RawJson("null"));
        summary.put("delivered_latency_ms_p99", embedded ? round(percentile(delivered, 99)) : new RawJson("null"));
        summary.put("state_bytes_per_device", new RawJson(stateBytes(fleet)));
        // counted where the tasks run: known in an embedded run only (under `flink run`, see the job's numRestarts)
        summary.put("restarts", embedded
                ? new RawJson(String.valueOf(ContinuousVerification.restartsSeen() - restartsBefore))
                : new RawJson("null"));
        summary.put("engine", engine);
        summary.put("out", out.toString());
        StringBuilder json = new StringBuilder("{");
        summary.forEach((k, v) -> json.append(json.length() == 1 ? "" : ",").append(Json.string(k)).append(':')
                .append(v instanceof String s ? Json.string(s) : v instanceof RawJson r ? r.json() : String.valueOf(v)));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(json.append('}'));
        stdout.flush();
        return 0;
    }

    /** Checkpointed bytes of one device's keyed state after a minute of its signal, per sampling rate. */
    private String stateBytes(Fleet fleet) throws IOException {
        Map<Double, Integer> bytes = new LinkedHashMap<>();
        for (DeviceStream d : fleet.devices()) {
            if (bytes.containsKey(d.samplingRateHz())) {
                continue;
            }
            EcgRecord r = d.record().load();
            try (EcgIdentifier id = fleet.enrollment().identifier(d.samplingRateHz())) {
                WindowCutter cutter = new WindowCutter(id);
                DeviceMonitorState s = cutter.newState();
                double[] x = r.lead(0);
                int n = (int) Math.min(x.length, 60 * d.samplingRateHz());
                for (int from = 0; from < n; from += RecordReplay.CHUNK_SAMPLES) {
                    int to = Math.min(n, from + RecordReplay.CHUNK_SAMPLES);
                    cutter.accept(s, new EcgChunk(d.deviceId(), from, d.samplingRateHz(),
                            Arrays.copyOfRange(x, from, to), System.nanoTime()), d.ownerId(), dec -> { });
                }
                bytes.put(d.samplingRateHz(), ContinuousVerification.serializedBytes(s));
                engine = id.engine().cliName();
            }
        }
        StringBuilder b = new StringBuilder("{");
        bytes.forEach((fs, n) -> b.append(b.length() == 1 ? "" : ",")
                .append(Json.string(String.format(Locale.ROOT, "%.0f_hz", fs))).append(':').append(n));
        return b.append('}').toString();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** A value already in JSON. */
    private record RawJson(String json) {
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * v.length); // nearest rank
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
