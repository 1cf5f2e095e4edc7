package io.github.ecgid.device.ads1292r;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.device.ads1292r.FrameDecoderTest.Collector;
import io.github.ecgid.device.ads1292r.FrameDecoderTest.Frame;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 26's serial target: garbage injected at 10 % of the frame boundaries of 4000 frames (random bytes of any
 * value, bursts of status words, and cut-off frames) costs at most 1 % of the intact frames and fabricates no
 * sample.
 */
class GarbageResyncTest {

    private static final int FRAMES = 4000;

    /** ECG-like frames: codes wander slowly; lead-off bits change now and then, as when an electrode comes off. */
    private static List<Frame> frames(Ads1292rProtocol p, Random rnd) {
        List<Frame> out = new ArrayList<>();
        int ecg = 0;
        int resp = 0;
        int leadOff = 0;
        for (int i = 0; i < FRAMES; i++) {
            ecg = Math.max(-200_000, Math.min(200_000, ecg + rnd.nextInt(2001) - 1000));
            resp = Math.max(-200_000, Math.min(200_000, resp + rnd.nextInt(201) - 100));
            if (p == Ads1292rProtocol.RAW_FRAME && rnd.nextInt(500) == 0) {
                leadOff = rnd.nextInt(32);
            }
            out.add(new Frame(ecg, resp, leadOff));
        }
        return out;
    }

    private static void garbage(Ads1292rProtocol p, Random rnd, ByteArrayOutputStream out) {
        byte[] f = new byte[p.frameBytes()];
        switch (rnd.nextInt(3)) {
            case 0 -> { // random bytes, any value
                int n = 1 + rnd.nextInt(40);
                for (int k = 0; k < n; k++) {
                    out.write(rnd.nextInt(256));
                }
            }
            case 1 -> { // a burst of headers: status words, or CES start bytes
                int n = 1 + rnd.nextInt(8);
                for (int k = 0; k < n; k++) {
                    if (p == Ads1292rProtocol.RAW_FRAME) {
                        int loff = rnd.nextInt(4) == 0 ? rnd.nextInt(32) : 0;
                        out.write(0xC0 | loff >> 1);
                        out.write((loff & 1) << 7);
                        out.write(0);
                    } else {
                        out.write(0x0A);
                        out.write(0xFA);
                    }
                }
            }
            default -> { // the start of a frame that was cut off
                p.encode(rnd.nextInt(1 << 20), rnd.nextInt(1 << 20), 0, f, 0);
                out.write(f, 0, 1 + rnd.nextInt(p.frameBytes() - 1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Ads1292rProtocol.class)
    void garbageAtOneBoundaryInTenCostsUnderOnePercentOfFramesAndFabricatesNone(Ads1292rProtocol p) {
        Random rnd = new Random(26);
        List<Frame> frames = frames(p, rnd);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        byte[] f = new byte[p.frameBytes()];
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0 && rnd.nextInt(10) == 0) {
                garbage(p, rnd, stream);
            }
            Frame fr = frames.get(i);
            p.encode(fr.ecg(), fr.resp(), fr.leadOff(), f, 0);
            stream.write(f, 0, f.length);
        }
        byte[] bytes = stream.toByteArray();
        FrameDecoder dec = p.newDecoder();
        Collector c = new Collector();
        FrameDecoderTest.feedInRandomChunks(dec, bytes, c, new Random(27));

        // no fabricated sample: what came out is the sent frames, in order, with some left out
        assertThat(frames).containsSubsequence(c.frames);
        assertThat(c.frames.size()).isGreaterThanOrEqualTo((int) Math.ceil(0.99 * FRAMES));
        DecoderStats st = dec.stats();
        assertThat(st.bytesIn()).isEqualTo(bytes.length);
        assertThat(st.framesDecoded()).isEqualTo(c.frames.size());
        assertThat(st.bytesIn()).isEqualTo(st.framesDecoded() * p.frameBytes() + st.bytesDiscarded()
                + st.bytesPending());
    }
}
