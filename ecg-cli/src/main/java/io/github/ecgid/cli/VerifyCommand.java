package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.Verification;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ecgid verify --model M.onnx --templates people.ecgt --claim alice --input rec.hea}: whether a recording
 * is the claimed person's. Exit code 0 when accepted, 3 when rejected, so scripts can branch on it.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a claimed identity: is this recording the claimed person's? Against the person's "
                + "template when they are enrolled in --templates (cosine score, --threshold; when they are also "
                + "one of the model's classes, the cosine plus "
                + EcgIdentifier.DEFAULT_COMBINED_WEIGHT + " times the log of their mean softmax "
                + "probability, mode combined), else, when they are one of the model's classes, by their mean "
                + "softmax probability (threshold 0.5).",
            "Exit code: 0 accepted, 3 rejected, 1 bad input, 2 bad usage."})
final class VerifyCommand implements Callable<Integer> {
    static final int EXIT_REJECTED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IdentifierOptions identifier;

    @Mixin
    RecordInput record;

    @Option(names = "--claim", required = true, paramLabel = "ID", description = "the claimed person")
    String claim;

    @Mixin
    DecisionOptions decision;

    @Option(names = "--json", description = "print JSON: {claim, accepted, score, threshold, beats_used, mode}")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        EcgRecord rec = record.read(cl);
        try (EcgIdentifier id = identifier.open(cl, rec, record.leadName(rec), true, b -> decision.applyTo(cl, b))) {
            Verification v = id.verify(claim, rec, decision.maxBeats());
            PrintWriter out = cl.getOut();
            if (json) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("claim", claim);
                j.put("accepted", v.accepted());
                j.put("score", v.score());
                j.put("threshold", v.threshold());
                j.put("beats_used", v.beatsUsed());
                j.put("mode", v.mode().name().toLowerCase(Locale.ROOT));
                j.put("too_noisy", v.tooNoisy());
                j.put("reason", v.quality().reason());
                j.put("beats_detected", v.quality().beatsDetected());
                out.println(new ObjectMapper().writeValueAsString(j));
            } else if (v.tooNoisy()) {
                out.printf(Locale.ROOT, "rejected: '%s' not scored, %s%n", claim, v.quality().reason());
            } else {
                out.printf(Locale.ROOT, "%s: '%s' (score %.3f %s threshold %.3f over %d beats, %s)%n",
                        v.accepted() ? "accepted" : "rejected", claim, v.score(), v.accepted() ? ">=" : "<",
                        v.threshold(), v.beatsUsed(),
                        switch (v.mode()) {
                            case OPEN_SET -> "enrolled template";
                            case COMBINED -> "enrolled template and model class combined";
                            case CLOSED_SET -> "model class, mean probability";
                        });
            }
            out.flush();
            return v.accepted() ? 0 : EXIT_REJECTED;
        }
    }
}
