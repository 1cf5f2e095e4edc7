package io.github.ecgid.flink;

import java.io.Serializable;
import java.util.Objects;

/**
 * One replayed device: its id, its owner and where its samples come from.
 *
 * @param deviceId        the key of the device's stream
 * @param ownerId         the person the device belongs to (verified against), or null
 * @param record          where the samples come from (the first lead is streamed)
 * @param samplingRateHz  the record's sampling rate, Hz
 * @param length          the record's length, samples
 */
public record DeviceStream(String deviceId, String ownerId, RecordRef record, double samplingRateHz, int length)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public DeviceStream {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(record, "record");
        if (length < 0 || !(samplingRateHz > 0)) {
            throw new IllegalArgumentException("device " + deviceId + ": length " + length + ", rate "
                    + samplingRateHz);
        }
    }
}
