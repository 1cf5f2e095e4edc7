package io.github.ecgid.device.ads1292r.internal;

/** ProtoCentral CES data packet; layout documented on {@code Ads1292rProtocol.PROTOCENTRAL}. */
public final class CesPacketFormat implements FrameFormat {
    static final int START_1 = 0x0A;
    static final int START_2 = 0xFA;
    static final int TYPE_DATA = 0x02;
    static final int STOP = 0x0B;
    static final int PAYLOAD = 8;
    static final int FRAME = 5 + PAYLOAD + 2;

    @Override
    public int frameBytes() {
        return FRAME;
    }

    @Override
    public int lookaheadBytes() {
        return FRAME;
    }

    @Override
    public int check(byte[] b, int p, int n) {
        if ((b[p] & 0xFF) != START_1) {
            return NOT_A_START;
        }
        if (n < 2) {
            return NEED_MORE;
        }
        if ((b[p + 1] & 0xFF) != START_2) {
            return NOT_A_START;
        }
        // the header matched: from here on a failed check is a corrupt frame
        for (int i = 2; i < Math.min(n, 5); i++) {
            int expected = i == 2 ? PAYLOAD : i == 3 ? 0 : TYPE_DATA;
            if ((b[p + i] & 0xFF) != expected) {
                return CORRUPT;
            }
        }
        if (n < FRAME) {
            return NEED_MORE;
        }
        if ((b[p + FRAME - 1] & 0xFF) != STOP) {
            return CORRUPT;
        }
        // the firmware sign-extends 24-bit codes: any other top byte is a damaged packet, not a sample
        return isSignExtended24(b, p + 5) && isSignExtended24(b, p + 9) ? FRAME : CORRUPT;
    }

    private static boolean isSignExtended24(byte[] b, int p) {
        int v = int32le(b, p);
        return v == (v << 8 >> 8);
    }

    @Override
    public boolean headerMatched(byte[] b, int p, int n) {
        return n >= 2 && (b[p] & 0xFF) == START_1 && (b[p + 1] & 0xFF) == START_2;
    }

    @Override
    public void decode(byte[] b, int p, int[] out) {
        out[0] = int32le(b, p + 5);
        out[1] = int32le(b, p + 9);
        out[2] = 0;
    }

    private static int int32le(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | b[p + 3] << 24;
    }

    @Override
    public void encode(int ecgCode, int respCode, int leadOffBits, byte[] d, int o) {
        d[o] = (byte) START_1;
        d[o + 1] = (byte) START_2;
        d[o + 2] = (byte) PAYLOAD;
        d[o + 3] = 0;
        d[o + 4] = (byte) TYPE_DATA;
        putInt32le(ecgCode, d, o + 5);
        putInt32le(respCode, d, o + 9);
        d[o + 13] = 0;
        d[o + 14] = (byte) STOP;
    }

    private static void putInt32le(int v, byte[] d, int o) {
        d[o] = (byte) v;
        d[o + 1] = (byte) (v >> 8);
        d[o + 2] = (byte) (v >> 16);
        d[o + 3] = (byte) (v >> 24);
    }
}
