package io.github.ecgid.model.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddingsTest {
    private static float[] randomUnit(Random r, int dim) {
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = (float) r.nextGaussian();
        }
        return Embeddings.unit(v);
    }

    @Test
    void cosineOfTheMeanRanksTemplatesAsTheMeanOfCosinesDoes() {
        Random r = new Random(17);
        for (int trial = 0; trial < 200; trial++) {
            float[][] rows = new float[10][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = randomUnit(r, 12);
            }
            float[] a = randomUnit(r, 12);
            float[] b = randomUnit(r, 12);
            double meanCosA = 0;
            double meanCosB = 0;
            for (float[] row : rows) {
                meanCosA += Embeddings.dot(row, a) / rows.length;
                meanCosB += Embeddings.dot(row, b) / rows.length;
            }
            double fusedA = Embeddings.dot(Embeddings.meanDirection(rows, 0, rows.length), a);
            double fusedB = Embeddings.dot(Embeddings.meanDirection(rows, 0, rows.length), b);
            if (Math.abs(meanCosA - meanCosB) > 1e-6) {
                assertThat(fusedA > fusedB).as("trial %d", trial).isEqualTo(meanCosA > meanCosB);
            }
            assertThat(Math.abs(fusedA)).isGreaterThanOrEqualTo(Math.abs(meanCosA) - 1e-6);
        }
    }

    @Test
    void theCosineOfOneRowsMeanIsItsCosine() {
        Random r = new Random(3);
        float[][] rows = {randomUnit(r, 8), randomUnit(r, 8)};
        float[] t = randomUnit(r, 8);
        assertThat(Embeddings.dot(Embeddings.meanDirection(rows, 1, 1), t)).isCloseTo(Embeddings.dot(rows[1], t), within(1e-6));
    }
}
