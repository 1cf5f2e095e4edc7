package io.github.ecgid.device.ads1292r;

/**
 * Push-style callbacks of an {@link Ads1292rDevice}, called on its port thread in stream order. Keep them short:
 * a slow listener delays the port thread (the queue for {@code read} is not affected). An exception thrown by a
 * callback is logged and ignored. All methods default to doing nothing.
 */
public interface Ads1292rListener {
    /**
     * One decoded sample. When the device records, the sample's CSV row has been written and flushed before this
     * call.
     *
     * @param sampleIndex counted from 0 since the device opened, without gaps across reconnects
     */
    default void onSample(long sampleIndex, double ecgMv, double respMv) {
    }

    /** The lead-off status changed (raw frames only). */
    default void onLeadOff(LeadOffEvent event) {
    }

    /** The port was (re)opened. */
    default void onConnected(String portPath) {
    }

    /** The port was lost; the device retries with back-off when reconnecting is on. */
    default void onDisconnected(String portPath, String reason) {
    }
}
