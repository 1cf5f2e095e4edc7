package io.github.ecgid.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * The progress bar of the long commands ({@code train}, {@code identify-eval}) on stderr: {@code [####....] text |
 * ETA 42 s}, the ETA from the elapsed time and the fraction done. When stderr is a terminal the bar is redrawn in
 * place; otherwise every update is a line of its own, as a log file wants it. Normal lines go through
 * {@link #line}, which ends a drawn bar's line first, so a log line never lands on the bar; on a terminal
 * {@link #onStderr} also ends the bar's line before anything else writes to {@code System.err} (library log
 * lines). Nothing goes to stdout.
 */
final class ProgressBar {
    static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanos;
    private final long start;
    /** A bar is drawn and the cursor stands at its end. */
    private boolean drawn;
    private int drawnLength;
    private boolean selfWriting;
    private PrintStream guarded;
    private PrintStream original;

    ProgressBar(PrintWriter err, boolean terminal, LongSupplier nanos) {
        this.err = err;
        this.terminal = terminal;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
    }

    /**
     * A bar on the command's stderr: redrawn in place when stderr is a terminal (as {@code train}'s bar always
     * was), a line an update otherwise.
     */
    static ProgressBar onStderr(PrintWriter err) {
        ProgressBar bar = new ProgressBar(err, System.console() != null, System::nanoTime);
        if (bar.terminal) {
            bar.guardSystemErr();
        }
        return bar;
    }

    /** The bar at {@code fraction} done (0 to 1), the ETA from the time since this bar was made. */
    void update(double fraction, String text) {
        update(fraction, (nanos.getAsLong() - start) / 1e9, text, "");
    }

    /** The bar at {@code fraction} done after {@code elapsedSeconds}; {@code suffix} follows the ETA. */
    synchronized void update(double fraction, double elapsedSeconds, String text, String suffix) {
        String s = render(fraction, elapsedSeconds, text) + suffix;
        selfWriting = true;
        try {
            if (terminal) {
                // pad over what a longer previous bar left on the line
                int pad = Math.max(0, drawnLength - s.length());
                err.print("\r" + s + " ".repeat(pad));
                drawn = true;
                drawnLength = s.length();
            } else {
                err.println(s);
            }
            err.flush();
        } finally {
            selfWriting = false;
        }
    }

    /** A normal line (a log line): on a line of its own, never on the bar's. */
    synchronized void line(String text) {
        selfWriting = true;
        try {
            endBarLine();
            err.println(text);
            err.flush();
        } finally {
            selfWriting = false;
        }
    }

    /** Ends the bar's line (once the work is done); System.err is as it was before {@link #onStderr}. */
    synchronized void finish() {
        endBarLineAndFlush();
        if (guarded != null && System.err == guarded) {
            System.setErr(original);
        }
        guarded = null;
    }

    private void endBarLineAndFlush() {
        selfWriting = true;
        try {
            endBarLine();
            err.flush();
        } finally {
            selfWriting = false;
        }
    }

    private void endBarLine() {
        if (drawn) {
            err.println();
            drawn = false;
            drawnLength = 0;
        }
    }

    /** {@code [####....] text | ETA 42 s}. */
    static String render(double fraction, double elapsedSeconds, String text) {
        double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(WIDTH * f);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + text + " | " + eta(f, elapsedSeconds);
    }

    /** The time left if the rest goes as fast as the part done: {@code ETA 42 s}, or {@code ETA ?} at the start. */
    static String eta(double fraction, double elapsedSeconds) {
        if (!(fraction > 0) || !(elapsedSeconds >= 0)) {
            return "ETA ?";
        }
        return String.format("ETA %.0f s", elapsedSeconds * (1 - Math.min(1, fraction)) / fraction);
    }

    /** Others' writes to System.err (library log lines) end a drawn bar's line first. */
    private void guardSystemErr() {
        original = System.err;
        PrintStream to = original;
        guarded = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                breakForOthers();
                to.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                breakForOthers();
                to.write(b, off, len);
            }

            @Override
            public void flush() {
                to.flush();
            }
        }, true);
        System.setErr(guarded);
    }

    private synchronized void breakForOthers() {
        if (!selfWriting && drawn) {
            endBarLineAndFlush();
        }
    }
}
