package io.github.ecgid.device.ads1292r;

import io.github.ecgid.device.ads1292r.internal.CesPacketFormat;
import io.github.ecgid.device.ads1292r.internal.FrameFormat;
import io.github.ecgid.device.ads1292r.internal.RawFrameFormat;

/**
 * The byte formats an ADS1292R board sends over serial. Each protocol can decode ({@link #newDecoder()}) and encode
 * ({@link #encode}) one sample frame; both channels are 24-bit two's-complement ADC codes.
 *
 * <h2>{@link #PROTOCENTRAL}: ProtoCentral "CES" data packet, 15 bytes</h2>
 * The format of ProtoCentral's ADS1292R shield/breakout Arduino sketch ({@code ECG-Respiration-Plot.ino} in
 * github.com/Protocentral/ADS1292rShield_Breakout, read by their Processing GUI and OpenView):
 * <pre>
 * offset  size  value
 *  0      1     0x0A            start 1
 *  1      1     0xFA            start 2
 *  2      2     0x08 0x00       payload length, little-endian (8)
 *  4      1     0x02            packet type: data
 *  5      4     ECG             channel 2, 24-bit code sign-extended to int32, little-endian
 *  9      4     RESP            channel 1 (respiration), int32 little-endian
 * 13      1     footer          0x00 (0x02 in the original sketch); not checked, as ProtoCentral's own parser
 * 14      1     0x0B            stop
 * </pre>
 * A packet with another type or length, without the stop byte at offset 14, or with a channel that is not a
 * sign-extended 24-bit code (top byte other than 0x00 or 0xFF as the sign says) is rejected as corrupt. The packet
 * has no checksum, so a flipped bit inside the 8 payload bytes cannot be detected. The format carries no lead-off
 * bits (the firmware sends zeros while a lead is off), so {@link FrameListener#onFrame} always gets lead-off 0.
 * The sketch streams at 115200 baud, the default of {@link Ads1292rDevice.Builder#baudRate}. ProtoCentral's newer
 * library examples send 16-bit, pre-filtered values (payload length 9 or 20, 57600 baud); those cannot be
 * converted to mV with the ADS1292R constants and are rejected as wrong-length packets.
 *
 * <h2>{@link #RAW_FRAME}: the ADS1292R's own read-data frame, 9 bytes</h2>
 * What the chip shifts out per conversion in RDATAC mode, forwarded byte for byte, most significant byte first:
 * <pre>
 * offset  size  value
 *  0      3     status: 1100 LOFF_STAT[4:0] GPIO[1:0] 0000000000000
 *  3      3     channel 1 (respiration), 24-bit two's complement, big-endian
 *  6      3     channel 2 (ECG), 24-bit two's complement, big-endian
 * </pre>
 * LOFF_STAT bits (4..0): RLD, IN2N, IN2P, IN1N, IN1P lead off. Sync is found via the status word: its top nibble
 * is 0xC and its 13 low bits are zero; a candidate whose channel words have that pattern too (a burst of status
 * words) is rejected. A frame is emitted when the status word of the <em>next</em> frame has arrived and is valid
 * as well (cost: one sample of latency, 4 ms at 250 Hz). When garbage follows instead, the frame is still emitted
 * if it continues the stream (it starts right where the last frame ended, or repeats its lead-off and GPIO bits)
 * and no confirmed frame starts inside its 9 bytes, so garbage between two intact frames costs neither, and a
 * frame that lost a byte is never emitted. A byte inserted <em>inside</em> a frame cannot be told from one
 * garbage byte after it: the format has no checksum.
 */
public enum Ads1292rProtocol {
    /** ProtoCentral CES data packet (15 bytes, int32 little-endian ECG and respiration). */
    PROTOCENTRAL(new CesPacketFormat()),
    /** The ADS1292R's raw 9-byte data frame (status word with lead-off bits, two 24-bit channels). */
    RAW_FRAME(new RawFrameFormat());

    private final FrameFormat format;

    Ads1292rProtocol(FrameFormat format) {
        this.format = format;
    }

    /** Bytes per encoded sample frame. */
    public int frameBytes() {
        return format.frameBytes();
    }

    /** A new decoder for this protocol; decoders are not thread-safe, use one per byte stream. */
    public FrameDecoder newDecoder() {
        return new FrameDecoder(format);
    }

    /**
     * Writes one frame into {@code dest[offset .. offset + frameBytes())}.
     *
     * @param ecgCode      ECG channel, a 24-bit two's-complement code in [-2^23, 2^23 - 1]
     * @param respCode     respiration channel, same range
     * @param leadOffBits  LOFF_STAT bits 0..31 (only {@link #RAW_FRAME} carries them; must be 0 otherwise)
     * @throws IllegalArgumentException when a value is out of range
     */
    public void encode(int ecgCode, int respCode, int leadOffBits, byte[] dest, int offset) {
        checkCode("ecgCode", ecgCode);
        checkCode("respCode", respCode);
        if (leadOffBits < 0 || leadOffBits > 31 || (leadOffBits != 0 && this != RAW_FRAME)) {
            throw new IllegalArgumentException("leadOffBits must be 0.." + (this == RAW_FRAME ? 31 : 0)
                    + " for " + this + ", got " + leadOffBits);
        }
        format.encode(ecgCode, respCode, leadOffBits, dest, offset);
    }

    private static void checkCode(String name, int code) {
        if (code < AdcScale.MIN_CODE || code > AdcScale.MAX_CODE) {
            throw new IllegalArgumentException(name + " must be a 24-bit code in [" + AdcScale.MIN_CODE + ", "
                    + AdcScale.MAX_CODE + "], got " + code);
        }
    }
}
