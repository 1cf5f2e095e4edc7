package io.github.ecgid.model.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.Prediction;
import io.github.ecgid.model.TestModels;
import io.github.ecgid.model.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class OrtBeatClassifierTest {

    private static final Logger LOG = LoggerFactory.getLogger(OrtBeatClassifierTest.class);

    private static final OnnxModel MODEL = OnnxModel.export(TestModels.randomWeights(6, 2024),
            TestModels.provenance(6));

    @Test
    void matchesPureJavaOnAThousandRandomBeats() {
        float[][] beats = TestModels.randomBeats(1_000, 99);
        double logits = 0;
        double emb = 0;
        try (BeatClassifier java = BeatClassifier.open(MODEL, Engine.PURE_JAVA);
             BeatClassifier ort = BeatClassifier.open(MODEL, Engine.ONNX_RUNTIME)) {
            List<Prediction> viaOrt = ort.predictBatch(beats);
            for (int i = 0; i < beats.length; i++) {
                Prediction a = java.predict(beats[i]);
                Prediction b = viaOrt.get(i);
                logits = Math.max(logits, TestModels.maxAbsDiff(a.logits(), b.logits()));
                emb = Math.max(emb, TestModels.maxAbsDiff(a.embedding(), b.embedding()));
            }
        }
        LOG.info("parity over 1000 random beats: max |logit diff| {}, max |embedding diff| {}", logits, emb);
        assertThat(logits).isLessThanOrEqualTo(1e-4);
        assertThat(emb).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void reproducesPyTorchGoldenLogitsAndPureJavaEmbeddings() {
        OnnxModel pytorch = OnnxModel.fromBytes(TestModels.resource(TestModels.PYTORCH_ONNX), "pytorch");
        TestModels.Golden golden = TestModels.golden();
        try (BeatClassifier ort = BeatClassifier.open(pytorch, Engine.ONNX_RUNTIME);
             BeatClassifier java = BeatClassifier.open(pytorch, Engine.PURE_JAVA)) {
            for (int i = 0; i < golden.beats().length; i++) {
                Prediction p = ort.predict(golden.beats()[i]);
                assertThat(TestModels.maxAbsDiff(p.logits(), golden.logits()[i])).isLessThanOrEqualTo(1e-5);
                assertThat(TestModels.maxAbsDiff(p.embedding(), java.predict(golden.beats()[i]).embedding()))
                        .isLessThanOrEqualTo(1e-5);
            }
        }
    }

    @Test
    void singleBeatAndBatchCallsAgree() {
        float[][] beats = TestModels.randomBeats(7, 4);
        try (OrtBeatClassifier ort = OrtBeatClassifier.builder(MODEL).intraOpThreads(2).build()) {
            List<Prediction> batch = ort.predictBatch(beats);
            assertThat(ort.predictBatch(new float[0][])).isEmpty();
            for (int i = 0; i < beats.length; i++) {
                Prediction single = ort.predict(beats[i]);
                assertThat(TestModels.maxAbsDiff(single.logits(), batch.get(i).logits())).isLessThan(1e-5);
            }
            // a smaller batch after a larger one reuses the grown buffers
            assertThat(ort.predictBatch(new float[][] {beats[3]}).get(0).logits())
                    .containsExactly(ort.predict(beats[3]).logits());
        }
    }

    @Test
    void batchesLargerThanOneChunkKeepTheirOrder() {
        float[][] beats = TestModels.randomBeats(OrtBeatClassifier.MAX_CHUNK + 300, 12);
        try (OrtBeatClassifier ort = OrtBeatClassifier.builder(MODEL).build()) {
            List<Prediction> all = ort.predictBatch(beats);
            assertThat(all).hasSize(beats.length);
            for (int i : new int[] {0, OrtBeatClassifier.MAX_CHUNK - 1, OrtBeatClassifier.MAX_CHUNK, beats.length - 1}) {
                assertThat(TestModels.maxAbsDiff(all.get(i).logits(), ort.predict(beats[i]).logits()))
                        .isLessThan(1e-5);
            }
        }
    }

    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        float[][] beats = TestModels.randomBeats(64, 8);
        try (OrtBeatClassifier ort = OrtBeatClassifier.builder(MODEL).build()) {
            List<Prediction> expected = ort.predictBatch(beats);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> jobs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int offset = t;
                    jobs.add(pool.submit(() -> {
                        for (int r = 0; r < 50; r++) {
                            int i = (offset * 13 + r * 7) % beats.length;
                            float[] got = r % 5 == 0 ? ort.predictBatch(new float[][] {beats[i], beats[0]}).get(0)
                                    .logits() : ort.predict(beats[i]).logits();
                            if (TestModels.maxAbsDiff(got, expected.get(i).logits()) > 1e-5) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> f : jobs) {
                    assertThat(f.get()).isTrue();
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() {
        OrtBeatClassifier ort = OrtBeatClassifier.builder(MODEL).build();
        float[] beat = TestModels.randomBeats(1, 1)[0];
        ort.predict(beat);
        ort.close();
        ort.close();
        assertThatThrownBy(() -> ort.predict(beat)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has been closed");
        assertThatThrownBy(() -> ort.predictBatch(new float[][] {beat})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has been closed");
    }

    @Test
    void closeWhileOthersPredictNeverCrashesThem() throws Exception {
        float[][] beats = TestModels.randomBeats(8, 21);
        OrtBeatClassifier ort = OrtBeatClassifier.builder(MODEL).build();
        float[] expected = ort.predict(beats[0]).logits();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> jobs = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                jobs.add(pool.submit(() -> {
                    for (int r = 0; r < 100_000; r++) {
                        try {
                            float[] got = ort.predict(beats[0]).logits();
                            if (TestModels.maxAbsDiff(got, expected) > 1e-5) {
                                return "wrong result";
                            }
                        } catch (IllegalStateException closed) {
                            return "closed";
                        }
                    }
                    return "never closed";
                }));
            }
            Thread.sleep(50);
            ort.close();
            for (Future<String> f : jobs) {
                assertThat(f.get()).isEqualTo("closed");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void rejectsBadBeatsBeforeInference() {
        float[][] beats = TestModels.randomBeats(3, 1);
        beats[2][40] = Float.NaN;
        try (BeatClassifier ort = BeatClassifier.open(MODEL, Engine.ONNX_RUNTIME)) {
            assertThatThrownBy(() -> ort.predictBatch(beats)).isInstanceOf(EcgModelException.class)
                    .hasMessageContaining("beat 2").hasMessageContaining("sample 40").hasMessageContaining("NaN");
            assertThatThrownBy(() -> ort.predict(new float[174])).isInstanceOf(EcgModelException.class)
                    .hasMessageContaining("174 samples").hasMessageContaining("175");
            assertThatThrownBy(() -> ort.predict(beats[2])).isInstanceOf(EcgModelException.class);
        }
    }

    @Test
    void pureJavaEngineRejectsTheSameBadBeats() {
        try (BeatClassifier java = BeatClassifier.open(MODEL, Engine.PURE_JAVA)) {
            float[] beat = new float[175];
            beat[0] = Float.POSITIVE_INFINITY;
            assertThatThrownBy(() -> java.predict(beat)).isInstanceOf(EcgModelException.class)
                    .hasMessageContaining("sample 0");
            assertThatThrownBy(() -> java.predict(new float[200])).isInstanceOf(EcgModelException.class)
                    .hasMessageContaining("200 samples");
        }
    }
}
