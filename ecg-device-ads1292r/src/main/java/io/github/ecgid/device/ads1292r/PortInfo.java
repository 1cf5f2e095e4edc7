package io.github.ecgid.device.ads1292r;

/**
 * A serial port found by {@link Ads1292rDevice#listPorts()}.
 *
 * @param path        system path to open, e.g. {@code /dev/ttyUSB0} or {@code COM3}
 * @param description the driver's description, e.g. {@code "USB-Serial Controller"}
 */
public record PortInfo(String path, String description) {
}
