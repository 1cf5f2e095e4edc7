package io.github.ecgid.device.ads1292r;

/**
 * What {@link Ads1292rDevice} does when its sample queue is full because the consumer of {@link Ads1292rDevice#read}
 * is slower than the board. The port thread never waits for the consumer; every dropped sample is counted in
 * {@link DeviceStats#samplesDropped()}. Listeners and the recording still get every sample.
 */
public enum OverflowPolicy {
    /** Drop the oldest queued sample to make room: the consumer stays close to real time (the default). */
    DROP_OLDEST,
    /** Drop the arriving sample: the consumer sees an unbroken prefix, then a gap. */
    DROP_NEWEST
}
