package io.github.ecgid.device.ads1292r;

/**
 * The ADS1292R's lead-off status changed (raw frames only; see {@link Ads1292rProtocol#RAW_FRAME}).
 *
 * @param sampleIndex    index of the first sample with the new status, counted from 0 since the device opened
 * @param leadOffBits    LOFF_STAT bits: bit 4 RLD, bit 3 IN2N, bit 2 IN2P, bit 1 IN1N, bit 0 IN1P lead off
 * @param previousBits   the bits before the change
 */
public record LeadOffEvent(long sampleIndex, int leadOffBits, int previousBits) {
    /** Whether every electrode is attached now. */
    public boolean allLeadsOn() {
        return leadOffBits == 0;
    }

    /** The electrodes that are off, e.g. {@code "IN2P IN2N"}, or {@code "none"}. */
    public String describe() {
        if (leadOffBits == 0) {
            return "none";
        }
        String[] names = {"IN1P", "IN1N", "IN2P", "IN2N", "RLD"};
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < names.length; bit++) {
            if ((leadOffBits & (1 << bit)) != 0) {
                sb.append(sb.length() == 0 ? "" : " ").append(names[bit]);
            }
        }
        return sb.toString();
    }
}
