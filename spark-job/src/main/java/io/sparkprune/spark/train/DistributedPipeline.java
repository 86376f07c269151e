package io.sparkprune.spark.train;

import io.sparkprune.config.RunConfig;
import io.sparkprune.pipeline.Evaluation;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.spark.stats.DistributedStatistics;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.function.BiConsumer;

/**
 * The pruning pipeline on a cluster: parameter-averaging training (and fine-tuning), activation
 * statistics on the executors where the data is cached, and evaluation on the executors; only
 * the pruning itself runs on the driver. Training and fine-tuning epochs take their minibatches
 * from {@link TrainingData#trainEpoch} (augmented afresh each epoch when {@code data.augment} says
 * so); statistics read the training set as it is.
 */
public final class DistributedPipeline {
    private DistributedPipeline() {
    }

    /** {@code onEpoch} sees each finished training epoch (not fine-tuning ones) and may checkpoint or stop it. */
    public static PruningPipeline of(JavaSparkContext sc, RunConfig cfg, TrainingData data,
                                     BiConsumer<EpochReport, MultiLayerNetwork> onEpoch) {
        DistributedTrainer trainer = new DistributedTrainer(sc, cfg);
        return PruningPipeline.of(cfg,
                (net, first, last) -> trainer.train(net, data::trainEpoch, data.test(), first, last, onEpoch),
                (net, first, last) -> trainer.train(net, data::trainEpoch, data.test(), first, last, (r, n) -> { }),
                (net, layers) -> DistributedStatistics.activations(sc, net, layers, data.train()),
                Evaluation.of(net -> trainer.accuracy(net, data.test()),
                        data.validation() == null ? null : net -> trainer.accuracy(net, data.validation())));
    }
}
