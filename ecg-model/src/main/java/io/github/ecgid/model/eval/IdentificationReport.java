package io.github.ecgid.model.eval;

import java.util.List;
import java.util.Map;

/**
 * The outcome of an identification experiment ({@link IdentificationEvaluation}); every rate is a fraction
 * in [0, 1].
 *
 * @param dataset          data set name, e.g. {@code "mitdb"}
 * @param protocol         split protocol, e.g. {@code "time-split"}
 * @param persons          people in the closed set
 * @param trainBeats       beats the network was trained on
 * @param testBeats        beats it was tested on
 * @param rank1            closed-set rank-1 accuracy (softmax, the origin's mode) by beats fused per decision
 * @param rank1Template    rank-1 accuracy of the nearest enrolled template (cosine of embeddings) by beats fused
 * @param eer              equal error rate of template verification on single beats
 * @param eerByBeats       the same by beats fused per decision
 * @param frrAtFar01Pct    false-reject rate at 0.1 % false accepts, single beats
 * @param perBeat          the origin's table on single beats: accuracy, weighted P/R/F1, specificity, confusion
 * @param classLabels      row and column order of the confusion matrix
 * @param openSet          enrollment of half the people, the other half presented as strangers (null if too few)
 * @param trainSeconds     wall time of training
 * @param notes            caveats of this run (e.g. skipped records and why)
 */
public record IdentificationReport(String dataset, String protocol, int persons, int trainBeats, int testBeats,
                                   Map<Integer, Double> rank1, Map<Integer, Double> rank1Template, double eer, Map<Integer, Double> eerByBeats,
                                   double frrAtFar01Pct, ClassificationMetrics perBeat, List<String> classLabels,
                                   OpenSet openSet, double trainSeconds, List<String> notes) {

    public IdentificationReport {
        rank1 = Map.copyOf(rank1);
        rank1Template = Map.copyOf(rank1Template);
        eerByBeats = Map.copyOf(eerByBeats);
        classLabels = List.copyOf(classLabels);
        notes = List.copyOf(notes);
    }

    /**
     * Open-set check: the first half of the people enrolled from their training beats, the threshold calibrated
     * on them for a 1 % false-accept rate, then both halves' test windows presented.
     *
     * @param enrolled          people enrolled
     * @param strangers         people presented who were never enrolled
     * @param beatsPerDecision  beats fused per presented window
     * @param threshold         calibrated cosine threshold
     * @param falseAcceptRate   share of strangers' windows accepted as somebody
     * @param falseRejectRate   share of enrolled people's windows not identified as themselves
     * @param strangerWindows   windows presented by strangers
     * @param genuineWindows    windows presented by enrolled people
     */
    public record OpenSet(int enrolled, int strangers, int beatsPerDecision, double threshold, double falseAcceptRate,
                          double falseRejectRate, int strangerWindows, int genuineWindows) {
    }
}
