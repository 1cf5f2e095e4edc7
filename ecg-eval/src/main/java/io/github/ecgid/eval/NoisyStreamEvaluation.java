package io.github.ecgid.eval;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSource;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.Monitor;
import io.github.ecgid.model.identify.MonitorDecision;
import io.github.ecgid.signal.eval.NoiseStress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Continuous identification of a noisy recording against a gallery enrolled on clean signal, the way an
 * application runs it: the recording is replayed through {@link EcgIdentifier#monitor} and every decision whose
 * window ends in one of the noise stress test's noisy segments ({@link NoiseStress#inNoisySegment}) is counted as
 * right (the person), wrong (anybody else), unknown (below the threshold) or refused as too noisy.
 *
 * <pre>{@code
 * Outcome o = NoisyStreamEvaluation.run(id, "118", "118", "ma", 0, noisyMv, 360);
 * o.wrongRate();   // share of decisions naming somebody else
 * }</pre>
 */
public final class NoisyStreamEvaluation {
    private static final long TIMEOUT_MINUTES = 30;

    private NoisyStreamEvaluation() {
    }

    /**
     * Decisions on one noisy recording.
     *
     * @param record   the clean record's name
     * @param noise    the noise added (e.g. {@code ma}, {@code bw}, {@code em} for a published record)
     * @param snrDb    its signal-to-noise ratio, dB
     * @param windows  decisions in noisy segments
     * @param right    decisions naming the recording's person
     * @param wrong    decisions naming somebody else
     * @param unknown  decisions below the threshold
     * @param tooNoisy windows refused as too noisy
     */
    public record Outcome(String record, String noise, double snrDb, long windows, long right, long wrong,
                          long unknown, long tooNoisy) {

        /** Share of decisions that named somebody else (0 without decisions). */
        public double wrongRate() {
            return share(wrong);
        }

        /** Share of decisions that named the person. */
        public double rightRate() {
            return share(right);
        }

        /** Share of decisions below the threshold. */
        public double unknownRate() {
            return share(unknown);
        }

        /** Share of windows refused as too noisy. */
        public double tooNoisyRate() {
            return share(tooNoisy);
        }

        private double share(long n) {
            return windows == 0 ? 0 : (double) n / windows;
        }

        /** The counts of both, under {@code name}. */
        public Outcome plus(Outcome o, String name) {
            return new Outcome(name, "", Double.NaN, windows + o.windows, right + o.right, wrong + o.wrong,
                    unknown + o.unknown, tooNoisy + o.tooNoisy);
        }
    }

    /**
     * Replays {@code noisyMv} through the identifier's monitor and counts its decisions in the noisy segments.
     *
     * @param id       an identifier with the gallery enrolled (the person among them)
     * @param personId who the recording belongs to
     */
    public static Outcome run(EcgIdentifier id, String personId, String record, String noise, double snrDb,
                              double[] noisyMv, double samplingRateHz) {
        Objects.requireNonNull(personId, "personId");
        List<MonitorDecision> decisions = new ArrayList<>();
        try (EcgSource src = EcgSource.replay(EcgRecord.of(samplingRateHz, "ECG", noisyMv));
             Monitor m = id.monitor(src, d -> {
                 synchronized (decisions) {
                     decisions.add(d);
                 }
             })) {
            if (!m.await(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the monitor did not finish " + record + " within "
                        + TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while identifying " + record, e);
        }
        long windows = 0;
        long right = 0;
        long wrong = 0;
        long unknown = 0;
        long tooNoisy = 0;
        synchronized (decisions) {
            for (MonitorDecision d : decisions) {
                if (!NoiseStress.inNoisySegment(d.endSample(), samplingRateHz)) {
                    continue;
                }
                windows++;
                if (d.noisy()) {
                    tooNoisy++;
                } else if (d.identification().isUnknown()) {
                    unknown++;
                } else if (d.identification().personId().equals(personId)) {
                    right++;
                } else {
                    wrong++;
                }
            }
        }
        return new Outcome(record, noise, snrDb, windows, right, wrong, unknown, tooNoisy);
    }
}
