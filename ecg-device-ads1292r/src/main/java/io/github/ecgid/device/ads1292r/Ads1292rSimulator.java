package io.github.ecgid.device.ads1292r;

import io.github.ecgid.core.EcgDeviceException;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.device.ads1292r.internal.ByteLink;
import io.github.ecgid.device.ads1292r.internal.SerialLink;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays a record into a serial port in an ADS1292R board's byte format, paced at the record's sampling rate times
 * a speed factor, for demos and tests without a board. Pair it with a virtual null-modem cable, e.g.
 * {@code socat -d -d pty,raw,echo=0,link=/tmp/ttyBoard pty,raw,echo=0,link=/tmp/ttyHost}: the simulator writes to
 * {@code /tmp/ttyBoard}, an {@link Ads1292rDevice} reads {@code /tmp/ttyHost}.
 *
 * <pre>{@code
 * try (Ads1292rSimulator sim = Ads1292rSimulator.builder("/tmp/ttyBoard").speed(1.0).open()) {
 *     sim.play(record);   // blocks for record.durationSeconds() / speed
 * }
 * }</pre>
 *
 * Not thread-safe, except {@link #close()}, which stops a running {@code play} early.
 */
public final class Ads1292rSimulator implements AutoCloseable {
    private static final int FRAMES_PER_WRITE = 64;
    /**
     * Time given to the other end to take the last bytes before the port is closed: closing a pseudo-terminal
     * discards what its peer has not read yet (seen with socat: the last ~1.5 kB of a burst went missing), and the OS
     * reports no pending count for it.
     */
    private static final long LINGER_NANOS = 250_000_000L;

    private final ByteLink link;
    private final Ads1292rProtocol protocol;
    private final AdcScale adcScale;
    private final double speed;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final byte[] chunk;
    private long framesWritten;
    private volatile long lastWriteNanos;
    private volatile boolean wrote;

    private Ads1292rSimulator(Builder b, ByteLink link) {
        this.link = link;
        this.protocol = b.protocol;
        this.adcScale = b.adcScale;
        this.speed = b.speed;
        this.chunk = new byte[FRAMES_PER_WRITE * protocol.frameBytes()];
    }

    /** Starts configuring a simulator writing to {@code portPath}. */
    public static Builder builder(String portPath) {
        return new Builder(Objects.requireNonNull(portPath, "portPath"));
    }

    /**
     * Plays a record: lead {@code "ECG"} (or lead 0) as the ECG channel and lead {@code "RESP"} (or zeros) as
     * respiration, converted to codes with the {@link AdcScale} (clipped to 24 bits), paced at the record's rate.
     *
     * @return frames written (fewer than the record's length if the simulator was closed meanwhile)
     */
    public long play(EcgRecord record) {
        int ecgLead = record.leadNames().contains("ECG") ? record.leadIndex("ECG") : 0;
        int respLead = record.leadNames().contains("RESP") ? record.leadIndex("RESP") : -1;
        int n = record.length();
        int[] ecg = new int[n];
        int[] resp = new int[n];
        double[] lead = record.lead(ecgLead);
        for (int i = 0; i < n; i++) {
            ecg[i] = adcScale.toCode(lead[i]);
        }
        if (respLead >= 0) {
            double[] r = record.lead(respLead);
            for (int i = 0; i < n; i++) {
                resp[i] = adcScale.toCode(r[i]);
            }
        }
        return playCodes(ecg, resp, 0, n, record.samplingRateHz());
    }

    /**
     * Plays raw 24-bit codes {@code [from, from + count)}, paced at {@code samplingRateHz} times the speed.
     *
     * @return frames written (fewer than count if the simulator was closed meanwhile)
     */
    public long playCodes(int[] ecgCodes, int[] respCodes, int from, int count, double samplingRateHz) {
        Objects.checkFromIndexSize(from, count, ecgCodes.length);
        Objects.checkFromIndexSize(from, count, respCodes.length);
        if (!(samplingRateHz > 0)) {
            throw new IllegalArgumentException("samplingRateHz must be > 0, got " + samplingRateHz);
        }
        ensureOpen();
        double framesPerNano = samplingRateHz * speed / 1e9;
        long t0 = System.nanoTime();
        int done = 0;
        int fb = protocol.frameBytes();
        while (done < count && !closed.get()) {
            long due = Double.isInfinite(speed) ? count
                    : (long) Math.floor((System.nanoTime() - t0) * framesPerNano) + 1;
            int k = (int) Math.min(Math.min(count - done, due - done), FRAMES_PER_WRITE);
            if (k <= 0) {
                long wake = t0 + (long) Math.ceil(done / framesPerNano);
                LockSupport.parkNanos(Math.max(wake - System.nanoTime(), 100_000L));
                continue;
            }
            for (int j = 0; j < k; j++) {
                protocol.encode(ecgCodes[from + done + j], respCodes[from + done + j], 0, chunk, j * fb);
            }
            writeLink(chunk, 0, k * fb);
            done += k;
            framesWritten += k;
        }
        return done;
    }

    /** Writes bytes as they are, e.g. garbage or a broken frame for fault injection. */
    public void writeRaw(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureOpen();
        writeLink(bytes, offset, length);
    }

    private void writeLink(byte[] b, int off, int len) {
        try {
            link.write(b, off, len);
            lastWriteNanos = System.nanoTime();
            wrote = true;
        } catch (EcgDeviceException e) {
            if (!closed.get()) {
                throw e;
            }
        }
    }

    /** Frames written so far by {@code play}/{@code playCodes}. */
    public long framesWritten() {
        return framesWritten;
    }

    /** The byte format written. */
    public Ads1292rProtocol protocol() {
        return protocol;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("simulator on " + link.path() + " has been closed");
        }
    }

    /**
     * Closes the port, after giving the reader up to 250 ms to take the last bytes written; a running {@code play}
     * stops after its current write. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (wrote) {
                long wait = lastWriteNanos + LINGER_NANOS - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            link.close();
        }
    }

    /** Options of an {@link Ads1292rSimulator}. */
    public static final class Builder {
        private final String portPath;
        private int baudRate = 115_200;
        private Ads1292rProtocol protocol = Ads1292rProtocol.PROTOCENTRAL;
        private AdcScale adcScale = AdcScale.ORIGIN;
        private double speed = 1.0;

        private Builder(String portPath) {
            this.portPath = portPath;
        }

        /** Serial speed (ignored by pseudo-terminals); default 115200. */
        public Builder baudRate(int baudRate) {
            if (baudRate <= 0) {
                throw new IllegalArgumentException("baudRate must be > 0, got " + baudRate);
            }
            this.baudRate = baudRate;
            return this;
        }

        /** Byte format; default {@link Ads1292rProtocol#PROTOCENTRAL}. */
        public Builder protocol(Ads1292rProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** mV to code conversion for {@link #play}; default {@link AdcScale#ORIGIN}. */
        public Builder adcScale(AdcScale adcScale) {
            this.adcScale = Objects.requireNonNull(adcScale, "adcScale");
            return this;
        }

        /** Multiple of real time (1.0 = the record's rate; {@code Double.POSITIVE_INFINITY} = unpaced). */
        public Builder speed(double speed) {
            if (!(speed > 0)) {
                throw new IllegalArgumentException("speed must be > 0, got " + speed);
            }
            this.speed = speed;
            return this;
        }

        /**
         * Opens the port.
         *
         * @throws EcgDeviceException when it cannot be opened
         */
        public Ads1292rSimulator open() {
            return new Ads1292rSimulator(this, SerialLink.open(portPath, baudRate));
        }
    }
}
