package io.github.ecgid.eval;

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
 * @param eerSoftmax       closed-set verification EER by beats fused, the score of a claim being the softmax
 *                         probability of the claimed person averaged over the beats (the origin's classifier
 *                         used as a verifier; it needs the person among the network's classes); empty when the
 *                         network was not trained on the people tested
 * @param eerCombined      verification EER by beats fused with the score {@code EcgIdentifier.verify} gives a person
 *                         who is both enrolled and a network class: the template cosine plus a weighted log of the
 *                         claimed class's mean softmax probability ({@code EcgIdentifier.combinedScore}); empty
 *                         when the network was not trained on the people tested or combining is off
 * @param perPerson        each person's results, in {@code classLabels} order (who the errors come from); empty
 *                         when not measured
 * @param rank1GalleryNorm rank-1 by beats fused when templates rank by gallery-normalised score
 *                         ({@code GalleryNorm}, {@code EcgIdentifier.Builder.galleryNormalization}); empty for
 *                         galleries under three people
 * @param eerGalleryNorm   verification EER by beats fused on those normalised scores
 */
public record IdentificationReport(String dataset, String protocol, int persons, int trainBeats, int testBeats,
                                   Map<Integer, Double> rank1, Map<Integer, Double> rank1Template, double eer, Map<Integer, Double> eerByBeats,
                                   double frrAtFar01Pct, ClassificationMetrics perBeat, List<String> classLabels,
                                   OpenSet openSet, double trainSeconds, List<String> notes,
                                   Map<Integer, Double> eerSoftmax,
                                   Map<Integer, Double> eerCombined, List<PersonResult> perPerson,
                                   Map<Integer, Double> rank1GalleryNorm, Map<Integer, Double> eerGalleryNorm) {

    public IdentificationReport {
        rank1 = Map.copyOf(rank1);
        rank1Template = Map.copyOf(rank1Template);
        eerByBeats = Map.copyOf(eerByBeats);
        classLabels = List.copyOf(classLabels);
        notes = List.copyOf(notes);
        eerSoftmax = Map.copyOf(eerSoftmax);
        eerCombined = Map.copyOf(eerCombined);
        perPerson = List.copyOf(perPerson);
        rank1GalleryNorm = Map.copyOf(rank1GalleryNorm);
        eerGalleryNorm = Map.copyOf(eerGalleryNorm);
    }

    /** A report of a protocol where the network was trained on the people it is tested on. */
    public IdentificationReport(String dataset, String protocol, int persons, int trainBeats, int testBeats,
                                Map<Integer, Double> rank1, Map<Integer, Double> rank1Template, double eer,
                                Map<Integer, Double> eerByBeats, double frrAtFar01Pct, ClassificationMetrics perBeat,
                                List<String> classLabels, OpenSet openSet, double trainSeconds, List<String> notes,
                                Map<Integer, Double> eerSoftmax) {
        this(dataset, protocol, persons, trainBeats, testBeats, rank1, rank1Template, eer, eerByBeats, frrAtFar01Pct,
                perBeat, classLabels, openSet, trainSeconds, notes, eerSoftmax, Map.of(), List.of(), Map.of(),
                Map.of());
    }

    /**
     * Open-set check: the first half of the people enrolled from their training beats, a threshold calibrated
     * for a 1 % false-accept rate on people who are not enrolled (closed-set protocols: the other half of the
     * strangers, in two runs), then test windows presented.
     *
     * @param enrolled          people enrolled
     * @param strangers         people presented who were never enrolled
     * @param beatsPerDecision  beats fused per presented window
     * @param threshold         calibrated cosine threshold (the mean over runs)
     * @param falseAcceptRate   share of strangers' windows accepted as somebody
     * @param falseRejectRate   share of enrolled people's windows not identified as themselves
     * @param strangerWindows   windows presented by strangers (over all runs)
     * @param genuineWindows    windows presented by enrolled people (over all runs)
     */
    public record OpenSet(int enrolled, int strangers, int beatsPerDecision, double threshold, double falseAcceptRate,
                          double falseRejectRate, int strangerWindows, int genuineWindows) {
    }

    /**
     * One person's results in a closed-set protocol, by beats fused per window.
     *
     * @param person         the person's label
     * @param windows        test windows of the person
     * @param rank1          share of them the softmax names the person (closed set)
     * @param rank1Template  share of them whose nearest template is the person's
     * @param frrAtEer       share of the person's single beats the template threshold at the EER rejects (the
     *                       people whose beats make the EER); NaN when single beats were not scored
     */
    public record PersonResult(String person, Map<Integer, Integer> windows, Map<Integer, Double> rank1,
                               Map<Integer, Double> rank1Template, double frrAtEer) {
        public PersonResult {
            windows = Map.copyOf(windows);
            rank1 = Map.copyOf(rank1);
            rank1Template = Map.copyOf(rank1Template);
        }
    }
}
