package io.github.ecgid.device.ads1292r.internal;

/** One serial frame layout: validation at a buffer position, decoding, encoding. Implementation detail. */
public interface FrameFormat {
    /** The bytes at the position cannot begin a frame. */
    int NOT_A_START = -1;
    /** A frame header matched but the frame failed a later check. */
    int CORRUPT = -2;
    /** Not enough bytes yet to decide. */
    int NEED_MORE = 0;

    int frameBytes();

    /** Bytes needed to accept a frame (frameBytes plus any lookahead). */
    int lookaheadBytes();

    /** Returns {@link #NOT_A_START}, {@link #CORRUPT}, {@link #NEED_MORE}, or frameBytes() when a valid frame starts at p. */
    int check(byte[] b, int p, int n);

    /**
     * As {@link #check(byte[], int, int)}, knowing the decoder's state: {@code inSync} when the previous frame was
     * accepted and ended right at p, {@code lastStatus} the {@link #status} of the last accepted frame (-1: none).
     * Formats that need no state ignore both.
     */
    default int check(byte[] b, int p, int n, boolean inSync, int lastStatus) {
        return check(b, p, n);
    }

    /** A frame's status bits (lead-off and GPIO) for {@code lastStatus}; -1 for formats without them. */
    default int status(byte[] b, int p) {
        return -1;
    }

    /** Whether the n available bytes at p match the frame header so far (for counting truncated frames). */
    boolean headerMatched(byte[] b, int p, int n);

    /** Decodes the valid frame at p into out[0] = ECG code, out[1] = respiration code, out[2] = lead-off bits. */
    void decode(byte[] b, int p, int[] out);

    void encode(int ecgCode, int respCode, int leadOffBits, byte[] dest, int offset);
}
