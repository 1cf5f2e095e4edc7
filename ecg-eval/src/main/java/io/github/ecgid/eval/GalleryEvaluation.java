package io.github.ecgid.eval;

import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.Identification;
import io.github.ecgid.model.identify.VerificationMetrics;
import io.github.ecgid.model.train.CorpusPerson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Measures an identifier as an application uses it, without training: a gallery of people is enrolled from
 * their enrollment beats ({@link EcgIdentifier#enroll}), each of their test recordings is cut into windows of
 * {@code k} beats and identified ({@link EcgIdentifier#identify}), and strangers (people never enrolled) are
 * presented too. Every score comes from the identifier's own ranking, so the figures are the library's.
 *
 * <p>Results of several galleries (one per person-disjoint fold, each with its own identifier) are pooled by
 * calling {@link #add} once per gallery; {@link #report} summarises what was added.
 *
 * <ul>
 *   <li>rank-1 at {@code k} beats: the top of the ranking is the person (whether or not above the threshold);</li>
 *   <li>EER and FRR at 0.1 % FAR: every window's score against every enrolled template, genuine or impostor;</li>
 *   <li>open set at {@link #openSetBeats} beats and the identifier's own threshold: a genuine window is rejected
 *       unless the decision names its person; a stranger's window (their whole recording when it holds fewer
 *       beats) is falsely accepted when the decision names anybody.</li>
 * </ul>
 */
public final class GalleryEvaluation {
    private final int[] beatCounts;
    private final int openSetBeats;
    private final long[] right;
    private final long[] total;
    private final List<List<Double>> genuine = new ArrayList<>();
    private final List<List<Double>> impostor = new ArrayList<>();
    private int persons;
    private int strangers;
    private int galleries;
    private int testBeats;
    private long strangerWindows;
    private long strangerAccepted;
    private long genuineWindows;
    private long genuineRejected;
    private double thresholdSum;
    /** Open-set decisions: each genuine window's own-template score (NaN when somebody else ranks first). */
    private final List<Double> genuineOwn = new ArrayList<>();
    /** Each stranger window's best score. */
    private final List<Double> strangerBest = new ArrayList<>();

    /**
     * @param beatCounts   beats fused per decision, e.g. {@code 1, 5, 10}
     * @param openSetBeats beats per decision of the open-set check, e.g. 10
     */
    public GalleryEvaluation(int[] beatCounts, int openSetBeats) {
        for (int k : beatCounts) {
            if (k < 1) {
                throw new IllegalArgumentException("beat counts must be >= 1, got " + k);
            }
        }
        if (openSetBeats < 1) {
            throw new IllegalArgumentException("open-set beats must be >= 1, got " + openSetBeats);
        }
        this.beatCounts = beatCounts.clone();
        this.openSetBeats = openSetBeats;
        this.right = new long[beatCounts.length];
        this.total = new long[beatCounts.length];
        for (int i = 0; i < beatCounts.length; i++) {
            genuine.add(new ArrayList<>());
            impostor.add(new ArrayList<>());
        }
    }

    /**
     * Enrolls {@code gallery} into {@code id} (which must have nobody enrolled), identifies their test recordings
     * and the strangers' recordings, and adds the outcome. People without test recordings are enrolled as
     * distractors. Unenrolls everybody afterwards.
     */
    public void add(EcgIdentifier id, List<CorpusPerson> gallery, List<float[][]> strangerRecordings) {
        Objects.requireNonNull(id, "id");
        if (!id.templates().isEmpty()) {
            throw new IllegalStateException("the identifier must start with nobody enrolled");
        }
        List<CorpusPerson> enrolled = new ArrayList<>();
        for (CorpusPerson p : gallery) {
            if (p.enrollment().length >= 3) {
                id.enroll(p.id(), p.enrollment());
                enrolled.add(p);
            }
        }
        if (enrolled.size() < 2) {
            enrolled.forEach(p -> id.unenroll(p.id()));
            return;
        }
        galleries++;
        thresholdSum += id.threshold();
        for (CorpusPerson p : enrolled) {
            if (p.tests().isEmpty()) {
                continue;
            }
            persons++;
            for (float[][] rec : p.tests()) {
                testBeats += rec.length;
                for (int ki = 0; ki < beatCounts.length; ki++) {
                    int k = beatCounts[ki];
                    for (int start = 0; start + k <= rec.length; start += k) {
                        Identification who = id.identify(Arrays.copyOfRange(rec, start, start + k));
                        total[ki]++;
                        right[ki] += who.ranking().get(0).personId().equals(p.id()) ? 1 : 0;
                        for (Identification.Candidate c : who.ranking()) {
                            (c.personId().equals(p.id()) ? genuine : impostor).get(ki).add(c.score());
                        }
                    }
                }
                for (int start = 0; start + openSetBeats <= rec.length; start += openSetBeats) {
                    Identification who = id.identify(Arrays.copyOfRange(rec, start, start + openSetBeats));
                    genuineWindows++;
                    genuineRejected += who.person().map(p.id()::equals).orElse(false) ? 0 : 1;
                    boolean top = who.ranking().get(0).personId().equals(p.id());
                    genuineOwn.add(top ? who.score() : Double.NaN);
                }
            }
        }
        for (float[][] rec : strangerRecordings) {
            if (rec.length == 0) {
                continue;
            }
            strangers++;
            int k = Math.min(openSetBeats, rec.length);
            for (int start = 0; start + k <= rec.length; start += k) {
                strangerWindows++;
                Identification who = id.identify(Arrays.copyOfRange(rec, start, start + k));
                strangerAccepted += who.isUnknown() ? 0 : 1;
                strangerBest.add(who.score());
            }
        }
        enrolled.forEach(p -> id.unenroll(p.id()));
    }

    /** What was added so far. */
    public GalleryReport report(String dataset, String protocol, List<String> notes) {
        Map<Integer, Double> rank1 = new LinkedHashMap<>();
        Map<Integer, Double> eer = new LinkedHashMap<>();
        double frr = Double.NaN;
        for (int ki = 0; ki < beatCounts.length; ki++) {
            rank1.put(beatCounts[ki], total[ki] == 0 ? Double.NaN : (double) right[ki] / total[ki]);
            if (!genuine.get(ki).isEmpty() && !impostor.get(ki).isEmpty()) {
                VerificationMetrics vm = VerificationMetrics.of(toArray(genuine.get(ki)), toArray(impostor.get(ki)));
                eer.put(beatCounts[ki], vm.eer());
                if (beatCounts[ki] == 1) {
                    frr = vm.frrAtFar(0.001);
                }
            }
        }
        GalleryReport.OpenSet os = new GalleryReport.OpenSet(openSetBeats,
                galleries == 0 ? Double.NaN : thresholdSum / galleries, strangers,
                strangerWindows == 0 ? Double.NaN : (double) strangerAccepted / strangerWindows,
                genuineWindows == 0 ? Double.NaN : (double) genuineRejected / genuineWindows,
                strangerWindows, genuineWindows);
        return new GalleryReport(dataset, protocol, persons, galleries, testBeats, rank1, eer, frr, os,
                operatingPoints(), notes);
    }

    /**
     * Open-set operating points over the thresholds a calibration could pick: for the thresholds that let in at
     * most 1 % and 0.1 % of the stranger windows, that threshold and the share of genuine windows it loses.
     */
    private List<GalleryReport.OperatingPoint> operatingPoints() {
        List<GalleryReport.OperatingPoint> out = new ArrayList<>();
        if (strangerBest.isEmpty() || genuineOwn.isEmpty()) {
            return out;
        }
        double[] s = toArray(strangerBest);
        Arrays.sort(s);
        for (double far : new double[] {0.01, 0.001}) {
            int allowed = (int) Math.floor(far * s.length);
            // the smallest threshold above all but `allowed` stranger scores
            double t = Math.nextUp(s[s.length - 1 - allowed]);
            long lost = genuineOwn.stream().filter(g -> Double.isNaN(g) || g < t).count();
            out.add(new GalleryReport.OperatingPoint(far, t, (double) allowed / s.length,
                    (double) lost / genuineOwn.size()));
        }
        return out;
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
