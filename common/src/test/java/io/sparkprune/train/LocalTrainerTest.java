package io.sparkprune.train;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.PatternImages;
import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalTrainerTest {
    private static final LabeledImages TRAIN = PatternImages.mnistShaped(600, 1);
    private static final LabeledImages TEST = PatternImages.mnistShaped(200, 2);

    private static RunConfig config(String... sets) {
        return ConfigLoader.runConfig(ConfigLoader.load(null, List.of(sets)));
    }

    @Test
    void learnsAPatternAndIsRepeatable() {
        RunConfig cfg = config("model.width=0.25", "regularizer.type=none");
        MultiLayerNetwork a = Networks.create(cfg);
        double before = LocalTrainer.accuracy(a, TEST, 50);
        LocalTrainer.fit(a, TRAIN, 2, 32, 7);
        double after = LocalTrainer.accuracy(a, TEST, 50);
        assertTrue(after > 0.9 && after > before + 0.3, "accuracy " + before + " -> " + after);

        MultiLayerNetwork b = Networks.create(cfg);
        LocalTrainer.fit(b, TRAIN, 2, 32, 7);
        assertEquals(a.params(), b.params(), "same seed, same data order, same weights");
    }

    /**
     * While it trains, the first layer's backward pass leaves out the gradient of the network's input,
     * on the single-thread path and in the sharded one (its replicas included); afterwards the network
     * computes it again. (That the parameter gradients stay the same is FastConvolutionLayerTest's.)
     */
    @Test
    void theFirstLayerLeavesOutTheInputGradientWhileTrainingOnly() {
        int before = NativeThreads.current();
        try {
            for (int threads : new int[]{1, 2}) {
                NativeThreads.limit(threads);
                MultiLayerNetwork net = Networks.create(config("model.width=0.25", "regularizer.type=none"));
                OptionalInputGradient first = (OptionalInputGradient) net.getLayer(0);
                List<Boolean> during = new java.util.ArrayList<>();
                net.addListeners(new org.deeplearning4j.optimize.api.BaseTrainingListener() {
                    @Override
                    public void onBackwardPass(org.deeplearning4j.nn.api.Model model) {
                        during.add(first.inputGradient());
                    }
                });
                assertTrue(first.inputGradient());
                LocalTrainer.fit(net, TRAIN, 1, 64, 7);
                assertEquals(List.of(false), during.stream().distinct().toList(), threads + " thread(s)");
                assertTrue(first.inputGradient(), "switched back on after " + threads + " thread(s)");
            }
        } finally {
            NativeThreads.limit(before);
        }
    }

    /**
     * Epochs 1..3 in one call equal epoch 1, a save and reload with Adam's state (a checkpoint), then
     * epochs 2..3: each epoch's order is drawn from its own number, not from the call's count.
     */
    @Test
    void resumingAfterAnEpochFromASavedModelEqualsTheUninterruptedRun() throws Exception {
        RunConfig cfg = config("model.width=0.25", "regularizer.type=l1l2", "regularizer.lambda=0.001",
                "train.epochs=3", "train.lr-schedule=linear");
        MultiLayerNetwork straight = Networks.create(cfg);
        List<Integer> seen = new java.util.ArrayList<>();
        LocalTrainer.fit(straight, TRAIN, 1, 3, 32, 7, seen::add);
        assertEquals(List.of(1, 2, 3), seen);

        MultiLayerNetwork first = Networks.create(cfg);
        LocalTrainer.fit(first, TRAIN, 1, 1, 32, 7, e -> { });
        java.io.ByteArrayOutputStream saved = new java.io.ByteArrayOutputStream();
        org.deeplearning4j.util.ModelSerializer.writeModel(first, saved, true);
        MultiLayerNetwork resumed = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(
                new java.io.ByteArrayInputStream(saved.toByteArray()), true);
        LocalTrainer.fit(resumed, TRAIN, 2, 3, 32, 7, e -> { });
        assertEquals(straight.params(), resumed.params(), "resumed after epoch 1 = uninterrupted");

        MultiLayerNetwork restarted = Networks.create(cfg);
        LocalTrainer.fit(restarted, TRAIN, 1, 1, 32, 7, e -> { });
        LocalTrainer.fit(restarted, TRAIN, 1, 2, 32, 7, e -> { });
        assertTrue(!straight.params().equals(restarted.params()), "epochs 1, 1, 2 are not epochs 1, 2, 3");
    }

    @Test
    void divergenceIsReported() {
        MultiLayerNetwork net = Networks.create(config("model.width=0.25", "regularizer.type=none", "train.lr=0.999"));
        net.setParams(net.params().muli(1e30));
        assertThrows(TrainingDivergedException.class, () -> LocalTrainer.fit(net, TRAIN, 1, 32, 7));
    }

    @Test
    void linearScheduleStepsOncePerEpochAndStopsAtTheLastEpochsRate() {
        MultiLayerNetwork net = Networks.create(config("model.width=0.25", "regularizer.type=none",
                "train.lr=0.004", "train.epochs=4", "train.lr-schedule=linear"));
        assertEquals(0.004, net.getLearningRate(0), 1e-12);
        LocalTrainer.fit(net, TRAIN, 1, 100, 7);
        assertEquals(0.003, net.getLearningRate(0), 1e-12);
        LocalTrainer.fit(net, TRAIN, 2, 100, 7);
        assertEquals(0.001, net.getLearningRate(0), 1e-12);
        LocalTrainer.fit(net, TRAIN, 2, 100, 7); // past the budget (fine-tuning): stays positive
        assertEquals(0.001, net.getLearningRate(0), 1e-12);
    }

    @Test
    void constantScheduleKeepsTheRate() {
        MultiLayerNetwork net = Networks.create(config("model.width=0.25", "regularizer.type=none", "train.lr=0.004"));
        LocalTrainer.fit(net, TRAIN, 2, 100, 7);
        assertEquals(0.004, net.getLearningRate(0), 1e-12);
    }
}
