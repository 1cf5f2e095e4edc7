package io.github.ecgid.report;

import io.github.ecgid.core.EcgSource;
import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.nn.TrainingListener;
import io.github.ecgid.model.nn.TrainingOptions;
import io.github.ecgid.model.nn.TrainingSet;
import io.github.ecgid.model.train.IdentityTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's synthetic set-up, needing no data and no device: a small cohort of synthetic people, a small
 * network trained on one session of each at start-up (seconds on a laptop), and another session of one of them
 * replayed at real time. The identifier works closed-set over the cohort, so the dashboard should show
 * {@link #shownPersonId()}.
 *
 * <pre>{@code
 * try (DashboardDemo demo = DashboardDemo.synthetic(4, 42, TrainingListener.none());
 *      Dashboard d = Dashboard.builder(demo.source()).identifier(demo.identifier()).start()) {
 *     d.awaitEnd();
 * }
 * }</pre>
 */
public final class DashboardDemo implements AutoCloseable {
    private static final double FS = 250;

    private final EcgIdentifier identifier;
    private final EcgSource source;
    private final String shownPersonId;

    private DashboardDemo(EcgIdentifier identifier, EcgSource source, String shownPersonId) {
        this.identifier = identifier;
        this.source = source;
        this.shownPersonId = shownPersonId;
    }

    /**
     * Synthesises {@code persons} people (2..12), trains on 45 s of each, and replays a 5-minute second session
     * of person 2 at real time; decisions every 5 beats.
     */
    public static DashboardDemo synthetic(int persons, long seed, TrainingListener progress) {
        if (persons < 2 || persons > 12) {
            throw new IllegalArgumentException("persons must be in 2..12, got " + persons);
        }
        SyntheticCohort train = SyntheticCohort.of(persons, seed).withSessions(2).withDurationSeconds(45);
        BeatPipeline pipeline = new BeatPipeline(FS, 50, "pan-tompkins", true);
        List<float[]> beats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int p = 1; p <= persons; p++) {
            names.add(String.format(Locale.ROOT, "person-%02d", p));
            for (float[] b : pipeline.extract(train.recording(p, 1).record().lead(0)).beats()) {
                beats.add(b);
                labels.add(p - 1);
            }
        }
        TrainingSet data = TrainingSet.of(beats.toArray(new float[0][]), labels.stream().mapToInt(i -> i).toArray(),
                names);
        EcgIdentifier id = EcgIdentifier.builder().samplingRateHz(FS).powerLineHz(50).beatsPerDecision(5)
                .model(IdentityTrainer.builder().samplingRateHz(FS).powerLineHz(50).beatsPerDecision(5)
                        .options(TrainingOptions.builder().epochs(12).earlyStoppingPatience(0).seed(seed).build())
                        .listener(progress).build().train(data).model())
                .build();
        int shown = Math.min(2, persons);
        EcgSource src = EcgSource.replay(SyntheticCohort.of(persons, seed).withSessions(2).withDurationSeconds(300)
                .recording(shown, 2).record(), 1.0);
        return new DashboardDemo(id, src, names.get(shown - 1));
    }

    public EcgIdentifier identifier() {
        return identifier;
    }

    /** The paced replay; hand it to the dashboard, which then owns it. */
    public EcgSource source() {
        return source;
    }

    /** Who the replayed session belongs to. */
    public String shownPersonId() {
        return shownPersonId;
    }

    @Override
    public void close() {
        source.close();
        identifier.close();
    }
}
