package io.github.ecgid.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSource;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.MonitorDecision;
import io.github.ecgid.model.identify.PersonTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Flink job on a MiniCluster against the single-JVM monitor, on synthetic ECG: a run with a task failure in
 * the middle gives the same decisions as a run without, and both the same as {@code EcgIdentifier.monitor}.
 */
class ExactlyOnceRecoveryTest {
    private static final int PERSONS = 4;
    private static final long SEED = 29;
    private static final double FS = 250;
    private static final double SECONDS = 60;
    private static final int K = EcgIdentifier.DEFAULT_BEATS_PER_DECISION;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static Enrollment enrollment;
    private static List<DeviceStream> devices;

    /** Person p enrolls from session 1 and wears device dev-p for session 2; dev-impostor is person 4 on 1's. */
    @BeforeAll
    static void enrollAndPlan() {
        List<PersonTemplate> templates = new ArrayList<>();
        Map<String, String> owners = new LinkedHashMap<>();
        devices = new ArrayList<>();
        try (EcgIdentifier id = Enrollment.builder(FS, K, 50).build()) {
            for (int p = 1; p <= PERSONS; p++) {
                String person = "person-" + p;
                EcgRecord enrol = RecordRef.synthetic(PERSONS, SEED, 2, SECONDS, FS, p, 1).load();
                templates.add(id.enroll(person, enrol));
                RecordRef wear = RecordRef.synthetic(PERSONS, SEED, 2, SECONDS, FS, p, 2);
                devices.add(new DeviceStream("dev-" + p, person, wear, FS, wear.load().length()));
                owners.put("dev-" + p, person);
            }
        }
        RecordRef stranger = RecordRef.synthetic(PERSONS, SEED, 2, SECONDS, FS, PERSONS, 2);
        devices.add(new DeviceStream("dev-impostor", "person-1", stranger, FS, stranger.load().length()));
        owners.put("dev-impostor", "person-1");
        enrollment = Enrollment.of(templates, owners, K, 50);
    }

    private static List<WindowDecision> runJob(FailureInjection failure, double chunksPerSecond) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        VerificationJob.configure(env, 2, Duration.ofMillis(100));
        RecordReplay replay = new RecordReplay(devices);
        List<WindowDecision> out = new ArrayList<>();
        CloseableIterator<WindowDecision> it = VerificationJob.decisions(env, replay.source(chunksPerSecond),
                enrollment, failure).executeAndCollect("ecgid-test");
        try {
            it.forEachRemaining(out::add);
        } finally {
            it.close();
        }
        return out;
    }

    /** The decisions of the library's own monitor, device by device, as decision keys without window start. */
    private static List<String> monitorDecisions() throws InterruptedException {
        List<String> keys = new ArrayList<>();
        try (EcgIdentifier id = enrollment.identifier(FS)) {
            for (DeviceStream d : devices) {
                List<MonitorDecision> got = Collections.synchronizedList(new ArrayList<>());
                try (EcgSource src = EcgSource.replay(d.record().load());
                     var monitor = id.monitor(src, got::add)) {
                    assertThat(monitor.await(60, TimeUnit.SECONDS)).isTrue();
                }
                for (MonitorDecision m : got) {
                    String person = m.identification().isUnknown() ? null : m.identification().personId();
                    keys.add(String.join("|", d.deviceId(), String.valueOf(m.endSample()), String.valueOf(person),
                            Double.toString(m.identification().score()), String.valueOf(m.noisy()),
                            String.valueOf(m.beatsUsed())));
                }
            }
        }
        return sorted(keys);
    }

    private static List<String> keysWithoutStart(List<WindowDecision> decisions) {
        List<String> keys = new ArrayList<>();
        decisions.forEach(d -> keys.add(String.join("|", d.deviceId, String.valueOf(d.windowEndSample),
                String.valueOf(d.personId), Double.toString(d.score), String.valueOf(d.tooNoisy),
                String.valueOf(d.beatsUsed))));
        return sorted(keys);
    }

    private static List<String> sorted(List<String> keys) {
        List<String> s = new ArrayList<>(keys);
        Collections.sort(s);
        return s;
    }

    private static List<String> fullKeys(List<WindowDecision> decisions) {
        List<String> keys = new ArrayList<>();
        decisions.forEach(d -> keys.add(d.key()));
        return sorted(keys);
    }

    @Test
    void decisionsAfterAnInjectedTaskFailureEqualAFailureFreeRunAndTheSingleJvmMonitor() throws Exception {
        List<WindowDecision> clean = runJob(null, 0);
        long restoredBefore = WindowCutter.restoredDetectors();
        int injectedBefore = FailureInjection.injected();
        FailureInjection.rearm();
        // paced so that checkpoints complete before the failure: the restart resumes from one, not from scratch
        long chunks = new RecordReplay(devices).chunkCount();
        List<WindowDecision> recovered = runJob(FailureInjection.afterChunks(chunks / 2), 250);

        assertThat(FailureInjection.injected()).as("failures injected").isEqualTo(injectedBefore + 1);
        assertThat(WindowCutter.restoredDetectors() - restoredBefore)
                .as("devices restored from a checkpoint's keyed state").isPositive();
        assertThat(clean).hasSizeGreaterThan(devices.size() * 3);
        assertThat(fullKeys(recovered)).as("same set, no duplicates, none missing").isEqualTo(fullKeys(clean));
        assertThat(keysWithoutStart(clean)).as("same as EcgIdentifier.monitor").isEqualTo(monitorDecisions());
    }

    @Test
    void ownersAreAcceptedAndTheImpostorIsNot() throws Exception {
        List<WindowDecision> decisions = runJob(null, 0);
        Map<String, long[]> acceptedOfDecided = new LinkedHashMap<>();
        for (WindowDecision d : decisions) {
            long[] c = acceptedOfDecided.computeIfAbsent(d.deviceId, x -> new long[2]);
            if (!d.tooNoisy) {
                c[1]++;
                c[0] += d.accepted ? 1 : 0;
            }
        }
        assertThat(acceptedOfDecided).containsOnlyKeys("dev-1", "dev-2", "dev-3", "dev-4", "dev-impostor");
        for (int p = 1; p <= PERSONS; p++) {
            long[] c = acceptedOfDecided.get("dev-" + p);
            assertThat(c[0]).as("accepted windows of dev-" + p).isGreaterThan(c[1] / 2);
        }
        assertThat(acceptedOfDecided.get("dev-impostor")[0]).as("impostor windows accepted").isZero();
    }
}
