package io.github.ecgid.cli;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.core.io.EcgFiles;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The record a command reads: file, optional time range, lead and sampling rate (a picocli mixin). */
final class RecordInput {

    @Parameters(index = "0", arity = "0..1", paramLabel = "RECORD",
            description = "the record: WFDB header (.hea), seed CSV or plain CSV")
    Path input;

    /** The record's option before 0.1.0 (the other commands take it as their argument), hidden for one release. */
    @Option(names = "--input", paramLabel = "FILE", hidden = true)
    void inputAlias(Path file) {
        this.input = file;
    }

    @Option(names = "--lead", paramLabel = "NAME",
            description = "lead to use (default: MLII if present, else the first)")
    String lead;

    @Option(names = "--start", paramLabel = "S", defaultValue = "0",
            description = "use the record from this second on (default: ${DEFAULT-VALUE})")
    double startSeconds;

    @Option(names = "--end", paramLabel = "S", description = "use the record up to this second (default: its end)")
    Double endSeconds;

    @Option(names = "--fs", paramLabel = "HZ",
            description = "sampling rate of a CSV record without one (seed CSV default 250 Hz)")
    Double samplingRateHz;

    /** The option's name before 0.1.0, kept hidden for one release. */
    @Option(names = "--sampling-rate", paramLabel = "HZ", hidden = true)
    void samplingRateAlias(double hz) {
        this.samplingRateHz = hz;
    }

    /** Reads the record and cuts it to the requested range. */
    EcgRecord read(CommandLine cl) {
        if (input == null) {
            throw new CommandLine.ParameterException(cl, "Missing the record to read (a .hea, seed CSV or plain CSV "
                    + "file)");
        }
        EcgRecord rec = slice(cl, EcgFiles.read(input, samplingRateHz == null ? Double.NaN : samplingRateHz),
                startSeconds, endSeconds);
        leadName(rec);
        return rec;
    }

    /** The lead to use: {@code --lead}, else MLII when the record has it, else its first lead. */
    String leadName(EcgRecord rec) {
        return chooseLead(input, rec, lead);
    }

    /** {@code rec} from {@code startSeconds} to {@code endSeconds} (its end when null); the whole record for 0..null. */
    static EcgRecord slice(CommandLine cl, EcgRecord rec, double startSeconds, Double endSeconds) {
        if (startSeconds == 0 && endSeconds == null) {
            return rec;
        }
        double end = endSeconds == null ? rec.durationSeconds() : endSeconds;
        if (!(startSeconds >= 0) || !(end > startSeconds)) {
            throw new CommandLine.ParameterException(cl,
                    "--start and --end must satisfy 0 <= start < end, got " + startSeconds + " and " + end);
        }
        return rec.slice(startSeconds, end);
    }

    /** {@code lead} when the record has it (else an error naming the file), or MLII if present, or the first. */
    static String chooseLead(Path file, EcgRecord rec, String lead) {
        if (lead != null) {
            if (!rec.leadNames().contains(lead)) {
                throw new EcgSignalException(file + " has no lead '" + lead + "'; it has " + rec.leadNames());
            }
            return lead;
        }
        return rec.leadNames().contains("MLII") ? "MLII" : rec.leadNames().get(0);
    }
}
