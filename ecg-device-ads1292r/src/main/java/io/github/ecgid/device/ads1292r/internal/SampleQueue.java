package io.github.ecgid.device.ads1292r.internal;

import io.github.ecgid.device.ads1292r.OverflowPolicy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounded ring of two-lead samples between the port thread and one consumer. {@link #offer} never blocks: when full
 * it drops per the {@link OverflowPolicy} and counts. No allocation per sample.
 */
public final class SampleQueue {
    private final double[] ecg;
    private final double[] resp;
    private final OverflowPolicy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private int head;
    private int size;
    private long dropped;
    private boolean ended;

    public SampleQueue(int capacity, OverflowPolicy policy) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be >= 1, got " + capacity);
        }
        this.ecg = new double[capacity];
        this.resp = new double[capacity];
        this.policy = policy;
    }

    /** Adds a batch of samples; drops per policy when full. */
    public void offer(double[] ecgMv, double[] respMv, int count) {
        lock.lock();
        try {
            int cap = ecg.length;
            for (int i = 0; i < count; i++) {
                if (size == cap) {
                    dropped++;
                    if (policy == OverflowPolicy.DROP_NEWEST) {
                        continue;
                    }
                    head = (head + 1) % cap;
                    size--;
                }
                int tail = (head + size) % cap;
                ecg[tail] = ecgMv[i];
                resp[tail] = respMv[i];
                size++;
            }
            if (count > 0) {
                notEmpty.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to max samples into dest[0] (ECG) and dest[1] (respiration) from offset, waiting while empty.
     *
     * @return samples moved, or -1 when the queue has ended and is empty
     */
    public int take(double[][] dest, int offset, int max) throws InterruptedException {
        lock.lock();
        try {
            while (size == 0) {
                if (ended) {
                    return -1;
                }
                notEmpty.await(200, TimeUnit.MILLISECONDS);
            }
            int n = Math.min(max, size);
            int cap = ecg.length;
            for (int i = 0; i < n; i++) {
                dest[0][offset + i] = ecg[head];
                dest[1][offset + i] = resp[head];
                head = (head + 1) % cap;
            }
            size -= n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** No more samples will come: wakes waiting consumers; queued samples can still be taken. */
    public void end() {
        lock.lock();
        try {
            ended = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
