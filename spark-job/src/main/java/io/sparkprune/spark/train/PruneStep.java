package io.sparkprune.spark.train;

import io.sparkprune.config.RunConfig;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.metrics.ModelCost;
import io.sparkprune.pruning.NetworkTopology;
import io.sparkprune.pruning.PrunableLayer;
import io.sparkprune.pruning.PrunedNetwork;
import io.sparkprune.pruning.Pruner;
import io.sparkprune.spark.stats.DistributedStatistics;
import io.sparkprune.stats.ActivationStats;
import io.sparkprune.stats.FilterStatsCsv;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * After training: activation statistics on the executors, central pruning on the driver,
 * distributed evaluation of the pruned network, optional fine-tuning, and the run's records.
 */
final class PruneStep {
    private static final Logger LOG = LoggerFactory.getLogger(PruneStep.class);

    private final JavaSparkContext sc;
    private final RunConfig cfg;
    private final RunDirectory out;
    private final DistributedTrainer trainer;

    PruneStep(JavaSparkContext sc, RunConfig cfg, RunDirectory out, DistributedTrainer trainer) {
        this.sc = sc;
        this.cfg = cfg;
        this.out = out;
        this.trainer = trainer;
    }

    TrainSummary run(MultiLayerNetwork trained, double accuracy, TrainingData data, List<EpochReport> epochs) {
        List<PrunableLayer> layers = NetworkTopology.prunableLayers(trained, false);
        ActivationStats activations = DistributedStatistics.activations(sc, trained, layers, data.train());
        Pruner pruner = new Pruner(trained, activations, cfg.prune().rule(), false);
        PrunedNetwork pruned = pruner.prune(cfg.prune().threshold());
        out.writeText("filter-stats.csv", FilterStatsCsv.write(pruner, activations, pruned));
        double prunedAccuracy = trainer.accuracy(pruned.network(), data.test());
        LOG.info("pruned at {} {}: filters {} -> {}, accuracy {} -> {}", cfg.prune().rule().configName(),
                cfg.prune().threshold(), pruned.unitsBefore(), pruned.unitsAfter(), accuracy, prunedAccuracy);

        MultiLayerNetwork finalNet = pruned.network();
        Double finetuned = null;
        int finetuneEpochs = cfg.prune().finetuneEpochs();
        if (finetuneEpochs > 0) {
            finalNet = trainer.train(finalNet, data::trainEpoch, data.test(), 1, finetuneEpochs, (r, n) -> { });
            finetuned = trainer.accuracy(finalNet, data.test());
        }
        out.writeModel("pruned-model.zip", finalNet);

        InputType input = InputType.convolutional(cfg.data().imageHeight(), cfg.data().imageWidth(),
                cfg.data().imageChannels());
        ModelCost before = ModelCost.of(trained, input);
        ModelCost after = ModelCost.of(finalNet, input);
        return new TrainSummary(cfg, accuracy, prunedAccuracy, finetuned, pruned.unitsBefore(), pruned.unitsAfter(),
                before.params(), after.params(), before.macs(), after.macs(), epochs);
    }
}
