/**
 * Live ADS1292R acquisition over serial: {@link io.github.ecgid.device.ads1292r.Ads1292rDevice} (an
 * {@link io.github.ecgid.core.EcgSource} with reconnect, bounded queue and live CSV recording), the byte-level
 * {@link io.github.ecgid.device.ads1292r.FrameDecoder} for the formats in
 * {@link io.github.ecgid.device.ads1292r.Ads1292rProtocol}, and {@link io.github.ecgid.device.ads1292r.Ads1292rSimulator}
 * that plays records into a port in the board's format. See docs/device.md.
 */
package io.github.ecgid.device.ads1292r;
