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
        return FRAME + 3;
    }

    @Override
    public int check(byte[] b, int p, int n) {
        int h = header(b, p, n);
        if (h != FRAME) {
            return h;
        }
        if (n < FRAME + 3) {
            return NEED_MORE;
        }
        // the next status word proves this frame neither lost nor gained a byte
        return header(b, p + FRAME, 3) == FRAME ? FRAME : CORRUPT;
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
