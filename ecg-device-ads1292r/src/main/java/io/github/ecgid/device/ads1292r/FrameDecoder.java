package io.github.ecgid.device.ads1292r;

import io.github.ecgid.device.ads1292r.internal.FrameFormat;
import java.util.Objects;

/**
 * Byte-level state machine that turns a serial byte stream into ADS1292R sample frames, for one
 * {@link Ads1292rProtocol}. Needs no port: feed it any chunking of the stream, from single bytes to megabytes.
 *
 * <p>It resynchronises after garbage, partial or corrupt frames: when a candidate frame fails a check, only its first
 * byte is discarded and the search restarts at the next byte, so a real frame that starts inside the rejected bytes
 * is still found. Garbage between two intact frames costs neither of them (see {@link Ads1292rProtocol}). A frame reaches the listener only after all its bytes have arrived and passed the checks; a
 * half-decoded sample is never emitted. All counters are exact (see {@link DecoderStats}). No allocation per frame.
 * Not thread-safe.
 *
 * <pre>{@code
 * FrameDecoder dec = Ads1292rProtocol.PROTOCENTRAL.newDecoder();
 * dec.feed(bytes, 0, n, (ecg, resp, leadOff) -> System.out.println(ecg));
 * }</pre>
 */
public final class FrameDecoder {
    private final FrameFormat format;
    private final byte[] buf;
    private int start;
    private int end;
    private long bytesIn;
    private long framesDecoded;
    private long framesCorrupt;
    private long bytesDiscarded;
    private final int[] values = new int[3];
    /** The last emitted frame ended at {@code start}: nothing was discarded since. */
    private boolean inSync;
    /** Status bits of the last emitted frame, -1 before the first. */
    private int lastStatus = -1;

    FrameDecoder(FrameFormat format) {
        this.format = format;
        this.buf = new byte[Math.max(4096, 4 * format.lookaheadBytes())];
    }

    /**
     * Consumes {@code len} bytes of {@code src} from {@code offset}, calling {@code listener} once per complete,
     * valid frame, in stream order.
     */
    public void feed(byte[] src, int offset, int len, FrameListener listener) {
        Objects.requireNonNull(listener, "listener");
        Objects.checkFromIndexSize(offset, len, src.length);
        while (len > 0) {
            if (end == buf.length) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = Math.min(len, buf.length - end);
            System.arraycopy(src, offset, buf, end, n);
            end += n;
            offset += n;
            len -= n;
            bytesIn += n;
            drain(listener);
        }
    }

    private void drain(FrameListener listener) {
        while (end > start) {
            int verdict = format.check(buf, start, end - start, inSync, lastStatus);
            if (verdict == FrameFormat.NEED_MORE) {
                return;
            }
            if (verdict == FrameFormat.NOT_A_START || verdict == FrameFormat.CORRUPT) {
                if (verdict == FrameFormat.CORRUPT) {
                    framesCorrupt++;
                }
                start++;
                bytesDiscarded++;
                inSync = false;
                continue;
            }
            format.decode(buf, start, values);
            lastStatus = format.status(buf, start);
            inSync = true;
            start += format.frameBytes();
            framesDecoded++;
            listener.onFrame(values[0], values[1], values[2]);
        }
        start = 0;
        end = 0;
    }

    /**
     * Drops the bytes of an incomplete frame, e.g. after the port was lost mid-frame: they are counted as discarded,
     * and as one corrupt frame when they began with a matching header. Pending bytes that cannot start a frame do
     * not occur (they are discarded as soon as they arrive).
     */
    public void discardPending() {
        if (end > start) {
            if (format.check(buf, start, end - start) == FrameFormat.NEED_MORE && format.headerMatched(buf, start,
                    end - start)) {
                framesCorrupt++;
            }
            bytesDiscarded += end - start;
        }
        start = 0;
        end = 0;
        inSync = false;
    }

    /** The counters so far. */
    public DecoderStats stats() {
        return new DecoderStats(bytesIn, framesDecoded, framesCorrupt, bytesDiscarded, end - start);
    }

    /** Bytes per frame of this decoder's protocol. */
    public int frameBytes() {
        return format.frameBytes();
    }
}
