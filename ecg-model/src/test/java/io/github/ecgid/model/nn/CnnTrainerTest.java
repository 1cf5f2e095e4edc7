package io.github.ecgid.model.nn;

import io.github.ecgid.core.EcgModelException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CnnTrainerTest {

    @Test
    void learnsSeparableWaveformsAboveNinetyFivePercent() {
        TrainingSet train = SyntheticBeats.make(4, 40, 0.1, 1);
        TrainingSet val = SyntheticBeats.make(4, 25, 0.1, 2);
        List<EpochMetrics> seen = new ArrayList<>();
        TrainedCnn trained = CnnTrainer.train(train, val, TrainingOptions.builder().epochs(12).seed(3).build(),
                seen::add);
        assertThat(trained.best().validationAccuracy()).isGreaterThan(0.95);
        assertThat(seen).hasSize(trained.history().size());
        assertThat(seen.get(seen.size() - 1).trainLoss()).isLessThan(seen.get(0).trainLoss());
        // the kept model really is that good on the validation beats
        int right = 0;
        for (int i = 0; i < val.size(); i++) {
            right += trained.model().predict(val.beat(i)).predictedClass() == val.label(i) ? 1 : 0;
        }
        assertThat(right / (double) val.size()).isGreaterThan(0.95);
    }

    @Test
    void sameSeedGivesIdenticalWeightsWithOneOrTwoThreads() {
        TrainingSet data = SyntheticBeats.make(3, 20, 0.3, 4);
        TrainingOptions opts = TrainingOptions.builder().epochs(2).batchSize(16).seed(9).build();
        CnnWeights a = CnnTrainer.train(data, opts.toBuilder().threads(2).build(), null).weights();
        CnnWeights b = CnnTrainer.train(data, opts.toBuilder().threads(2).build(), null).weights();
        CnnWeights c = CnnTrainer.train(data, opts.toBuilder().threads(1).build(), null).weights();
        assertThat(a).isEqualTo(b).isEqualTo(c);
        CnnWeights other = CnnTrainer.train(data, opts.toBuilder().seed(10).build(), null).weights();
        assertThat(other).isNotEqualTo(a);
    }

    @Test
    void reportsEveryEpochWithLearningRateAndEta() {
        TrainingSet data = SyntheticBeats.make(3, 12, 0.3, 5);
        List<EpochMetrics> seen = new ArrayList<>();
        TrainedCnn t = CnnTrainer.train(data, TrainingOptions.builder().epochs(3).learningRate(2e-3)
                .earlyStoppingPatience(0).build(), seen::add);
        assertThat(seen).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        assertThat(seen).allSatisfy(m -> {
            assertThat(m.learningRate()).isEqualTo(2e-3);
            assertThat(m.maxEpochs()).isEqualTo(3);
            assertThat(m.etaSeconds()).isGreaterThanOrEqualTo(0);
        });
        assertThat(seen.get(2).etaSeconds()).isZero();
        assertThat(t.history()).isEqualTo(seen);
        assertThat(t.dataFingerprint()).startsWith("sha256:");
    }

    @Test
    void stopsEarlyAndKeepsTheBestEpoch() {
        TrainingSet data = SyntheticBeats.make(3, 12, 0.05, 6);
        TrainedCnn t = CnnTrainer.train(data, TrainingOptions.builder().epochs(40).earlyStoppingPatience(2)
                .learningRate(3e-3).build(), null);
        assertThat(t.stoppedEarly()).isTrue();
        double bestAcc = t.history().stream().mapToDouble(EpochMetrics::validationAccuracy).max().orElseThrow();
        // patience counts from the first epoch that reached the best accuracy
        int firstBest = t.history().stream().filter(m -> m.validationAccuracy() == bestAcc).findFirst()
                .orElseThrow().epoch();
        assertThat(t.history()).hasSize(firstBest + 2);
        assertThat(t.best().validationAccuracy()).isEqualTo(bestAcc);
        // among equally accurate epochs, the one with the lowest validation loss is kept
        double lowestLoss = t.history().stream().filter(m -> m.validationAccuracy() == bestAcc)
                .mapToDouble(EpochMetrics::validationLoss).min().orElseThrow();
        assertThat(t.best().validationLoss()).isEqualTo(lowestLoss);
    }

    @Test
    void halvesTheLearningRateWhenValidationLossStalls() {
        TrainingSet data = SyntheticBeats.make(3, 12, 0.3, 7);
        // patience 0 and an unreachable improvement threshold: every epoch after the first counts as a stall
        TrainedCnn t = CnnTrainer.train(data, TrainingOptions.builder().epochs(4).plateauPatience(0)
                .plateauThreshold(0.99).earlyStoppingPatience(0).build(), null);
        assertThat(t.history()).extracting(EpochMetrics::learningRate)
                .containsExactly(1e-3, 1e-3, 5e-4, 2.5e-4);
    }

    @Test
    void rejectsBeatsOfTheWrongLengthOrWithNaN() {
        float[][] beats = {new float[175], new float[170]};
        assertThatThrownBy(() -> TrainingSet.of(beats, new int[] {0, 1}, List.of("a", "b")))
                .isInstanceOf(EcgModelException.class).hasMessageContaining("Beat 1").hasMessageContaining("170");
        float[][] nan = {new float[175], new float[175]};
        nan[0][12] = Float.NaN;
        assertThatThrownBy(() -> TrainingSet.of(nan, new int[] {0, 1}, List.of("a", "b")))
                .isInstanceOf(EcgModelException.class).hasMessageContaining("Beat 0").hasMessageContaining("NaN")
                .hasMessageContaining("sample 12");
        assertThatThrownBy(() -> TrainingSet.of(new float[][] {new float[175]}, new int[] {2}, List.of("a", "b")))
                .isInstanceOf(EcgModelException.class).hasMessageContaining("Label of beat 0 is 2");
    }

    @Test
    void stratifiedSplitHoldsOutTheSameShareOfEachClass() {
        TrainingSet data = SyntheticBeats.make(3, 20, 0.3, 8);
        TrainingSet.Split split = data.stratifiedSplit(0.25, 1);
        assertThat(split.validation().classCounts()).containsExactly(5, 5, 5);
        assertThat(split.training().classCounts()).containsExactly(15, 15, 15);
        assertThat(data.stratifiedSplit(0.25, 1).validation().fingerprint())
                .isEqualTo(split.validation().fingerprint());
    }

    @Test
    void rejectsOptionsOutOfRangeNamingTheSetting() {
        assertThatThrownBy(() -> TrainingOptions.builder().batchSize(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> TrainingOptions.builder().dropout(1.0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropout");
    }

    @Test
    void batchNormUsesBatchStatisticsInTrainingAndRunningStatisticsInEval() {
        try (TrainingNet net = new TrainingNet(3, 8, 1)) {
            net.load(CnnWeights.heInitialized(3, 2));
            SplittableRandom rnd = new SplittableRandom(3);
            float[] beats = new float[8 * 175];
            for (int i = 0; i < beats.length; i++) {
                beats[i] = (float) (2.0 + 3.0 * Gaussian.next(rnd)); // far from the initial running stats (0, 1)
            }
            int[] labels = {0, 1, 2, 0, 1, 2, 0, 1};
            float[] trainLogits = new float[24];
            float[] evalLogits = new float[24];
            net.forward(beats, labels, 8, true, trainLogits, null);
            net.forward(beats, labels, 8, false, evalLogits, null);
            assertThat(evalLogits).isNotEqualTo(trainLogits);
            // Eval mode is per-beat: a beat's output does not depend on the rest of the batch.
            float[] alone = new float[3];
            net.forward(beats, labels, 1, false, alone, null);
            assertThat(alone).containsExactly(evalLogits[0], evalLogits[1], evalLogits[2]);
            // The eval pass equals the float inference network built from the same weights.
            CnnOutput out = new LightweightCnn(net.toWeights()).predict(java.util.Arrays.copyOf(beats, 175));
            for (int i = 0; i < 3; i++) {
                assertThat(out.logits()[i]).isCloseTo(evalLogits[i], org.assertj.core.data.Offset.offset(1e-4f));
            }
            // A training step moves the running statistics toward the batch's (momentum 0.1, unbiased variance).
            Conv1dParams conv1 = net.toWeights().conv1();
            double sum = 0;
            double sumSq = 0;
            for (int b = 0; b < 8; b++) {
                double[][] x = new double[1][175];
                for (int t = 0; t < 175; t++) {
                    x[0][t] = beats[b * 175 + t];
                }
                for (double v : ReferenceForward.conv(x, conv1)[0]) {
                    sum += v;
                    sumSq += v * v;
                }
            }
            int count = 8 * 175;
            double mean = sum / count;
            double unbiased = (sumSq - count * mean * mean) / (count - 1);
            net.trainStep(beats, labels, 8, null, new double[net.size]);
            assertThat(net.runMean1[0]).isCloseTo(0.1 * mean, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(net.runVar1[0]).isCloseTo(0.9 + 0.1 * unbiased, org.assertj.core.data.Offset.offset(1e-7));
        }
    }
}
