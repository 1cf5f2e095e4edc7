package io.github.ecgid.model.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.math.Embeddings;
import io.github.ecgid.model.nn.CnnWeights;
import io.github.ecgid.model.onnx.ModelProvenance;
import io.github.ecgid.model.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Synthetic people whose beats differ by a few person-specific shapes, while each recording session adds a much
 * larger shared disturbance (electrode placement, baseline): what the identity space has to see through.
 */
class IdentitySpaceTest {
    private static final int BEAT = 175;
    private static final int EMBEDDING = 8;

    /** One person's "true" beat: a shared QRS-T shape plus small person-specific bumps. */
    private static double[] person(Random r) {
        double[] x = new double[BEAT];
        for (int s = 0; s < BEAT; s++) {
            x[s] = 3 * Math.exp(-Math.pow((s - 62) / 4.0, 2)) + Math.exp(-Math.pow((s - 130) / 12.0, 2));
        }
        for (int k = 0; k < 3; k++) {
            double centre = 20 + r.nextInt(BEAT - 40);
            double amp = 0.15 * r.nextGaussian();
            for (int s = 0; s < BEAT; s++) {
                x[s] += amp * Math.exp(-Math.pow((s - centre) / 6.0, 2));
            }
        }
        return x;
    }

    /** A session: strong disturbance along three fixed directions (slope, curvature, T-wave scale). */
    private static double[] session(Random r) {
        double[] d = new double[BEAT];
        double slope = 0.6 * r.nextGaussian();
        double bow = 0.6 * r.nextGaussian();
        double t = 0.6 * r.nextGaussian();
        for (int s = 0; s < BEAT; s++) {
            double u = (s - BEAT / 2.0) / BEAT;
            d[s] = slope * u + bow * (u * u - 1 / 12.0) * 4 + t * Math.exp(-Math.pow((s - 130) / 12.0, 2));
        }
        return d;
    }

    private static float[][] beats(double[] person, double[] session, int count, Random r) {
        float[][] out = new float[count][BEAT];
        for (int b = 0; b < count; b++) {
            for (int s = 0; s < BEAT; s++) {
                out[b][s] = (float) (person[s] + session[s] + 0.02 * r.nextGaussian());
            }
        }
        return out;
    }

    /** Uninformative stand-in embeddings: the network view is not under test here. */
    private static float[][] noise(int count, Random r) {
        float[][] e = new float[count][EMBEDDING];
        for (float[] row : e) {
            for (int d = 0; d < EMBEDDING; d++) {
                row[d] = (float) r.nextGaussian();
            }
        }
        return e;
    }

