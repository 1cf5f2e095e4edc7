package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.Identification;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ecgid identify --model M.onnx [--templates people.ecgt] --input rec.hea [--json]}: who a recording
 * belongs to — among the enrolled people (open set, "unknown" below the threshold) or, without a store, among
 * the model's classes (closed set).
 */
@Command(name = "identify", mixinStandardHelpOptions = true,
        description = {"Identify the person a recording belongs to. With --templates: among the enrolled people "
                + "(open set): the best template's score (cosine, -1..1) under --threshold means unknown. Without: "
                + "among the classes the model was trained on (closed set, mean softmax probability).",
            "All usable beats of the recording (or of --start..--end; or its first --beats) enter one decision."})
final class IdentifyCommand implements Callable<Integer> {
    private static final int RANKING_SHOWN = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IdentifierOptions identifier;

    @Mixin
    RecordInput record;

    @Mixin
    DecisionOptions decision;

    @Option(names = "--gallery-norm", description = "rank the enrolled people by gallery-normalised score: each "
            + "cosine Z-normalised by how close the other enrolled people's templates come to that person (needs 3 "
            + "enrolled; the threshold still tests the winner's cosine, and the ranking's scores stay cosines)")
    boolean galleryNorm;

    @Option(names = "--json", description = "print JSON: {person, unknown, score, threshold, beats_used, mode, "
            + "ranking: [{person, score}]}")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        EcgRecord rec = record.read(cl);
        try (EcgIdentifier id = identifier.open(cl, rec, record.leadName(rec), true,
                b -> decision.applyTo(cl, b.galleryNormalization(galleryNorm)))) {
            Identification who = id.identify(rec, decision.maxBeats());
            PrintWriter out = cl.getOut();
            List<Identification.Candidate> top = who.ranking().subList(0,
                    Math.min(RANKING_SHOWN, who.ranking().size()));
            if (json) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("person", who.personId());
                j.put("unknown", who.isUnknown());
                j.put("score", top.isEmpty() ? null : top.get(0).score());
                j.put("threshold", who.threshold());
                j.put("beats_used", who.beatsUsed());
                j.put("mode", who.mode().name().toLowerCase(Locale.ROOT));
                j.put("too_noisy", who.tooNoisy());
                j.put("reason", who.quality().reason());
                j.put("beats_detected", who.quality().beatsDetected());
                List<Map<String, Object>> ranking = new ArrayList<>();
                for (Identification.Candidate c : top) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("person", c.personId());
                    m.put("score", c.score());
                    ranking.add(m);
                }
                j.put("ranking", ranking);
                out.println(new ObjectMapper().writeValueAsString(j));
            } else {
                out.println(describe(who, id));
                for (Identification.Candidate c : top) {
                    out.printf(Locale.ROOT, "  %-20s %.3f%n", c.personId(), c.score());
                }
            }
            out.flush();
        }
        return 0;
    }

    private static String describe(Identification who, EcgIdentifier id) {
        if (who.tooNoisy()) {
            return "nobody: " + who.quality().reason();
        }
        if (who.mode() == Identification.Mode.CLOSED_SET) {
            return String.format(Locale.ROOT, "%s (mean probability %.3f over %d beats; closed set of %d classes)",
                    who.personId(), who.score(), who.beatsUsed(), id.classLabels().size());
        }
        return who.isUnknown()
                ? String.format(Locale.ROOT, "unknown (best score %.3f < threshold %.3f over %d beats; %d enrolled)",
                        who.ranking().get(0).score(), who.threshold(), who.beatsUsed(), id.templates().size())
                : String.format(Locale.ROOT, "%s (score %.3f >= threshold %.3f over %d beats; %d enrolled)",
                        who.personId(), who.score(), who.threshold(), who.beatsUsed(), id.templates().size());
    }
}
