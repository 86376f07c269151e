package io.sparkprune.bench;

import io.sparkprune.config.Augmentation;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Shuffling;
import io.sparkprune.model.Networks;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.Arrays;
import java.util.List;

/**
 * What {@code data.augment = crop-flip} adds to training: in each round, the time to form every
 * minibatch of {@code images} with it and without it, and the time of a few training steps of the
 * reference network; the extra time per minibatch over the time per step is taken within each
 * round (load that drifts between rounds cancels) and the median over rounds is reported.
 */
public final class AugmentationCost {
    private AugmentationCost() {
    }

    /**
     * @param msPerBatch         extra milliseconds crop-flip costs per minibatch
     * @param secondsPerEpoch50k that over one 50,000-image epoch (CIFAR-10's training set)
     * @param stepFraction       extra time per minibatch / one training step of the reference network
     */
    public record Result(double msPerBatch, double secondsPerEpoch50k, double stepFraction) {
    }

    /** {@code stepImages}: what the reference network trains on in each round (a few minibatches). */
    public static Result measure(RunConfig reference, LabeledImages images, LabeledImages stepImages, int rounds) {
        int batch = reference.train().batchSize();
        LabeledImages plain = images.withAugmentation(Augmentation.NONE);
        LabeledImages augmented = images.withAugmentation(Augmentation.CROP_FLIP);
        int[] order = Shuffling.order(images.count(), 1);
        MultiLayerNetwork net = Networks.create(reference);
        double[][] seconds = Interleaved.roundSeconds(List.of(
                () -> epoch(plain, order, batch),
                () -> epoch(augmented, order, batch),
                () -> LocalTrainer.fit(net, stepImages, 1, batch, 1)), 1, rounds);
        double batches = Math.ceil(images.count() / (double) batch);
        double steps = Math.ceil(stepImages.count() / (double) batch);
        double[] extra = new double[rounds];
        double[] fraction = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            extra[r] = (seconds[1][r] - seconds[0][r]) / batches;
            fraction[r] = extra[r] / (seconds[2][r] / steps);
        }
        double perBatch = median(extra);
        return new Result(perBatch * 1e3, perBatch * Math.ceil(50_000.0 / batch), median(fraction));
    }

    private static void epoch(LabeledImages images, int[] order, int batchSize) {
        for (int from = 0; from < order.length; from += batchSize) {
            images.trainingBatch(order, from, Math.min(order.length, from + batchSize), 7, 0);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