    private static IdentitySpace fitOnBackground(int people, Random r) {
        List<float[]> beats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            double[] shape = person(r);
            for (int s = 0; s < 3; s++) {
                for (float[] b : beats(shape, session(r), 10, r)) {
                    beats.add(b);
                    labels.add(p);
                }
            }
        }
        float[][] x = beats.toArray(new float[0][]);
        return IdentitySpace.fit(noise(x.length, r), x, labels.stream().mapToInt(i -> i).toArray());
    }

    @Test
    void waveformViewIdentifiesNewPeopleAcrossSessionsBetterThanTheRawWaveform() {
        Random r = new Random(11);
        IdentitySpace space = fitOnBackground(40, r);
        int people = 20;
        float[][] enrolledWhitened = new float[people][];
        float[][] enrolledRaw = new float[people][];
        float[][][] probes = new float[people][][];
        for (int p = 0; p < people; p++) {
            double[] shape = person(r);
            float[][] enroll = beats(shape, session(r), 10, r);
            enrolledWhitened[p] = template(space, enroll, r);
            enrolledRaw[p] = rawTemplate(enroll);
            probes[p] = beats(shape, session(r), 10, r);
        }
        int rightWhitened = 0;
        int rightRaw = 0;
        for (int p = 0; p < people; p++) {
            for (float[] probe : probes[p]) {
                float[] v = space.vector(noise(1, r)[0], probe, Matcher.WAVEFORM);
                rightWhitened += nearest(enrolledWhitened, v) == p ? 1 : 0;
                rightRaw += nearest(enrolledRaw, zeroMeanUnit(probe)) == p ? 1 : 0;
            }
        }
        int total = people * 10;
        assertThat(rightWhitened).as("whitened %d / raw %d of %d", rightWhitened, rightRaw, total)
                .isGreaterThanOrEqualTo((int) (0.7 * total))
                .isGreaterThan(rightRaw + total / 2);
    }

    @Test
    void fusedCosineIsTheMeanOfTheTwoViewsCosines() {
        Random r = new Random(3);
        IdentitySpace space = fitOnBackground(6, r);
        float[][] e = noise(2, r);
        float[][] b = beats(person(r), session(r), 2, r);
        double fused = Embeddings.dot(space.vector(e[0], b[0], Matcher.FUSED), space.vector(e[1], b[1], Matcher.FUSED));
        double network = Embeddings.dot(space.vector(e[0], b[0], Matcher.NETWORK),
                space.vector(e[1], b[1], Matcher.NETWORK));
        double waveform = Embeddings.dot(space.vector(e[0], b[0], Matcher.WAVEFORM),
                space.vector(e[1], b[1], Matcher.WAVEFORM));
        assertThat(fused).isCloseTo((network + waveform) / 2, within(1e-6));
        assertThat(Embeddings.dot(space.vector(e[0], b[0], Matcher.FUSED), space.vector(e[0], b[0], Matcher.FUSED)))
                .isCloseTo(1.0, within(1e-6));
    }

    @Test
    void travelsInsideTheModelFileUnchanged() {
        Random r = new Random(5);
        IdentitySpace space = fitOnBackground(5, r);
        OnnxModel model = space.attachTo(tinyModel());
        IdentitySpace back = IdentitySpace.of(OnnxModel.fromBytes(model.toBytes(), "copy.onnx")).orElseThrow();
        float[] e = noise(1, r)[0];
        float[] b = beats(person(r), session(r), 1, r)[0];
        assertThat(back.vector(e, b, Matcher.FUSED)).containsExactly(space.vector(e, b, Matcher.FUSED));
        assertThat(back.dimension()).isEqualTo(EMBEDDING + IdentitySpace.DEFAULT_COMPONENTS);
        assertThat(IdentitySpace.of(tinyModel())).isEmpty();
    }

    @Test
    void refusesATruncatedSpaceNamingTheMetadataEntry() {
        OnnxModel model = fitOnBackground(5, new Random(5)).attachTo(tinyModel());
        String encoded = model.metadata().get(IdentitySpace.METADATA_KEY);
        OnnxModel cut = OnnxModel.fromBytes(model.withMetadata(IdentitySpace.METADATA_KEY,
                encoded.substring(0, encoded.length() / 8 * 4)).toBytes(), "cut.onnx");
        assertThatThrownBy(() -> IdentitySpace.of(cut)).isInstanceOf(EcgModelException.class)
                .hasMessageContaining("cut.onnx").hasMessageContaining(IdentitySpace.METADATA_KEY)
                .hasMessageContaining("truncated");
    }

    @Test
    void refusesTheEmbeddingMatcherWhichDoesNotUseTheSpace() {
        IdentitySpace space = fitOnBackground(5, new Random(5));
        assertThatThrownBy(() -> space.vector(new float[EMBEDDING], new float[BEAT], Matcher.EMBEDDING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Matcher.EMBEDDING");
    }

    @Test
    void refusesABeatOfAnotherLength() {
        IdentitySpace space = fitOnBackground(5, new Random(5));
        assertThatThrownBy(() -> space.vector(new float[EMBEDDING], new float[100], Matcher.FUSED))
                .isInstanceOf(EcgModelException.class).hasMessageContaining("175-sample beat");
    }

    private static float[] template(IdentitySpace space, float[][] beats, Random r) {
        float[][] v = new float[beats.length][];
        for (int i = 0; i < beats.length; i++) {
            v[i] = space.vector(noise(1, r)[0], beats[i], Matcher.WAVEFORM);
        }
        return PersonTemplate.fromEmbeddings("p", v).centroid();
    }

    private static float[] rawTemplate(float[][] beats) {
        float[][] v = new float[beats.length][];
        for (int i = 0; i < beats.length; i++) {
            v[i] = zeroMeanUnit(beats[i]);
        }
        return PersonTemplate.fromEmbeddings("p", v).centroid();
    }

    private static float[] zeroMeanUnit(float[] x) {
        double m = 0;
        for (float v : x) {
            m += v;
        }
        m /= x.length;
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] - m);
        }
        return Embeddings.unit(y);
    }

    private static int nearest(float[][] templates, float[] v) {
        int best = 0;
        for (int i = 1; i < templates.length; i++) {
            if (Embeddings.dot(templates[i], v) > Embeddings.dot(templates[best], v)) {
                best = i;
            }
        }
        return best;
    }

    private static OnnxModel tinyModel() {
        return OnnxModel.export(CnnWeights.heInitialized(3, 1), ModelProvenance.builder()
                .classLabels(List.of("a", "b", "c")).samplingRateHz(250).build());
    }
}
