package io.github.ecgid.cli;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.io.EcgFiles;
import io.github.ecgid.report.EcgReport;
import io.github.ecgid.report.NarrativeClient;
import io.github.ecgid.report.NarrativeException;
import io.github.ecgid.report.RecordReport;
import io.github.ecgid.signal.detect.Detector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code ecgid report <record> [--out report.html] [--narrative]}: one recording to a self-contained HTML report
 * (summary and signal quality, signal with R-peaks, beats, HRV), with an opt-in AI narrative.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a self-contained HTML report of one recording (WFDB, seed CSV or plain CSV): summary "
                + "and signal quality, raw and cleaned signal with R-peaks, beat overlay, HRV.",
            "--narrative asks an OpenAI-compatible service (DeepSeek by default; key in DEEPSEEK_API_KEY or "
                + "ECGID_LLM_API_KEY) for a plain-language summary. Only aggregate numbers are sent (quality, HRV), "
                + "never samples or beats. Without --narrative nothing leaves the machine."})
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<record>", description = "WFDB record path or ECG CSV")
    Path record;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "report.html",
            description = "HTML file to write (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--narrative",
            description = "add an AI-written narrative (needs an API key; sends aggregates only)")
    boolean narrative;

    @Option(names = "--language", paramLabel = "NAME", defaultValue = "English",
            description = "language of the narrative (default: ${DEFAULT-VALUE})")
    String language;

    @Option(names = "--llm-base-url", paramLabel = "URL", defaultValue = NarrativeClient.DEFAULT_BASE_URL,
            description = "OpenAI-compatible API base URL (default: ${DEFAULT-VALUE})")
    String baseUrl;

    @Option(names = "--llm-model", paramLabel = "NAME", defaultValue = NarrativeClient.DEFAULT_MODEL,
            description = "model name (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--lead", paramLabel = "NAME", description = "lead to analyse (default: the first)")
    String lead;

    @Option(names = "--fs", paramLabel = "HZ", description = "sampling rate of a CSV record (seed CSV default 250 Hz)")
    Double samplingRateHz;

    @Option(names = "--detector", paramLabel = "NAME", defaultValue = "pan-tompkins",
            converter = DetectorConverter.class,
            description = "R-peak detector: pan-tompkins (default), hamilton or robust")
    Detector detector;

    @Option(names = "--power-line", paramLabel = "HZ", defaultValue = "50", converter = PowerLineConverter.class,
            description = "mains frequency to notch: 50 (default) or 60")
    double powerLineHz;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        EcgRecord rec = EcgFiles.read(record, samplingRateHz == null ? Double.NaN : samplingRateHz);
        err.printf(Locale.ROOT, "[report] %s: %d lead(s), %.1f s at %s Hz%n", rec.source(), rec.leadCount(),
                rec.durationSeconds(), rec.samplingRateHz());
        RecordReport analysis = RecordReport.analyze(rec, lead, detector, powerLineHz);
        err.printf(Locale.ROOT, "[report] %d R-peaks, %d beats pass the quality gate%n", analysis.peaks().count(),
                analysis.usableBeats());
        EcgReport.Builder b = analysis.reportBuilder();
        if (!narrative) {
            b.narrativeOff("The AI narrative is off (run ecgid report with --narrative and an API key in "
                    + "DEEPSEEK_API_KEY or ECGID_LLM_API_KEY to get one; only aggregate numbers are sent).");
        } else {
            Optional<String> key = NarrativeClient.keyFromEnvironment(System.getenv());
            if (key.isEmpty()) {
                err.println("[report] --narrative: neither DEEPSEEK_API_KEY nor ECGID_LLM_API_KEY is set; "
                        + "the report says the narrative is off");
                b.narrativeOff("The AI narrative is off: --narrative was given but no API key was set "
                        + "(DEEPSEEK_API_KEY or ECGID_LLM_API_KEY).");
            } else {
                NarrativeClient client = NarrativeClient.builder().apiKey(key.get()).baseUrl(baseUrl).model(model)
                        .language(language).build();
                err.printf(Locale.ROOT, "[report] asking %s (%s) for a narrative of %d aggregate numbers%n",
                        client.endpoint(), model, analysis.facts().size());
                err.flush();
                try {
                    b.narrative(client.write(analysis.facts()));
                } catch (NarrativeException e) {
                    err.println("[report] no narrative: " + e.getMessage());
                    b.narrativeOff("The AI narrative could not be written: " + e.getMessage());
                }
            }
        }
        b.build().write(out);
        PrintWriter o = spec.commandLine().getOut();
        o.println("Report: " + out.toAbsolutePath().normalize());
        o.flush();
        return 0;
    }
}
