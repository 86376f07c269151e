package io.sparkprune.train;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.PatternImages;
import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardedFitTest {
    /** 71 images in minibatches of 16: the last one has 7, which 2 shards split 3 + 4. */
    private static final LabeledImages TRAIN = PatternImages.mnistShaped(71, 1);

    private static RunConfig config(String... sets) {
        return ConfigLoader.runConfig(ConfigLoader.load(null, List.of(sets)));
    }

    /** Trains a copy of {@code net} for two epochs with {@code threads} native threads; returns it and its score. */
    private static MultiLayerNetwork train(MultiLayerNetwork net, int threads, double[] score) {
        MultiLayerNetwork copy = net.clone();
        int before = NativeThreads.current();
        try {
            NativeThreads.limit(threads);
            score[0] = LocalTrainer.fit(copy, TRAIN, 1, 2, 16, 5, epoch -> { });
            assertEquals(threads, NativeThreads.current(), "the thread budget is restored after sharded training");
        } finally {
            NativeThreads.limit(before);
        }
        return copy;
    }

    /**
     * DL4J's gradients are sums the updater divides by the minibatch size: summing the shards' and
     * rescaling gives the unsharded Adam step, the penalty applied once (l1/l2 on every layer here,
     * which would double if each shard applied it), up to float summation order.
     */
    @Test
    void shardedMinibatchesTrainAsTheWholeMinibatchesDo() {
        RunConfig cfg = config("model.width=0.5", "regularizer.type=l1l2", "regularizer.lambda=0.05", "train.lr=0.003");
        MultiLayerNetwork net = Networks.create(cfg);
        assertEquals(3, ShardedFit.shards(net, 3));
        assertEquals(2, ShardedFit.shards(net, 2));
        double[] whole = new double[1];
        double[] sharded = new double[1];
        MultiLayerNetwork a = train(net, 1, whole);
        MultiLayerNetwork b = train(net, 2, sharded);
        INDArray moved = a.params().sub(net.params());
        double diff = a.params().sub(b.params()).amaxNumber().doubleValue();
        double step = moved.amaxNumber().doubleValue();
        assertTrue(step > 1e-3, "training moved the parameters: " + step);
        assertTrue(diff < 1e-3 * step, "max |whole - sharded| = " + diff + " after steps of up to " + step);
        assertEquals(whole[0], sharded[0], 1e-4 * Math.abs(whole[0]), "the last minibatch's mean loss");
        assertEquals(a.getIterationCount(), b.getIterationCount());
        assertEquals(2 * 5, b.getIterationCount());
    }

    /** The same thread count gives the same weights, bit for bit: the shards' sum has a fixed order. */
    @Test
    void shardedTrainingIsRepeatable() {
        MultiLayerNetwork net = Networks.create(config("model.width=0.25", "regularizer.type=none"));
        assertEquals(net.clone().params(), net.params());
        MultiLayerNetwork a = train(net, 2, new double[1]);
        MultiLayerNetwork b = train(net, 2, new double[1]);
        assertEquals(a.params(), b.params());
    }

    @Test
    void theNetworksListenersAreItsOwnAgainAfterwards() {
        MultiLayerNetwork net = Networks.create(config("model.width=0.25", "regularizer.type=none"));
        ScoreIterationListener listener = new ScoreIterationListener(1000);
        net.setListeners(listener);
        try (ShardedFit sharded = ShardedFit.start(net, 2)) {
            sharded.begin(TRAIN.trainingBatch(new int[] {0, 1, 2, 3, 4}, 0, 5, 1, 0)).end();
            assertEquals(2, net.getListeners().size());
        }
        assertEquals(List.of(listener), List.copyOf(net.getListeners()));
    }

    /**
     * Sharded training runs each shard on one thread and then gives native ops their thread count
     * back, with BLAS on one thread whatever it found (restoring a fresh JVM's two BLAS threads made
     * the VGG-16 steps that followed ~25% slower); the calling thread's OpenMP team is never touched.
     */
    @Test
    void opThreadsComeBackAndBlasStaysOnOneThread() {
        MultiLayerNetwork net = Networks.create(config("model.width=0.25", "regularizer.type=none"));
        NativeThreads.Budget outside = NativeThreads.save();
        try {
            NativeThreads.limit(2);
            LocalTrainer.fit(net, TRAIN, 1, 16, 5);
            assertEquals(new NativeThreads.Budget(2, 1), NativeThreads.save());
        } finally {
            outside.restore();
        }
    }

    /** Batch norm's statistics and dropout's masks depend on the minibatch: those networks keep one shard. */
    @Test
    void networksWhoseExamplesInteractWithinAMinibatchAreNotSharded() {
        assertEquals(1, ShardedFit.shards(Networks.create(config("model.arch=vgg16", "model.width=0.25",
                "data.name=cifar10")), 4));
        assertEquals(1, ShardedFit.shards(Networks.create(config("model.width=0.25")), 1));
        MultiLayerConfiguration dropout = Networks.create(config("model.width=0.25")).getLayerWiseConfigurations()
                .clone();
        ((DenseLayer) dropout.getConf(4).getLayer()).setIDropout(new org.deeplearning4j.nn.conf.dropout.Dropout(0.5));
        MultiLayerNetwork withDropout = new MultiLayerNetwork(dropout);
        withDropout.init();
        assertEquals(1, ShardedFit.shards(withDropout, 4));
    }
}
