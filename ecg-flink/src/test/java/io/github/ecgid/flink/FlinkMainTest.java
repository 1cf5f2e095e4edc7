package io.github.ecgid.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSource;
import io.github.ecgid.core.io.PlainCsvWriter;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.MonitorDecision;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The runnable jar's entry point on a folder of CSV recordings, with an injected failure: it enrolls each
 * recording's person from its first half, streams the second half as a device, recovers, and writes exactly the
 * monitor's decisions.
 */
class FlinkMainTest {
    private static final int PERSONS = 3;
    private static final double FS = 250;

    @Test
    void runnerRecoversFromAnInjectedFailureAndWritesTheMonitorsDecisions(@TempDir Path dir) throws Exception {
        Path db = Files.createDirectory(dir.resolve("db"));
        for (int p = 1; p <= PERSONS; p++) {
            EcgRecord r = RecordRef.synthetic(PERSONS, 7, 1, 60, FS, p, 1).load();
            PlainCsvWriter.write(r, db.resolve(String.format(Locale.ROOT, "person-%d.csv", p)));
        }
        Path out = dir.resolve("decisions.jsonl");
        StringWriter stdout = new StringWriter();
        CommandLine cmd = new CommandLine(new FlinkMain());
        cmd.setOut(new PrintWriter(stdout));
        cmd.setErr(new PrintWriter(new StringWriter()));
        FailureInjection.rearm();
        // paced at 5x real time: the 30 s each device streams take 6 s, the failure comes 2.5 s in
        int rc = cmd.execute("--db", db.toString(), "--out", out.toString(), "--parallelism", "2",
                "--speed", "5", "--checkpoint-ms", "300", "--fail-after-seconds", "2.5");
        assertThat(rc).isZero();

        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(stdout.toString());
        assertThat(summary.get("devices").asInt()).isEqualTo(PERSONS);
        assertThat(summary.get("restarts").isInt()).isTrue();
        assertThat(summary.get("restarts").asInt()).isEqualTo(1);
        List<String> flink = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode d = json.readTree(line);
            flink.add(String.format(Locale.ROOT, "%s|%d|%s|%.6f|%s|%d", d.get("device").asText(),
                    d.get("window_end_sample").asLong(), d.get("person").asText(null), d.get("score").asDouble(),
                    d.get("too_noisy").asBoolean(), d.get("beats_used").asInt()));
        }
        assertThat(summary.get("windows").asInt()).isEqualTo(flink.size());

        // the monitor on the same halves, enrolled the same way
        Fleet fleet = Fleet.fromFolder(db, 300, EcgIdentifier.DEFAULT_BEATS_PER_DECISION, 50, 0);
        List<String> monitor = new ArrayList<>();
        try (EcgIdentifier id = fleet.enrollment().identifier(FS)) {
            for (DeviceStream d : fleet.devices()) {
                List<MonitorDecision> got = Collections.synchronizedList(new ArrayList<>());
                try (EcgSource src = EcgSource.replay(d.record().load()); var m = id.monitor(src, got::add)) {
                    assertThat(m.await(60, TimeUnit.SECONDS)).isTrue();
                }
                for (MonitorDecision m : got) {
                    monitor.add(String.format(Locale.ROOT, "%s|%d|%s|%.6f|%s|%d", d.deviceId(), m.endSample(),
                            m.identification().isUnknown() ? null : m.identification().personId(),
                            m.identification().score(), m.noisy(), m.beatsUsed()));
                }
            }
        }
        Collections.sort(flink);
        Collections.sort(monitor);
        assertThat(monitor).hasSizeGreaterThan(PERSONS * 2);
        assertThat(flink).as("every decision once, as the monitor made it").isEqualTo(monitor);
    }
}
