package io.github.ecgid.device.ads1292r;

import io.github.ecgid.core.EcgIoException;
import io.github.ecgid.core.EcgDeviceException;
import io.github.ecgid.core.EcgSource;
import io.github.ecgid.device.ads1292r.internal.ByteLink;
import io.github.ecgid.device.ads1292r.internal.CsvRecorder;
import io.github.ecgid.device.ads1292r.internal.SampleQueue;
import io.github.ecgid.device.ads1292r.internal.SerialLink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live ADS1292R board on a serial port, as an {@link EcgSource} with leads {@code "ECG"} and {@code "RESP"} in mV.
 *
 * <p>A reader thread owns the port: it decodes frames ({@link FrameDecoder}), converts codes with an
 * {@link AdcScale} ({@code mV = code * 2 * Vref * 1000 / (gain * 2^24)}, no mean subtraction), optionally writes
 * the origin's CSV, calls the {@link Ads1292rListener}, and offers the samples to a bounded queue that
 * {@link #read} drains. The port thread never waits for the consumer: when the queue is full it drops per
 * {@link OverflowPolicy} and counts ({@link DeviceStats#samplesDropped()}).
 *
 * <p><b>Recording and flushing.</b> Per chunk read from the port, the CSV rows of all decoded samples are written and
 * flushed to the OS <em>before</em> any of those samples reaches the listener or the queue. So a crash of this JVM or
 * an unplugged board never loses a sample that a listener or {@code read} has seen (an OS crash or power loss can
 * still lose what the OS had not written to disk). If writing fails, the samples are not delivered and the device
 * fails: {@code read} throws {@link EcgDeviceException}.
 *
 * <p><b>Reconnecting.</b> When the port is lost (read error, unplugged USB adapter), the bytes of the incomplete
 * frame are discarded (counted), and the device reopens the path given by the port supplier with exponential
 * back-off (default 100 ms doubling to 2 s) until it succeeds or is closed. Sample indices continue without gaps.
 * With reconnecting off, {@code read} drains the queue and then throws {@link EcgDeviceException}.
 *
 * <pre>{@code
 * try (Ads1292rDevice dev = Ads1292rDevice.builder("/dev/ttyUSB0").recordTo(Path.of("rec.csv")).open()) {
 *     double[][] buf = new double[2][250];
 *     int n = dev.read(buf, 0, 250);   // blocks until samples arrive
 * }
 * }</pre>
 *
 * <p>{@link #read} is for one consumer thread; {@link #stats()} and {@link #close()} may be called from any thread.
 * Closing is idempotent; {@code read} after close throws {@link IllegalStateException}, a {@code read} blocked while
 * another thread closes returns -1.
 */
public final class Ads1292rDevice implements EcgSource {
    private static final Logger log = LoggerFactory.getLogger(Ads1292rDevice.class);
    private static final List<String> LEADS = List.of("ECG", "RESP");
    private static final int READ_CHUNK = 4096;

    private final Supplier<String> portPath;
    private final int baudRate;
    private final Ads1292rProtocol protocol;
    private final double samplingRateHz;
    private final double mvPerCount;
    private final boolean reconnect;
    private final long backoffInitialNanos;
    private final long backoffMaxNanos;
    private final Ads1292rListener listener;
    private final long sampleLimit;
    /** System.nanoTime() at which the stream ends whatever the port sends; Long.MAX_VALUE: no limit. */
    private final long deadlineNanos;
    private final long timeLimitNanos;
    private final SampleQueue queue;
    private final CsvRecorder recorder;
    private final FrameDecoder decoder;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();

    // written by the port thread only
    private ByteLink link;
    private final int[] ecgCodes;
    private final int[] respCodes;
    private final int[] leadOff;
    private final double[] ecgMv;
    private final double[] respMv;
    private int batch;
    private long nextIndex;
    private int lastLeadOff;
    private boolean finished;
    private final FrameListener collector = this::collect;

    // published to other threads
    private volatile DecoderStats decoderStats;
    private volatile long delivered;
    private volatile int reconnects;
    private volatile boolean connected;
    private volatile EcgDeviceException failure;

    private Ads1292rDevice(Builder b, ByteLink first, CsvRecorder recorder) {
        this.portPath = b.portPath;
        this.baudRate = b.baudRate;
        this.protocol = b.protocol;
        this.samplingRateHz = b.samplingRateHz;
        this.mvPerCount = b.adcScale.mvPerCount();
        this.reconnect = b.reconnect;
        this.backoffInitialNanos = b.backoffInitial.toNanos();
        this.backoffMaxNanos = b.backoffMax.toNanos();
        this.listener = b.listener;
        this.sampleLimit = b.sampleLimit;
        this.timeLimitNanos = b.timeLimit == null ? Long.MAX_VALUE : b.timeLimit.toNanos();
        this.deadlineNanos = b.timeLimit == null ? Long.MAX_VALUE : System.nanoTime() + timeLimitNanos;
        int capacity = b.queueCapacity > 0 ? b.queueCapacity : (int) Math.ceil(30 * samplingRateHz);
        this.queue = new SampleQueue(capacity, b.overflowPolicy);
        this.recorder = recorder;
        this.decoder = protocol.newDecoder();
        this.decoderStats = decoder.stats();
        int maxBatch = READ_CHUNK / protocol.frameBytes() + 4;
        this.ecgCodes = new int[maxBatch];
        this.respCodes = new int[maxBatch];
        this.leadOff = new int[maxBatch];
        this.ecgMv = new double[maxBatch];
        this.respMv = new double[maxBatch];
        this.link = first;
        this.connected = true;
        this.thread = new Thread(this::runPortThread, "ads1292r-" + first.path());
        this.thread.setDaemon(true);
    }

    /** Starts configuring a device on a fixed port path, e.g. {@code /dev/ttyUSB0}, {@code COM3}. */
    public static Builder builder(String portPath) {
        Objects.requireNonNull(portPath, "portPath");
        return new Builder(() -> portPath);
    }

    /**
     * Starts configuring a device whose path is asked anew at every (re)connection, for ports that change name when
     * replugged.
     */
    public static Builder builder(Supplier<String> portPath) {
        return new Builder(Objects.requireNonNull(portPath, "portPath"));
    }

    /** The serial ports the OS lists (USB adapters, COM ports; pseudo-terminals open by path but are not listed). */
    public static List<PortInfo> listPorts() {
        return SerialLink.list();
    }

    @Override
    public double samplingRateHz() {
        return samplingRateHz;
    }

    @Override
    public List<String> leadNames() {
        return LEADS;
    }

    /**
     * Blocks until at least one sample is queued, then moves up to {@code maxSamples} into {@code destMv[0]} (ECG)
     * and {@code destMv[1]} (respiration) from {@code offset}.
     *
     * @return samples read, or -1 at the end: the {@link Builder#stopAfterSamples} limit was reached and drained,
     *         or another thread closed the device while this call waited
     * @throws EcgDeviceException    when the port is lost with reconnecting off, or recording failed
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public int read(double[][] destMv, int offset, int maxSamples) {
        if (closed.get()) {
            throw new IllegalStateException(this + " has been closed");
        }
        if (destMv.length < 2) {
            throw new IllegalArgumentException("destMv needs 2 leads (ECG, RESP), got " + destMv.length);
        }
        if (maxSamples < 1) {
            throw new IllegalArgumentException("maxSamples must be >= 1, got " + maxSamples);
        }
        Objects.checkFromIndexSize(offset, maxSamples, destMv[0].length);
        Objects.checkFromIndexSize(offset, maxSamples, destMv[1].length);
        int n;
        try {
            n = queue.take(destMv, offset, maxSamples);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EcgDeviceException("interrupted while waiting for samples from " + this, e);
        }
        if (n < 0) {
            EcgDeviceException f = failure;
            if (f != null && !closed.get()) {
                throw new EcgDeviceException(f.getMessage(), f);
            }
        }
        return n;
    }

    /** A snapshot of the counters; callable from any thread. */
    public DeviceStats stats() {
        return new DeviceStats(decoderStats, delivered, queue.dropped(), reconnects, connected);
    }

    /** The protocol this device decodes. */
    public Ads1292rProtocol protocol() {
        return protocol;
    }

    /** Stops the port thread, closes the port and the recording (flushed); idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LockSupport.unpark(thread);
        if (Thread.currentThread() == thread) {
            return; // closed from a listener: the port thread ends after this callback
        }
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("port thread of {} did not stop within 3 s", this);
        }
        queue.end();
    }

    @Override
    public String toString() {
        return "Ads1292rDevice[" + portPath.get() + ", " + protocol + ", " + baudRate + " baud]";
    }

    private void runPortThread() {
        byte[] buf = new byte[READ_CHUNK];
        try {
            while (!closed.get() && failure == null && !finished) {
                if (timeIsUp()) {
                    finished = true;
                    log.info("{} reached its time limit of {} ms after {} samples", this, timeLimitNanos / 1_000_000,
                            delivered);
                    break;
                }
                int n = link.read(buf, 0, buf.length);
                if (n > 0) {
                    batch = 0;
                    decoder.feed(buf, 0, n, collector);
                    deliverBatch();
                } else if (n < 0 && !closed.get()) {
                    lost("the port reported an error (unplugged?)");
                }
            }
        } catch (RuntimeException | Error e) {
            failure = new EcgDeviceException("port thread of " + this + " failed: " + e, e);
            log.error("port thread of {} failed", this, e);
        } finally {
            if (link != null) {
                link.close();
                link = null;
            }
            connected = false;
            if (recorder != null) {
                try {
                    recorder.close();
                } catch (IOException e) {
                    failure = new EcgDeviceException("closing recording " + recorder.file() + " failed: " + e, e);
                }
            }
            decoderStats = decoder.stats();
            queue.end();
        }
    }

    private boolean timeIsUp() {
        return deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0;
    }

    private void collect(int ecgCode, int respCode, int leadOffBits) {
        ecgCodes[batch] = ecgCode;
        respCodes[batch] = respCode;
        leadOff[batch] = leadOffBits;
        batch++;
    }

    private void deliverBatch() {
        int n = (int) Math.min(batch, sampleLimit - nextIndex);
        if (n == 0) {
            decoderStats = decoder.stats();
            return;
        }
        if (recorder != null) {
            long now = System.currentTimeMillis() / 1000;
            for (int i = 0; i < n; i++) {
                recorder.append(now, ecgCodes[i], respCodes[i], leadOff[i]);
            }
            try {
                recorder.flush();
            } catch (IOException e) {
                failure = new EcgDeviceException("recording to " + recorder.file() + " failed: " + e.getMessage()
                        + "; " + n + " samples not delivered", e);
                return;
            }
        }
        for (int i = 0; i < n; i++) {
            ecgMv[i] = ecgCodes[i] * mvPerCount;
            respMv[i] = respCodes[i] * mvPerCount;
            long index = nextIndex++;
            try {
                if (leadOff[i] != lastLeadOff) {
                    listener.onLeadOff(new LeadOffEvent(index, leadOff[i], lastLeadOff));
                    lastLeadOff = leadOff[i];
                }
                listener.onSample(index, ecgMv[i], respMv[i]);
            } catch (RuntimeException e) {
                log.warn("listener of {} threw {}; ignored", this, e.toString());
            }
        }
        queue.offer(ecgMv, respMv, n);
        delivered += n;
        decoderStats = decoder.stats();
        if (nextIndex >= sampleLimit) {
            finished = true;
            log.info("{} reached its limit of {} samples", this, sampleLimit);
        }
    }

    private void lost(String reason) {
        String path = link.path();
        link.close();
        link = null;
        connected = false;
        decoder.discardPending();
        decoderStats = decoder.stats();
        log.warn("lost serial port {}: {}", path, reason);
        notifyListener(() -> listener.onDisconnected(path, reason));
        if (!reconnect) {
            failure = new EcgDeviceException("lost serial port " + path + ": " + reason + "; reconnecting is off");
            return;
        }
        long delay = backoffInitialNanos;
        while (!closed.get()) {
            long until = System.nanoTime() + delay;
            while (!closed.get() && !timeIsUp() && System.nanoTime() < until) {
                LockSupport.parkNanos(Math.min(until - System.nanoTime(), 50_000_000L));
            }
            if (closed.get() || timeIsUp()) {
                return; // the port thread's loop ends the stream on the time limit
            }
            String next = portPath.get();
            try {
                link = SerialLink.open(next, baudRate);
            } catch (EcgDeviceException e) {
                log.debug("reconnect to {} failed: {}", next, e.getMessage());
                delay = Math.min(delay * 2, backoffMaxNanos);
                continue;
            }
            connected = true;
            reconnects++;
            String opened = link.path();
            log.info("reconnected to serial port {}", opened);
            notifyListener(() -> listener.onConnected(opened));
            return;
        }
    }

    private void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("listener of {} threw {}; ignored", this, e.toString());
        }
    }

    /** Options of an {@link Ads1292rDevice}; {@link #open()} connects. */
    public static final class Builder {
        private final Supplier<String> portPath;
        private int baudRate = 115_200;
        private Ads1292rProtocol protocol = Ads1292rProtocol.PROTOCENTRAL;
        private double samplingRateHz = 250;
        private AdcScale adcScale = AdcScale.ORIGIN;
        private int queueCapacity;
        private OverflowPolicy overflowPolicy = OverflowPolicy.DROP_OLDEST;
        private boolean reconnect = true;
        private Duration backoffInitial = Duration.ofMillis(100);
        private Duration backoffMax = Duration.ofSeconds(2);
        private Ads1292rListener listener = new Ads1292rListener() { };
        private Path recordTo;
        private long sampleLimit = Long.MAX_VALUE;
        private Duration timeLimit;

        private Builder(Supplier<String> portPath) {
            this.portPath = portPath;
        }

        /** Serial speed; default 115200, as ProtoCentral's ADS1292R shield/breakout streaming sketch. */
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

        /** The board's conversion rate (the ADS1292R's CONFIG1 setting); default 250 Hz as the origin. */
        public Builder samplingRateHz(double samplingRateHz) {
            if (!(samplingRateHz > 0) || !Double.isFinite(samplingRateHz)) {
                throw new IllegalArgumentException("samplingRateHz must be > 0, got " + samplingRateHz);
            }
            this.samplingRateHz = samplingRateHz;
            return this;
        }

        /** Code to mV conversion; default {@link AdcScale#ORIGIN} (gain 6, Vref 2.42 V). */
        public Builder adcScale(AdcScale adcScale) {
            this.adcScale = Objects.requireNonNull(adcScale, "adcScale");
            return this;
        }

        /** Samples the {@code read} queue holds; default 30 s worth. */
        public Builder queueCapacity(int samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("queueCapacity must be >= 1, got " + samples);
            }
            this.queueCapacity = samples;
            return this;
        }

        /** What to drop when the {@code read} queue is full; default {@link OverflowPolicy#DROP_OLDEST}. */
        public Builder overflowPolicy(OverflowPolicy policy) {
            this.overflowPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Whether to reopen a lost port (default true). */
        public Builder reconnect(boolean reconnect) {
            this.reconnect = reconnect;
            return this;
        }

        /** Back-off between reconnection attempts: starts at {@code initial}, doubles up to {@code max}. */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
            }
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        /** Callbacks on the port thread. */
        public Builder listener(Ads1292rListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Records every decoded sample to a new CSV file in the origin's format (header
         * {@code timestamp, Channel 1, Channel 2, Channel 3}; whole Unix seconds, raw ECG code, raw respiration code,
         * lead-off bits). The file must not exist.
         */
        public Builder recordTo(Path csvFile) {
            this.recordTo = Objects.requireNonNull(csvFile, "csvFile");
            return this;
        }

        /**
         * Ends the stream after {@code samples} samples: exactly these are recorded and delivered, then the port is
         * closed and {@code read} returns -1 once the queue is drained. Default: no limit.
         */
        public Builder stopAfterSamples(long samples) {
            if (samples < 1) {
                throw new IllegalArgumentException("stopAfterSamples must be >= 1, got " + samples);
            }
            this.sampleLimit = samples;
            return this;
        }

        /**
         * Ends the stream {@code limit} after {@link #open()} by the wall clock, whatever the port sends: a silent
         * or unplugged board cannot keep a timed recording running. The samples decoded until then are recorded
         * and delivered, then {@code read} returns -1 once the queue is drained. With {@link #stopAfterSamples}
         * too, whichever comes first ends the stream. Default: no limit.
         */
        public Builder stopAfter(Duration limit) {
            Objects.requireNonNull(limit, "limit");
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("stopAfter must be > 0, got " + limit);
            }
            this.timeLimit = limit;
            return this;
        }

        /**
         * Opens the port (failing fast if it cannot), creates the recording, and starts the port thread.
         *
         * @throws EcgDeviceException   when the port cannot be opened
         * @throws EcgIoException when the recording file cannot be created (e.g. it exists)
         */
        public Ads1292rDevice open() {
            return open(SerialLink.open(portPath.get(), baudRate));
        }

        /** Opens on a link already open (tests); as {@link #open()} otherwise. */
        Ads1292rDevice open(ByteLink first) {
            CsvRecorder rec = null;
            if (recordTo != null) {
                try {
                    rec = CsvRecorder.create(recordTo);
                } catch (IOException e) {
                    first.close();
                    throw new EcgIoException("cannot create recording " + recordTo + ": " + e.getMessage()
                            + "; choose a new file name", e);
                }
            }
            Ads1292rDevice device = new Ads1292rDevice(this, first, rec);
            log.info("opened {} ({})", device, first.path());
            device.thread.start();
            return device;
        }
    }
}
