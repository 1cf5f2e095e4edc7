package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.model.nn.EpochMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The shared progress bar: fraction and elapsed time to ETA, and normal lines never on the bar's line. */
class ProgressBarTest {
    private static final String NL = System.lineSeparator();

    private final StringWriter text = new StringWriter();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private ProgressBar bar(boolean terminal) {
        return new ProgressBar(new PrintWriter(text), terminal, clock::get);
    }

    @Test
    void theEtaIsTheElapsedTimeScaledByWhatIsLeft() {
        assertThat(ProgressBar.eta(0.25, 30)).isEqualTo("ETA 90 s");
        assertThat(ProgressBar.eta(0.5, 10)).isEqualTo("ETA 10 s");
        assertThat(ProgressBar.eta(1, 10)).isEqualTo("ETA 0 s");
        assertThat(ProgressBar.eta(0, 10)).isEqualTo("ETA ?");
        assertThat(ProgressBar.eta(Double.NaN, 10)).isEqualTo("ETA ?");
    }

    @Test
    void theBarIsFilledByTheFractionDone() {
        assertThat(ProgressBar.render(0.25, 30, "epoch 1/4"))
                .isEqualTo("[" + "#".repeat(8) + ".".repeat(22) + "] epoch 1/4 | ETA 90 s");
        assertThat(ProgressBar.render(0, 0, "x")).isEqualTo("[" + ".".repeat(30) + "] x | ETA ?");
        assertThat(ProgressBar.render(1.5, 4, "x")).isEqualTo("[" + "#".repeat(30) + "] x | ETA 0 s");
    }

    @Test
    void theEtaComesFromTheTimeSinceTheBarWasMade() {
        ProgressBar b = bar(false);
        clock.addAndGet(20_000_000_000L); // 20 s later, 40 % done: 30 s to go
        b.update(0.4, "fold 1/5 epoch 2/5");
        assertThat(text.toString()).isEqualTo("[" + "#".repeat(12) + ".".repeat(18) + "] fold 1/5 epoch 2/5 | ETA 30 s"
                + NL);
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndALogLineStartsOnAFreshLine() {
        ProgressBar b = bar(true);
        b.update(0.5, 10, "epoch 5/10 a longer text", "");
        b.update(0.6, 12, "epoch 6/10", " *");
        b.line("fold 1/5 done");
        b.update(0.7, 14, "epoch 7/10", "");
        b.finish();
        String first = ProgressBar.render(0.5, 10, "epoch 5/10 a longer text");
        String second = ProgressBar.render(0.6, 12, "epoch 6/10") + " *";
        assertThat(text.toString()).isEqualTo("\r" + first + "\r" + second
                + " ".repeat(first.length() - second.length()) + NL + "fold 1/5 done" + NL + "\r"
                + ProgressBar.render(0.7, 14, "epoch 7/10") + NL);
        // the log line is a line of its own: nothing of a bar before it on its line
        assertThat(text.toString().split(NL)[1]).isEqualTo("fold 1/5 done");
    }

    @Test
    void offATerminalEveryUpdateIsALineAndFinishAddsNothing() {
        ProgressBar b = bar(false);
        b.update(0.5, 10, "epoch 1/2", "");
        b.line("log");
        b.finish();
        assertThat(text.toString()).isEqualTo(ProgressBar.render(0.5, 10, "epoch 1/2") + NL + "log" + NL);
    }

    @Test
    void aLineWithNoBarDrawnIsJustTheLine() {
        ProgressBar b = bar(true);
        b.line("12 people read");
        b.finish();
        assertThat(text.toString()).isEqualTo("12 people read" + NL);
    }

    @Test
    void theRecipeBarCountsFoldsTimesEpochs() {
        ProgressBar b = bar(false);
        ModelEvaluations.FoldEpochs l = new ModelEvaluations.FoldEpochs(b, 2);
        l.onEpoch(epoch(1, 4));
        l.onEpoch(epoch(2, 4)); // fold 1 stops early after 2 of 4 epochs
        l.onEpoch(epoch(1, 4));
        l.onEpoch(epoch(4, 4));
        String[] lines = text.toString().split(NL);
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("[" + "#".repeat(4) + ".").contains("fold 1/2 epoch 1/4");
        assertThat(lines[1]).startsWith("[" + "#".repeat(8) + ".").contains("fold 1/2 epoch 2/4");
        assertThat(lines[2]).startsWith("[" + "#".repeat(19) + ".").contains("fold 2/2 epoch 1/4");
        assertThat(lines[3]).startsWith("[" + "#".repeat(30) + "]").contains("fold 2/2 epoch 4/4")
                .endsWith("| ETA 0 s");
    }

    private static EpochMetrics epoch(int e, int max) {
        return new EpochMetrics(e, max, 1.0, 0.5, 1.1, 0.4, 1e-3, e, 0, false);
    }
}
