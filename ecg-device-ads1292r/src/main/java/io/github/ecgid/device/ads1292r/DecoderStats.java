package io.github.ecgid.device.ads1292r;

/**
 * Exact counters of a {@link FrameDecoder}. Every byte fed is either part of a decoded frame, discarded, or still
 * pending: {@code bytesIn == framesDecoded * frameBytes + bytesDiscarded + bytesPending}.
 *
 * @param bytesIn        bytes fed so far
 * @param framesDecoded  frames emitted to the listener
 * @param framesCorrupt  candidate frames rejected after their start/sync header matched (wrong length or type, missing
 *                       stop byte, invalid following header, or cut off by {@link FrameDecoder#discardPending()})
 * @param bytesDiscarded bytes that were not part of any emitted frame (garbage and the bytes of corrupt frames)
 * @param bytesPending   bytes held for a frame that is not complete yet
 */
public record DecoderStats(long bytesIn, long framesDecoded, long framesCorrupt, long bytesDiscarded,
                           long bytesPending) {
}
