package io.github.ecgid.core;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** {@link EcgSource} over an in-memory record, optionally paced to a multiple of real time. */
final class RecordSource implements EcgSource {
    private final EcgRecord record;
    private final double speed;
    private int position;
    private long startNanos = -1;
    private boolean closed;

    RecordSource(EcgRecord record, double speed) {
        this.record = record;
        this.speed = speed;
    }

    @Override
    public double samplingRateHz() {
        return record.samplingRateHz();
    }

    @Override
    public List<String> leadNames() {
        return record.leadNames();
    }

    @Override
    public int read(double[][] destMv, int offset, int maxSamples) {
        if (closed) {
            throw new IllegalStateException("EcgSource over " + record.source() + " has been closed");
        }
        if (position >= record.length()) {
            return -1;
        }
        int n = Math.min(maxSamples, record.length() - position);
        if (speed > 0) {
            if (startNanos < 0) {
                startNanos = System.nanoTime();
            }
            // deliver no sample before its real-time moment
            long dueNanos = startNanos + (long) ((position + 1) / (record.samplingRateHz() * speed) * 1e9);
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            double elapsedSeconds = (System.nanoTime() - startNanos) / 1e9;
            int available = (int) Math.floor(elapsedSeconds * record.samplingRateHz() * speed) - position;
            n = Math.max(1, Math.min(n, available));
        }
        for (int lead = 0; lead < record.leadCount(); lead++) {
            record.copyLead(lead, position, destMv[lead], offset, n);
        }
        position += n;
        return n;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "EcgSource[replay of " + record.source() + (speed > 0 ? ", " + speed + "x real time" : "") + "]";
    }

}
