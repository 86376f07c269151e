package io.sparkprune.train;

import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Shuffling;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Iterator;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Single-JVM training and evaluation on in-memory images: what one grid-parallel sweep task
 * runs on its executor, and what notebooks and benchmarks use. Each epoch sees the data in a
 * new order drawn from the seed, and its minibatches come from
 * {@link LabeledImages#trainingBatch} (augmented as the images say), so a run is repeatable.
 */
public final class LocalTrainer {
    private LocalTrainer() {
    }

    /** Trains {@code epochs} epochs in place (epochs 1..epochs); returns the last minibatch's score. */
    public static double fit(MultiLayerNetwork net, LabeledImages train, int epochs, int batchSize, long seed) {
        return fit(net, train, 1, epochs, batchSize, seed, epoch -> { });
    }

    /**
     * Trains epochs {@code firstEpoch..lastEpoch} (1-based, inclusive) in place, each epoch's order and
     * augmentation drawn from the seed and the epoch's number, so that a run resumed after epoch k from
     * a checkpoint sees what the uninterrupted run saw; {@code onEpoch} gets each finished epoch's
     * number (e.g. to checkpoint it). Returns the last minibatch's score. With more than one native
     * thread, a network whose examples do not interact within a minibatch trains each minibatch in
     * shards, one per thread ({@link ShardedFit}); others use the threads inside each op. The first
     * layer leaves out the gradient of the network's input meanwhile ({@link OptionalInputGradient}).
     */
    public static double fit(MultiLayerNetwork net, LabeledImages train, int firstEpoch, int lastEpoch, int batchSize,
                             long seed, IntConsumer onEpoch) {
        OptionalInputGradient first = FirstLayerInputGradient.switchOff(net);
        try {
            int shards = ShardedFit.shards(net, NativeThreads.current());
            if (shards == 1 || lastEpoch < firstEpoch) {
                return fit(net, train, firstEpoch, lastEpoch, batchSize, seed, onEpoch, batch -> {
                    net.fit(batch);
                    return () -> { };
                });
            }
            try (ShardedFit sharded = ShardedFit.start(net, shards)) {
                return fit(net, train, firstEpoch, lastEpoch, batchSize, seed, onEpoch, sharded::begin);
            }
        } finally {
            if (first != null) {
                first.inputGradient(true);
            }
        }
    }

    /**
     * Each step is started by {@code begin}, and the next minibatch is built while it runs (sharded steps
     * leave the calling thread idle until they end); a step ends before the next one starts.
     */
    private static double fit(MultiLayerNetwork net, LabeledImages train, int firstEpoch, int lastEpoch, int batchSize,
                              long seed, IntConsumer onEpoch, Function<DataSet, ShardedFit.Step> begin) {
        double score = Double.NaN;
        for (int number = firstEpoch; number <= lastEpoch; number++) {
            int epoch = number - 1; // 0-based in the seeds, as always
            int[] order = Shuffling.order(train.count(), seed + epoch);
            DataSet batch = order.length == 0 ? null
                    : train.trainingBatch(order, 0, Math.min(order.length, batchSize), seed, epoch);
            for (int from = 0; from < order.length; from += batchSize) {
                ShardedFit.Step step = begin.apply(batch);
                try {
                    int next = from + batchSize;
                    batch = next < order.length
                            ? train.trainingBatch(order, next, Math.min(order.length, next + batchSize), seed, epoch)
                            : null;
                } finally {
                    step.end();
                }
            }
            net.incrementEpochCount(); // fit(DataSet) does not, and epoch-based lr schedules read it
            score = net.score();
            if (!Double.isFinite(score)) {
                throw new TrainingDivergedException("training diverged in epoch " + number + ": loss " + score);
            }
            onEpoch.accept(number);
        }
        return score;
    }

    /** Classification accuracy on {@code test}. */
    public static double accuracy(MultiLayerNetwork net, LabeledImages test, int batchSize) {
        Evaluation eval = new Evaluation(test.numClasses());
        Iterator<DataSet> batches = test.minibatchIterator(batchSize);
        while (batches.hasNext()) {
            DataSet b = batches.next();
            eval.eval(b.getLabels(), net.output(b.getFeatures(), false));
        }
        return eval.accuracy();
    }
}
