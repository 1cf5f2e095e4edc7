package io.github.ecgid.device.ads1292r;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameDecoderTest {

    /** A decoded frame, comparable in assertions. */
    record Frame(int ecg, int resp, int leadOff) {
    }

    static final class Collector implements FrameListener {
        final List<Frame> frames = new ArrayList<>();

        @Override
        public void onFrame(int ecgCode, int respCode, int leadOffBits) {
            frames.add(new Frame(ecgCode, respCode, leadOffBits));
        }
    }

    /** Frames whose bytes cannot be mistaken for a start/sync header anywhere but at their own start. */
    static List<Frame> cleanFrames(Ads1292rProtocol p, int count, long seed) {
        Random rnd = new Random(seed);
        List<Frame> frames = new ArrayList<>();
        byte[] tmp = new byte[p.frameBytes()];
        while (frames.size() < count) {
            int ecg = rnd.nextInt(1 << 24) - (1 << 23);
            int resp = rnd.nextInt(1 << 24) - (1 << 23);
            int loff = p == Ads1292rProtocol.RAW_FRAME ? rnd.nextInt(32) : 0;
            p.encode(ecg, resp, loff, tmp, 0);
            if (startsOnlyAtZero(p, tmp)) {
                frames.add(new Frame(ecg, resp, loff));
            }
        }
        return frames;
    }

    private static boolean startsOnlyAtZero(Ads1292rProtocol p, byte[] f) {
        for (int i = 1; i < f.length; i++) {
            if (canStartFrame(p, f[i]) || (p == Ads1292rProtocol.PROTOCENTRAL && f[i] == 0x0B && i != f.length - 1)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a byte may begin a frame header (0x0A for CES, top nibble 0xC for raw frames). */
    static boolean canStartFrame(Ads1292rProtocol p, byte b) {
        return p == Ads1292rProtocol.PROTOCENTRAL ? b == 0x0A : (b & 0xF0) == 0xC0;
    }

    static byte[] encode(Ads1292rProtocol p, List<Frame> frames) {
        byte[] out = new byte[frames.size() * p.frameBytes()];
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            p.encode(f.ecg(), f.resp(), f.leadOff(), out, i * p.frameBytes());
        }
        return out;
    }

    /** Raw frames are emitted once the next status word arrives: the last frame stays pending. */
    static int trailing(Ads1292rProtocol p) {
        return p == Ads1292rProtocol.RAW_FRAME ? 1 : 0;
    }

    @ParameterizedTest
    @EnumSource(Ads1292rProtocol.class)
    void decodesTheSameFramesWhateverByteOffsetTheStreamIsSplitAt(Ads1292rProtocol p) {
        List<Frame> frames = cleanFrames(p, 6, 1);
        byte[] bytes = encode(p, frames);
        List<Frame> expected = frames.subList(0, frames.size() - trailing(p));
        for (int split = 0; split <= bytes.length; split++) {
            FrameDecoder dec = p.newDecoder();
            Collector c = new Collector();
            dec.feed(bytes, 0, split, c);
            dec.feed(bytes, split, bytes.length - split, c);
            assertThat(c.frames).as("split at %d", split).isEqualTo(expected);
            assertThat(dec.stats()).isEqualTo(new DecoderStats(bytes.length, expected.size(), 0, 0,
                    (long) trailing(p) * p.frameBytes()));
        }
    }

    @ParameterizedTest
    @EnumSource(Ads1292rProtocol.class)
    void decodesByteByByteFeeding(Ads1292rProtocol p) {
        List<Frame> frames = cleanFrames(p, 50, 2);
        byte[] bytes = encode(p, frames);
        FrameDecoder dec = p.newDecoder();
        Collector c = new Collector();
        for (int i = 0; i < bytes.length; i++) {
            dec.feed(bytes, i, 1, c);
        }
        assertThat(c.frames).isEqualTo(frames.subList(0, frames.size() - trailing(p)));
    }

    @ParameterizedTest
    @EnumSource(Ads1292rProtocol.class)
    void roundTripsExtremeCodes(Ads1292rProtocol p) {
        List<Frame> frames = List.of(new Frame(AdcScale.MIN_CODE, AdcScale.MAX_CODE, 0),
                new Frame(AdcScale.MAX_CODE, AdcScale.MIN_CODE, 0), new Frame(-1, 0, 0), new Frame(0, -1, 0),
                new Frame(1, 1, 0), new Frame(0, 0, 0));
        Collector c = new Collector();
        byte[] bytes = encode(p, frames);
        p.newDecoder().feed(bytes, 0, bytes.length, c);
        assertThat(c.frames).isEqualTo(frames.subList(0, frames.size() - trailing(p)));
    }

    @Test
    void protocentralPacketHasTheDocumentedByteLayout() {
        byte[] f = new byte[15];
        Ads1292rProtocol.PROTOCENTRAL.encode(0x123456, -2, 0, f, 0);
        assertThat(f).containsExactly(0x0A, 0xFA, 0x08, 0x00, 0x02, 0x56, 0x34, 0x12, 0x00, 0xFE, 0xFF, 0xFF, 0xFF,
                0x00, 0x0B);
    }

    @Test
    void rawFrameHasTheDatasheetStatusWordAndBigEndianChannels() {
        byte[] f = new byte[9];
        // LOFF_STAT = RLD off (bit 4) and IN1P off (bit 0); channel 1 = respiration, channel 2 = ECG
        Ads1292rProtocol.RAW_FRAME.encode(-2, 0x123456, 0b10001, f, 0);
        assertThat(f).containsExactly(0xC8, 0x80, 0x00, 0x12, 0x34, 0x56, 0xFF, 0xFF, 0xFE);
    }

    @Test
    void reportsLeadOffBitsOfEachRawFrame() {
        List<Frame> frames = new ArrayList<>();
        for (int bits = 0; bits < 32; bits++) {
            frames.add(new Frame(1000 + bits, -1000 - bits, bits));
        }
        frames.add(new Frame(0, 0, 0));
        byte[] bytes = encode(Ads1292rProtocol.RAW_FRAME, frames);
        Collector c = new Collector();
        Ads1292rProtocol.RAW_FRAME.newDecoder().feed(bytes, 0, bytes.length, c);
        assertThat(c.frames).isEqualTo(frames.subList(0, 32));
    }

    @Test
    void acceptsGpioBitsInTheRawStatusWord() {
        byte[] bytes = encode(Ads1292rProtocol.RAW_FRAME, List.of(new Frame(5, 6, 0), new Frame(7, 8, 0)));
        bytes[1] = 0x60; // GPIO[1:0] = 11
        Collector c = new Collector();
        Ads1292rProtocol.RAW_FRAME.newDecoder().feed(bytes, 0, bytes.length, c);
        assertThat(c.frames).containsExactly(new Frame(5, 6, 0));
    }

    @ParameterizedTest
    @EnumSource(Ads1292rProtocol.class)
    void skipsRandomGarbageBetweenFramesAndCountsEveryDiscardedByte(Ads1292rProtocol p) {
        Random rnd = new Random(3);
        List<Frame> frames = cleanFrames(p, 400, 4);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        byte[] f = new byte[p.frameBytes()];
        long garbage = 0;
        int gaps = 0;
        boolean[] after = new boolean[frames.size()];
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0 && rnd.nextInt(4) == 0) {
                after[i - 1] = true;
                int n = 1 + rnd.nextInt(40);
                for (int k = 0; k < n; k++) {
                    byte b;
                    do {
                        b = (byte) rnd.nextInt(256);
                    } while (canStartFrame(p, b));
                    stream.write(b);
                }
                garbage += n;
                gaps++;
            }
            Frame fr = frames.get(i);
            p.encode(fr.ecg(), fr.resp(), fr.leadOff(), f, 0);
            stream.write(f, 0, f.length);
        }
        byte[] bytes = stream.toByteArray();
        FrameDecoder dec = p.newDecoder();
        Collector c = new Collector();
        feedInRandomChunks(dec, bytes, c, new Random(5));
        if (p == Ads1292rProtocol.PROTOCENTRAL) {
            assertThat(c.frames).isEqualTo(frames);
            assertThat(dec.stats()).isEqualTo(new DecoderStats(bytes.length, 400, 0, garbage, 0));
        } else {
            // a raw frame followed by garbage is kept when it continues the stream: it starts right after the last
            // emitted frame, or repeats its lead-off bits; the last frame waits for the next status word
            List<Frame> expected = new ArrayList<>();
            boolean previousKept = false;
            for (int i = 0; i < frames.size() - 1; i++) {
                boolean inSync = i > 0 && previousKept && !after[i - 1];
                boolean sameStatus = !expected.isEmpty()
                        && expected.get(expected.size() - 1).leadOff() == frames.get(i).leadOff();
                previousKept = !after[i] || inSync || sameStatus;
                if (previousKept) {
                    expected.add(frames.get(i));
                }
            }
            assertThat(c.frames).isEqualTo(expected);
            assertThat(frames).containsSubsequence(c.frames);
            DecoderStats st = dec.stats();
            assertThat(st.framesDecoded()).isEqualTo(c.frames.size());
            assertThat(st.bytesIn()).isEqualTo(st.framesDecoded() * 9 + st.bytesDiscarded() + st.bytesPending());
        }
    }

    @Test
    void resynchronisesOnAFrameThatStartsInsideATruncatedPacket() {
        Ads1292rProtocol p = Ads1292rProtocol.PROTOCENTRAL;
        List<Frame> frames = cleanFrames(p, 3, 6);
        byte[] full = encode(p, frames);
        // frame 1 is cut after 9 bytes, frame 2 follows immediately
        byte[] bytes = concat(Arrays.copyOfRange(full, 0, 15 + 9), Arrays.copyOfRange(full, 30, 45));
        Collector c = new Collector();
        FrameDecoder dec = p.newDecoder();
        dec.feed(bytes, 0, bytes.length, c);
        assertThat(c.frames).containsExactly(frames.get(0), frames.get(2));
        assertThat(dec.stats()).isEqualTo(new DecoderStats(bytes.length, 2, 1, 9, 0));
    }

    @Test
    void rejectsPacketsWithACorruptStopLengthOrTypeByte() {
        Ads1292rProtocol p = Ads1292rProtocol.PROTOCENTRAL;
        List<Frame> frames = cleanFrames(p, 8, 7);
        byte[] bytes = encode(p, frames);
        bytes[15 + 14] = 0x0C; // frame 1: stop byte
        bytes[45 + 2] = 0x09; // frame 3: length LSB
        bytes[75 + 3] = 0x01; // frame 5: length MSB
        bytes[90 + 4] = 0x01; // frame 6: type "command"
        Collector c = new Collector();
        FrameDecoder dec = p.newDecoder();
        dec.feed(bytes, 0, bytes.length, c);
        assertThat(c.frames).containsExactly(frames.get(0), frames.get(2), frames.get(4), frames.get(7));
        assertThat(dec.stats()).isEqualTo(new DecoderStats(bytes.length, 4, 4, 4 * 15, 0));
    }

    @Test
    void aCorruptStartByteMakesTheWholePacketGarbageNotACorruptFrame() {
        Ads1292rProtocol p = Ads1292rProtocol.PROTOCENTRAL;
        List<Frame> frames = cleanFrames(p, 3, 8);
        byte[] bytes = encode(p, frames);
        bytes[16] = 0x00; // frame 1: second start byte
        Collector c = new Collector();
        FrameDecoder dec = p.newDecoder();
        dec.feed(bytes, 0, bytes.length, c);
        assertThat(c.frames).containsExactly(frames.get(0), frames.get(2));
        assertThat(dec.stats()).isEqualTo(new DecoderStats(45, 2, 0, 15, 0));
    }

    @Test
    void rejectsACesPacketWhoseChannelIsNotASignExtended24BitCode() {
        Ads1292rProtocol p = Ads1292rProtocol.PROTOCENTRAL;
        List<Frame> frames = cleanFrames(p, 3, 14);
        byte[] bytes = encode(p, frames);
        bytes[15 + 12] ^= 0x40; // frame 1: a flipped bit in the respiration int32's top byte
        Collector c = new Collector();
        FrameDecoder dec = p.newDecoder();
        dec.feed(bytes, 0, bytes.length, c);
        assertThat(c.frames).containsExactly(frames.get(0), frames.get(2));
        assertThat(dec.stats()).isEqualTo(new DecoderStats(45, 2, 1, 15, 0));
    }

    @Test
    void rejectsTheShorterSixteenBitOpenViewPacketAsWrongLength() {
        // ProtoCentral's newer examples: length 9, int16 ECG and respiration, rate bytes, footer 0x00 0x0B
        byte[] openView = {0x0A, (byte) 0xFA, 0x09, 0x00, 0x02, 0x10, 0x00, 0x20, 0x00, 0x0F, 0x00, 0x48, 0x00, 0x00,
            0x00, 0x0B};
        List<Frame> frames = cleanFrames(Ads1292rProtocol.PROTOCENTRAL, 1, 9);
        byte[] bytes = concat(openView, encode(Ads1292rProtocol.PROTOCENTRAL, frames));
        Collector c = new Collector();
        FrameDecoder dec = Ads1292rProtocol.PROTOCENTRAL.newDecoder();
        dec.feed(bytes, 0, bytes.length, c);
        assertThat(c.frames).isEqualTo(frames);
        assertThat(dec.stats()).isEqualTo(new DecoderStats(31, 1, 1, 16, 0));
    }

    @Test
    void neverEmitsARawFrameThatLostAByte() {
        Ads1292rProtocol p = Ads1292rProtocol.RAW_FRAME;
        List<Frame> frames = cleanFrames(p, 5, 10);
        byte[] full = encode(p, frames);
        // frame 2 loses its last ECG byte: its 8 bytes are followed by frame 3's status word one byte early
        byte[] bytes = concat(Arrays.copyOfRange(full, 0, 26), Arrays.copyOfRange(full, 27, 45));
        Collector c = new Collector();
        FrameDecoder dec = p.newDecoder();
        dec.feed(bytes, 0, bytes.length, c);
        assertThat(c.frames).containsExactly(frames.get(0), frames.get(1), frames.get(3));
        assertThat(dec.stats()).isEqualTo(new DecoderStats(44, 3, 1, 8, 9));
    }

    @Test
    void aCorruptRawStatusWordCostsOnlyThatFrame() {
        Ads1292rProtocol p = Ads1292rProtocol.RAW_FRAME;
        List<Frame> frames = cleanFrames(p, 6, 11);
        byte[] bytes = encode(p, frames);
        bytes[27 + 2] = 0x55; // frame 3: status byte that must be zero
        Collector c = new Collector();
        FrameDecoder dec = p.newDecoder();
        dec.feed(bytes, 0, bytes.length, c);
        assertThat(c.frames).containsExactly(frames.get(0), frames.get(1), frames.get(2), frames.get(4));
        assertThat(dec.stats()).isEqualTo(new DecoderStats(54, 4, 0, 9, 9));
    }

    @ParameterizedTest
    @EnumSource(Ads1292rProtocol.class)
    void discardPendingCountsATruncatedFrameOnce(Ads1292rProtocol p) {
        List<Frame> frames = cleanFrames(p, 3, 12);
        byte[] bytes = encode(p, frames);
        FrameDecoder dec = p.newDecoder();
        Collector c = new Collector();
        int cut = 2 * p.frameBytes() + 5;
        dec.feed(bytes, 0, cut, c);
        dec.discardPending();
        // frames 0 and 1 are complete (frame 2's status word is there for the raw lookahead); 5 bytes of frame 2 drop
        assertThat(dec.stats()).isEqualTo(new DecoderStats(cut, 2, 1, 5, 0));
        // the next stream starts clean
        dec.feed(bytes, 0, bytes.length, c);
        assertThat(c.frames).hasSize(2 + 3 - trailing(p));
    }

    @ParameterizedTest
    @EnumSource(Ads1292rProtocol.class)
    void countersAccountForEveryByteOfRandomNoiseWhateverTheChunking(Ads1292rProtocol p) {
        Random rnd = new Random(13);
        byte[] noise = new byte[200_000];
        rnd.nextBytes(noise);
        // sprinkle runs of 5 valid frames into the noise
        byte[] f = new byte[p.frameBytes()];
        for (int k = 0; k < 100; k++) {
            int at = rnd.nextInt(noise.length - 5 * f.length);
            for (int j = 0; j < 5; j++) {
                p.encode(rnd.nextInt(1000), rnd.nextInt(1000), 0, f, 0);
                System.arraycopy(f, 0, noise, at + j * f.length, f.length);
            }
        }
        FrameDecoder whole = p.newDecoder();
        Collector all = new Collector();
        whole.feed(noise, 0, noise.length, all);
        FrameDecoder chunked = p.newDecoder();
        Collector parts = new Collector();
        feedInRandomChunks(chunked, noise, parts, new Random(14));

        assertThat(parts.frames).isEqualTo(all.frames);
        assertThat(chunked.stats()).isEqualTo(whole.stats());
        DecoderStats s = whole.stats();
        assertThat(s.framesDecoded()).isGreaterThan(350);
        assertThat(s.bytesIn()).isEqualTo(s.framesDecoded() * p.frameBytes() + s.bytesDiscarded() + s.bytesPending());
    }

    @Test
    void rejectsOutOfRangeValuesWhenEncoding() {
        byte[] f = new byte[15];
        assertThatThrownBy(() -> Ads1292rProtocol.PROTOCENTRAL.encode(1 << 23, 0, 0, f, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ecgCode");
        assertThatThrownBy(() -> Ads1292rProtocol.PROTOCENTRAL.encode(0, 0, 1, f, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leadOffBits");
        assertThatThrownBy(() -> Ads1292rProtocol.RAW_FRAME.encode(0, 0, 32, f, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leadOffBits");
    }

    static void feedInRandomChunks(FrameDecoder dec, byte[] bytes, FrameListener l, Random rnd) {
        int pos = 0;
        while (pos < bytes.length) {
            int n = Math.min(bytes.length - pos, 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 9000));
            dec.feed(bytes, pos, n, l);
            pos += n;
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
