package io.github.ecgid.device.ads1292r;

/** Receives each completely decoded frame from a {@link FrameDecoder}. */
@FunctionalInterface
public interface FrameListener {
    /**
     * @param ecgCode     ECG channel (ADS1292R channel 2), 24-bit two's-complement ADC code
     * @param respCode    respiration channel (channel 1), 24-bit code
     * @param leadOffBits LOFF_STAT bits (RLD, IN2N, IN2P, IN1N, IN1P = bits 4..0); 0 = all electrodes on or unknown
     */
    void onFrame(int ecgCode, int respCode, int leadOffBits);
}
