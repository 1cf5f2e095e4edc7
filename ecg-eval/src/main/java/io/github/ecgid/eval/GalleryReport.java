package io.github.ecgid.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link GalleryEvaluation} measured; every rate a fraction in [0, 1].
 *
 * @param dataset   the people's database, e.g. {@code "ecgiddb"}
 * @param protocol  how enrollment and test recordings were chosen, e.g. {@code "record-disjoint"}
 * @param persons   people identified (enrolled and with test recordings), over all galleries
 * @param galleries galleries pooled (person-disjoint folds; 1 for a single model)
 * @param testBeats beats in the test recordings
 * @param rank1     rank-1 accuracy by beats per decision
 * @param eer       verification equal error rate by beats per decision
 * @param frrAtFar01Pct single-beat false-reject rate at 0.1 % false accepts
 * @param openSet   the open-set check at the identifier's threshold
 * @param operatingPoints open-set thresholds that would let in at most a target share of the strangers, and
 *                  what they cost the genuine windows (what a calibration on these strangers would reach)
 * @param notes     how the run was made
 */
public record GalleryReport(String dataset, String protocol, int persons, int galleries, int testBeats,
                            Map<Integer, Double> rank1, Map<Integer, Double> eer, double frrAtFar01Pct,
                            OpenSet openSet, List<OperatingPoint> operatingPoints, List<String> notes) {

    public GalleryReport {
        operatingPoints = List.copyOf(operatingPoints);
        rank1 = Map.copyOf(rank1);
        eer = Map.copyOf(eer);
        notes = List.copyOf(notes);
    }

    /**
     * @param beatsPerDecision beats fused per decision
     * @param threshold        the identifiers' threshold (mean over galleries)
     * @param strangers        strangers presented
     * @param far              share of stranger windows accepted as somebody
     * @param frr              share of genuine windows not identified as their person
     * @param strangerWindows  stranger decisions made
     * @param genuineWindows   genuine decisions made
     */
    public record OpenSet(int beatsPerDecision, double threshold, int strangers, double far, double frr,
                          long strangerWindows, long genuineWindows) {
    }

    /**
     * @param targetFar      share of stranger windows a threshold may let in
     * @param threshold      the lowest threshold that does
     * @param far            the share it lets in
     * @param frr            share of genuine windows not identified as their person at that threshold
     */
    public record OperatingPoint(double targetFar, double threshold, double far, double frr) {
    }

    /** The single-beat EER, or NaN. */
    public double singleBeatEer() {
        return eer.getOrDefault(1, Double.NaN);
    }

    /** The report as JSON-ready maps, with the keys {@code ecgid identify-eval} prints. */
    public Map<String, Object> toJson() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("dataset", dataset);
        j.put("protocol", protocol);
        j.put("persons", persons);
        j.put("galleries", galleries);
        j.put("rank1", byBeats(rank1));
        j.put("eer", singleBeatEer());
        j.put("eer_by_beats", byBeats(eer));
        j.put("frr_at_far_0.1pct", frrAtFar01Pct);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("beats_per_decision", openSet.beatsPerDecision());
        o.put("threshold", openSet.threshold());
        o.put("strangers", openSet.strangers());
        o.put("far", openSet.far());
        o.put("frr", openSet.frr());
        o.put("stranger_windows", openSet.strangerWindows());
        o.put("genuine_windows", openSet.genuineWindows());
        j.put("open_set", o);
        List<Map<String, Object>> ops = new java.util.ArrayList<>();
        for (OperatingPoint p : operatingPoints) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target_far", p.targetFar());
            m.put("threshold", p.threshold());
            m.put("far", p.far());
            m.put("frr", p.frr());
            ops.add(m);
        }
        j.put("open_set_operating_points", ops);
        j.put("test_beats", testBeats);
        j.put("notes", notes);
        return j;
    }

    private static Map<String, Object> byBeats(Map<Integer, Double> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(Integer.toString(e.getKey()), e.getValue()));
        return out;
    }
}
