package io.github.ecgid.report;

import io.github.ecgid.hrv.HrvReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The only thing a {@link NarrativeClient} sends: a handful of named aggregate numbers (signal quality, HRV
 * indices, model metrics). There is deliberately no way to put an array in it, so raw samples, beats and
 * templates cannot leave the machine; the number of values is capped at {@value #MAX_VALUES}. Names are
 * whitelisted, so that no free text (a lead or file name that holds a person's name) can ride along: quality
 * and model values take one of {@link #QUALITY_NAMES} and {@link #MODEL_NAMES}, HRV values a NeuroKit2-style
 * name ({@code HRV_} followed by letters, digits and underscores). The subject line stays on this machine: it is
 * not sent. Non-finite values are dropped.
 *
 * <pre>{@code
 * NarrativeFacts facts = NarrativeFacts.builder("Recording r01, 120 s at 250 Hz")
 *         .quality("Usable beats (fraction)", 0.97)
 *         .hrv(hrvReport)
 *         .metric("Identification accuracy", 0.985)
 *         .build();
 * }</pre>
 *
 * @param subject what the numbers describe, at most {@value #MAX_SUBJECT_CHARS} characters
 * @param quality recording and signal-quality numbers, by name
 * @param hrv     HRV indices, by name (e.g. {@code HRV_SDNN} in ms)
 * @param model   identification or verification metrics, by name
 */
public record NarrativeFacts(String subject, Map<String, Double> quality, Map<String, Double> hrv,
                             Map<String, Double> model) {
    /** Most values a narrative request may carry, over all groups. */
    public static final int MAX_VALUES = 96;
    /** Longest name of a value. */
    public static final int MAX_NAME_CHARS = 60;
    /** Longest subject line. */
    public static final int MAX_SUBJECT_CHARS = 200;
    /** The names a quality value may have. */
    public static final java.util.Set<String> QUALITY_NAMES = java.util.Set.of("Duration (s)",
            "Duration of the shown recording (s)", "Sampling rate (Hz)", "R-peaks detected", "Mean heart rate (bpm)",
            "Beats passing the quality gate (fraction)", "Usable beats (fraction)",
            "Amplitude range 1st-99th percentile (mV)", "Missing samples", "Detector notes");
    /** The names a model metric may have. */
    public static final java.util.Set<String> MODEL_NAMES = java.util.Set.of("Accuracy", "Precision (weighted)",
            "Recall (weighted)", "F1 (weighted)", "Specificity (mean)", "Verification EER", "Beats evaluated",
            "Identification accuracy", "People enrolled", "Rank-1 accuracy");
    private static final java.util.regex.Pattern HRV_NAME = java.util.regex.Pattern.compile(
            "HRV_[A-Za-z0-9]+(?:_[A-Za-z0-9]+){0,4}");

    public NarrativeFacts {
        Objects.requireNonNull(subject, "subject");
        if (subject.length() > MAX_SUBJECT_CHARS) {
            throw new IllegalArgumentException("subject longer than " + MAX_SUBJECT_CHARS + " characters");
        }
        quality = checked(quality, "quality", QUALITY_NAMES::contains);
        hrv = checked(hrv, "hrv", n -> HRV_NAME.matcher(n).matches());
        model = checked(model, "model", MODEL_NAMES::contains);
        int total = quality.size() + hrv.size() + model.size();
        if (total > MAX_VALUES) {
            throw new IllegalArgumentException("a narrative takes at most " + MAX_VALUES + " aggregate values, got "
                    + total);
        }
    }

    public static Builder builder(String subject) {
        return new Builder(subject);
    }

    /** Number of values over all groups. */
    public int size() {
        return quality.size() + hrv.size() + model.size();
    }

    private static Map<String, Double> checked(Map<String, Double> in, String group,
                                               java.util.function.Predicate<String> known) {
        Map<String, Double> out = new LinkedHashMap<>();
        Objects.requireNonNull(in, group).forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > MAX_NAME_CHARS) {
                throw new IllegalArgumentException(group + ": value names must be 1.." + MAX_NAME_CHARS
                        + " characters, got a name of " + (k == null ? 0 : k.length()));
            }
            if (!known.test(k)) {
                // the name itself is not echoed: it may be the free text this check keeps out
                throw new IllegalArgumentException(group + ": a value name of " + k.length() + " characters is not a "
                        + "known aggregate name; expected " + (group.equals("hrv") ? "HRV_<index>"
                        : "one of " + new java.util.TreeSet<>(group.equals("quality") ? QUALITY_NAMES : MODEL_NAMES)));
            }
            if (v != null && Double.isFinite(v)) {
                out.put(k, v);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** Collects the values; a name given twice in a group keeps the last value. */
    public static final class Builder {
        private final String subject;
        private final Map<String, Double> quality = new LinkedHashMap<>();
        private final Map<String, Double> hrv = new LinkedHashMap<>();
        private final Map<String, Double> model = new LinkedHashMap<>();

        private Builder(String subject) {
            this.subject = subject;
        }

        /** A recording or signal-quality number, e.g. duration in s, usable-beat fraction. */
        public Builder quality(String name, double value) {
            quality.put(name, value);
            return this;
        }

        /** One HRV index. */
        public Builder hrv(String name, double value) {
            hrv.put(name, value);
            return this;
        }

        /**
         * The usual HRV indices of a report (mean NN, SDNN, RMSSD, pNN50, LF, HF, LF/HF, SD1, SD2, sample
         * entropy, DFA α1), those that are finite; nothing for an empty report.
         */
        public Builder hrv(HrvReport report) {
            if (report.isEmpty()) {
                return this;
            }
            Map<String, Double> m = report.asMap();
            for (String k : new String[] {"HRV_MeanNN", "HRV_SDNN", "HRV_RMSSD", "HRV_pNN50", "HRV_LF", "HRV_HF",
                "HRV_LFHF", "HRV_SD1", "HRV_SD2", "HRV_SampEn", "HRV_DFA_alpha1"}) {
                Double v = m.get(k);
                if (v != null) {
                    hrv.put(k, v);
                }
            }
            return this;
        }

        /** A model or evaluation metric, e.g. accuracy, EER. */
        public Builder metric(String name, double value) {
            model.put(name, value);
            return this;
        }

        public NarrativeFacts build() {
            return new NarrativeFacts(subject, quality, hrv, model);
        }
    }
}
