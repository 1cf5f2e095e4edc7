package io.github.ecgid.model.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One person of an identity corpus, as beats ({@code [beat][175]}, z-scored) cut by one {@code BeatPipeline}.
 *
 * <p>{@code enrollment} is what an application would enroll them from (their first recording, or minutes 0-5
 * of a long one), {@code tests} their other recordings (or later minutes) to identify, {@code extra} beats that
 * only ever train a network (minutes between the enrollment and the test of a long recording), and {@code views}
 * other leads of the same recordings, keyed by lead name: a network may learn each as a class of its own.
 *
 * @param id         unique in the corpus, prefixed by the database, e.g. {@code "ecgiddb:Person_07"}
 * @param database   the database the person comes from, e.g. {@code "ludb"}
 * @param enrollment beats to enroll from
 * @param tests      recordings to identify, each its own list of beats; may be empty
 * @param extra      training-only beats; may be empty
 * @param views      other leads' beats by lead name; may be empty
 */
public record CorpusPerson(String id, String database, float[][] enrollment, List<float[][]> tests,
                           float[][] extra, Map<String, float[][]> views) {

    public CorpusPerson {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(enrollment, "enrollment");
        tests = List.copyOf(tests);
        Objects.requireNonNull(extra, "extra");
        views = Map.copyOf(views);
    }

    /** Enrollment, extra and test beats of the primary lead, in that order: what a network learns the person from. */
    public List<float[]> allBeats() {
        List<float[]> all = new ArrayList<>(Arrays.asList(enrollment));
        all.addAll(Arrays.asList(extra));
        for (float[][] t : tests) {
            all.addAll(Arrays.asList(t));
        }
        return all;
    }

    /** Test beats in all recordings. */
    public int testBeatCount() {
        return tests.stream().mapToInt(t -> t.length).sum();
    }

    @Override
    public String toString() {
        return "CorpusPerson[" + id + ", " + enrollment.length + " enrollment beats, " + tests.size()
                + " test recordings, " + extra.length + " extra beats, " + views.size() + " other leads]";
    }
}
