package io.github.ecgid.device.ads1292r.internal;

/** The ADS1292R's 9-byte read-data frame; layout documented on {@code Ads1292rProtocol.RAW_FRAME}. */
public final class RawFrameFormat implements FrameFormat {
    static final int FRAME = 9;

    @Override
    public int frameBytes() {
        return FRAME;
    }

    @Override
    public int lookaheadBytes() {
        return 2 * FRAME + 3; // a frame followed by garbage looks for a confirmed frame starting inside it
    }

    @Override
    public int check(byte[] b, int p, int n) {
        return check(b, p, n, false, -1);
    }

    /**
     * A frame at p needs a valid status word and channel words that do not look like status words (a burst of
     * status words is not a frame). It is accepted when the next status word follows right after it; when garbage
     * follows instead, it is accepted only if it continues the stream (the previous frame ended at p, or its status
     * bits equal the last frame's) and no confirmed frame starts inside its 9 bytes (which would mean it lost
     * bytes). Needs up to 21 bytes to decide in that case.
     */
    @Override
    public int check(byte[] b, int p, int n, boolean inSync, int lastStatus) {
        int h = header(b, p, n);
        if (h != FRAME) {
            return h;
        }
        if (n < FRAME) {
            return NEED_MORE;
        }
        if (!plausible(b, p)) {
            return CORRUPT;
        }
        if (n < FRAME + 3) {
            return NEED_MORE;
        }
        // the next status word proves this frame neither lost nor gained a byte
        if (header(b, p + FRAME, 3) == FRAME) {
            return FRAME;
        }
        if (!inSync && status(b, p) != lastStatus) {
            return CORRUPT;
        }
        for (int q = p + 1; q < p + FRAME; q++) {
            int c = confirmed(b, q, n - (q - p), lastStatus);
            if (c == NEED_MORE) {
                return NEED_MORE;
            }
            if (c == FRAME) {
                return CORRUPT; // a frame starts inside this one: this one lost bytes
            }
        }
        return FRAME;
    }

    /** FRAME when a frame at q is confirmed by the next status word or by repeating the last status; NEED_MORE; or 0. */
    private static int confirmed(byte[] b, int q, int m, int lastStatus) {
        int h = header(b, q, m);
        if (h == NEED_MORE) {
            return NEED_MORE;
        }
        if (h != FRAME) {
            return NOT_A_START;
        }
        if (m < FRAME) {
            return NEED_MORE;
        }
        if (!plausible(b, q)) {
            return NOT_A_START;
        }
        if (lastStatus >= 0 && statusBits(b, q) == lastStatus) {
            return FRAME;
        }
        if (m < FRAME + 3) {
            return NEED_MORE;
        }
        return header(b, q + FRAME, 3) == FRAME ? FRAME : NOT_A_START;
    }

    /** Whether neither channel word of the frame at p has the status word's pattern. */
    private static boolean plausible(byte[] b, int p) {
        return header(b, p + 3, 3) != FRAME && header(b, p + 6, 3) != FRAME;
    }

    @Override
    public int status(byte[] b, int p) {
        return statusBits(b, p);
    }

    private static int statusBits(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    /** NOT_A_START, NEED_MORE, or FRAME when a complete valid status word is at p. */
    private static int header(byte[] b, int p, int n) {
        if ((b[p] & 0xF0) != 0xC0) {
            return NOT_A_START;
        }
        if (n < 2) {
            return NEED_MORE;
        }
        if ((b[p + 1] & 0x1F) != 0) {
            return NOT_A_START;
        }
        if (n < 3) {
            return NEED_MORE;
        }
        return b[p + 2] == 0 ? FRAME : NOT_A_START;
    }

    @Override
    public boolean headerMatched(byte[] b, int p, int n) {
        return n >= 3 && header(b, p, n) == FRAME;
    }

    @Override
    public void decode(byte[] b, int p, int[] out) {
        out[2] = ((b[p] & 0x0F) << 1) | ((b[p + 1] & 0x80) >>> 7);
        out[1] = int24be(b, p + 3);
        out[0] = int24be(b, p + 6);
    }

    private static int int24be(byte[] b, int p) {
        return (b[p] << 16) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF);
    }

    @Override
    public void encode(int ecgCode, int respCode, int leadOffBits, byte[] d, int o) {
        d[o] = (byte) (0xC0 | (leadOffBits >> 1));
        d[o + 1] = (byte) ((leadOffBits & 1) << 7);
        d[o + 2] = 0;
        putInt24be(respCode, d, o + 3);
        putInt24be(ecgCode, d, o + 6);
    }

    private static void putInt24be(int v, byte[] d, int o) {
        d[o] = (byte) (v >> 16);
        d[o + 1] = (byte) (v >> 8);
        d[o + 2] = (byte) v;
    }
}
