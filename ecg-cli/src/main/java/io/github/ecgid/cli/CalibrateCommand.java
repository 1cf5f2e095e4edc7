package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.core.io.EcgFiles;
import io.github.ecgid.model.identify.EcgIdentifier;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@code ecgid calibrate --model M.onnx --templates people.ecgt --cohort a.hea b.hea ... [--far 0.01]}: the
 * open-set threshold that lets at most the given share of strangers' decisions in, measured on recordings of
 * people who are not enrolled ({@link EcgIdentifier#calibrateOnCohort}).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Find the open-set threshold for a template store: recordings of people who are NOT "
                + "enrolled (a cohort) are cut into decisions of --beats beats, each decision's best score against "
                + "the enrolled templates is what a stranger reaches, and the threshold lets at most --far of them "
                + "in. Pass it to identify and verify as --threshold, with the same --beats.",
            "The more cohort people and recordings, the better the estimate; use recordings like the ones you "
                + "will identify (device, lead, length)."})
final class CalibrateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IdentifierOptions identifier;

    @Option(names = "--cohort", required = true, arity = "1..*", paramLabel = "FILE",
            description = "recordings of people who are not enrolled (WFDB header, seed CSV or plain CSV)")
    List<Path> cohort;

    @Option(names = "--lead", paramLabel = "NAME",
            description = "lead to use (default: MLII if present, else the first)")
    String lead;

    @Option(names = "--fs", paramLabel = "HZ",
            description = "sampling rate of CSV recordings without one (seed CSV default 250 Hz)")
    Double samplingRateHz;

    /** The option's name before 0.1.0, kept hidden for one release. */
    @Option(names = "--sampling-rate", paramLabel = "HZ", hidden = true)
    void samplingRateAlias(double hz) {
        this.samplingRateHz = hz;
    }

    @Option(names = "--far", paramLabel = "P", defaultValue = "0.01",
            description = "false-accept rate to allow, 0..1 (default: ${DEFAULT-VALUE})")
    double far;

    @Option(names = "--beats", paramLabel = "K", defaultValue = "10",
            description = "beats per decision (default: ${DEFAULT-VALUE})")
    int beats;

    @Option(names = "--json", description = "print JSON: {threshold, target_far, beats_per_decision, "
            + "cohort_recordings, windows, combined_threshold (when enrolled people are model classes)}")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (identifier.templates == null) {
            throw new CommandLine.ParameterException(cl, "calibrate needs --templates FILE (the enrolled people)");
        }
        if (!(far >= 0 && far <= 1)) {
            throw new CommandLine.ParameterException(cl, "--far must be in [0, 1], got " + far);
        }
        if (beats < 1) {
            throw new CommandLine.ParameterException(cl, "--beats must be >= 1, got " + beats);
        }
        List<EcgRecord> records = new ArrayList<>();
        for (Path p : cohort) {
            records.add(EcgFiles.read(p, samplingRateHz == null ? Double.NaN : samplingRateHz));
        }
        double rateHz = records.get(0).samplingRateHz();
        for (int i = 1; i < records.size(); i++) {
            if (Math.abs(records.get(i).samplingRateHz() - rateHz) > 1e-9) {
                throw new EcgSignalException(cohort.get(i) + " is sampled at " + records.get(i).samplingRateHz()
                        + " Hz but " + cohort.get(0) + " at " + rateHz + " Hz; calibrate one sampling rate at a time");
            }
        }
        String leadName = RecordInput.chooseLead(cohort.get(0), records.get(0), lead);
        try (EcgIdentifier id = identifier.open(cl, rateHz, leadName, true, beats)) {
            List<float[][]> cohortBeats = new ArrayList<>();
            int windows = 0;
            for (int i = 0; i < records.size(); i++) {
                RecordInput.chooseLead(cohort.get(i), records.get(i), leadName); // every recording has that lead
                float[][] b = id.beats(records.get(i));
                cohortBeats.add(b);
                windows += b.length / beats;
            }
            if (windows == 0) {
                throw new EcgSignalException("the cohort has no recording with " + beats + " usable beats; give "
                        + "longer recordings or fewer --beats");
            }
            double threshold = id.calibrateOnCohort(cohortBeats, far);
            // enrolled people who are also the model's classes are verified by the combined score (EcgIdentifier.verify)
            long combined = id.combinedWeight() == 0 ? 0
                    : id.templates().stream().filter(t -> id.classLabels().contains(t.personId())).count();
            PrintWriter out = cl.getOut();
            if (json) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("threshold", threshold);
                j.put("target_far", far);
                j.put("beats_per_decision", beats);
                j.put("cohort_recordings", records.size());
                j.put("windows", windows);
                if (combined > 0) {
                    j.put("combined_threshold", id.combinedThreshold());
                }
                out.println(new ObjectMapper().writeValueAsString(j));
            } else {
                out.printf(Locale.ROOT, "threshold %.4f: lets at most %.1f %% of %d stranger decisions (%d beats "
                                + "each, %d recordings) in against %d enrolled; pass --threshold %.4f --beats %d "
                                + "to identify and verify%n", threshold, far * 100, windows, beats, records.size(),
                        id.templates().size(), threshold, beats);
                if (combined > 0) {
                    out.printf(Locale.ROOT, "%d enrolled %s also the model's classes: verify scores a claim on them by "
                                    + "template and class probability combined; for those claims pass --threshold %.4f%n",
                            combined, combined == 1 ? "person is" : "people are", id.combinedThreshold());
                }
                if (windows < 100) {
                    out.printf(Locale.ROOT, "note: %d decisions are few to estimate a false-accept rate of %.1f %%; add "
                            + "cohort recordings%n", windows, far * 100);
                }
            }
            out.flush();
        }
        return 0;
    }
}
