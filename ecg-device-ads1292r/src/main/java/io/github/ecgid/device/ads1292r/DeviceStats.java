package io.github.ecgid.device.ads1292r;

/**
 * A snapshot of an {@link Ads1292rDevice}'s counters.
 *
 * @param decoder           byte and frame counters of the decoder, summed over all connections
 * @param samplesDelivered  samples handed to the recording, the listener and the queue
 * @param samplesDropped    samples the queue dropped because the {@code read} consumer was too slow
 * @param reconnects        successful reconnections after a lost port
 * @param connected         whether the port is open now
 */
public record DeviceStats(DecoderStats decoder, long samplesDelivered, long samplesDropped, int reconnects,
                          boolean connected) {
}
