package io.github.ecgid.device.ads1292r;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.ecgid.core.io.Mutator;
import io.github.ecgid.device.ads1292r.FrameDecoderTest.Collector;
import io.github.ecgid.device.ads1292r.FrameDecoderTest.Frame;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded mutation fuzzing of the frame decoders (issue 26): a valid stream with bit flips, inserted, deleted and
 * duplicated runs, fed in random chunks, never throws and keeps every byte accounted for
 * ({@code bytesIn == framesDecoded * frameBytes + bytesDiscarded + bytesPending}), and every emitted frame
 * decodes to in-range codes. Iterations: {@code -Decgid.fuzz.iterations=N} (default 400; docs/security.md).
 */
class DecoderFuzzTest {

    @ParameterizedTest
    @EnumSource(Ads1292rProtocol.class)
    void mutatedStreamsNeverThrowAndKeepTheCountersExact(Ads1292rProtocol p) {
        int iterations = Integer.getInteger("ecgid.fuzz.iterations", 400);
        long base = Long.getLong("ecgid.fuzz.seed", 26L) * 1_000_003L + p.ordinal();
        byte[] valid = FrameDecoderTest.encode(p, FrameDecoderTest.cleanFrames(p, 64, 9));
        for (int i = 0; i < iterations; i++) {
            long seed = base + i;
            SplittableRandom rnd = new SplittableRandom(seed);
            byte[] input = mutate(valid, rnd);
            FrameDecoder dec = p.newDecoder();
            Collector c = new Collector();
            try {
                FrameDecoderTest.feedInRandomChunks(dec, input, c, new java.util.Random(seed));
                if (rnd.nextBoolean()) {
                    dec.discardPending();
                }
            } catch (RuntimeException | Error e) {
                fail(p + " seed " + seed + ": " + e, e);
            }
            DecoderStats st = dec.stats();
            assertThat(st.bytesIn()).as("seed %d", seed).isEqualTo(input.length);
            assertThat(st.bytesIn()).as("seed %d", seed)
                    .isEqualTo(st.framesDecoded() * p.frameBytes() + st.bytesDiscarded() + st.bytesPending());
            List<Frame> frames = c.frames;
            assertThat(frames).as("seed %d", seed).allSatisfy(f -> {
                assertThat(f.ecg()).isBetween(AdcScale.MIN_CODE, AdcScale.MAX_CODE);
                assertThat(f.resp()).isBetween(AdcScale.MIN_CODE, AdcScale.MAX_CODE);
                assertThat(f.leadOff()).isBetween(0, 31);
            });
        }
    }

    private static byte[] mutate(byte[] valid, SplittableRandom rnd) {
        byte[] b = valid.clone();
        int n = 1 + rnd.nextInt(12);
        for (int k = 0; k < n; k++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(4)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> {
                    byte[] ins = new byte[1 + rnd.nextInt(20)];
                    rnd.nextBytes(ins);
                    b = Mutator.splice(b, at, 0, ins);
                }
                case 2 -> b = Mutator.splice(b, at, Math.min(b.length - at - 1, 1 + rnd.nextInt(20)), new byte[0]);
                default -> {
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(30));
                    b = Mutator.splice(b, at, 0, java.util.Arrays.copyOfRange(b, at, at + len));
                }
            }
        }
        return b;
    }
}
