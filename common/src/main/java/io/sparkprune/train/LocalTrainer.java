package io.sparkprune.train;

import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Shuffling;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Iterator;
import java.util.function.Consumer;
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
     * shards, one per thread ({@link ShardedFit}); others use the threads inside each op.
     */
    public static double fit(MultiLayerNetwork net, LabeledImages train, int firstEpoch, int lastEpoch, int batchSize,
                             long seed, IntConsumer onEpoch) {
        int shards = ShardedFit.shards(net, NativeThreads.current());
        if (shards == 1 || lastEpoch < firstEpoch) {
            return fit(net, train, firstEpoch, lastEpoch, batchSize, seed, onEpoch, net::fit);
        }
        try (ShardedFit sharded = ShardedFit.start(net, shards)) {
            return fit(net, train, firstEpoch, lastEpoch, batchSize, seed, onEpoch, sharded::fit);
        }
    }

    private static double fit(MultiLayerNetwork net, LabeledImages train, int firstEpoch, int lastEpoch, int batchSize,
                              long seed, IntConsumer onEpoch, Consumer<DataSet> step) {
        double score = Double.NaN;
        for (int number = firstEpoch; number <= lastEpoch; number++) {
            int epoch = number - 1; // 0-based in the seeds, as always
            int[] order = Shuffling.order(train.count(), seed + epoch);
            for (int from = 0; from < order.length; from += batchSize) {
                step.accept(train.trainingBatch(order, from, Math.min(order.length, from + batchSize), seed, epoch));
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
