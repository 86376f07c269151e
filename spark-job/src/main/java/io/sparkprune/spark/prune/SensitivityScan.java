package io.sparkprune.spark.prune;

import io.sparkprune.budget.Probe;
import io.sparkprune.budget.Sensitivities;
import io.sparkprune.budget.SensitivityPoint;
import io.sparkprune.config.PruneRule;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.pruning.Pruner;
import io.sparkprune.stats.ActivationStats;
import io.sparkprune.train.LocalTrainer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Layer sensitivities across the cluster, one Spark task per (layer, threshold) probe: the trained
 * network (its configuration JSON and parameters), the activation statistics its pruner folds
 * and the validation images are broadcast once; each task rebuilds the pruner and measures its
 * probe with {@link Sensitivities#measure}, as {@link Sensitivities#sequential} does in one JVM.
 */
public final class SensitivityScan implements Sensitivities {
    private final JavaSparkContext sc;
    private final LabeledImages validation;

    /** Probes measured on {@code validation}, as {@link PruningPipeline#local} measures validation accuracy. */
    public SensitivityScan(JavaSparkContext sc, LabeledImages validation) {
        this.sc = sc;
        this.validation = validation;
    }

    @Override
    public Scan of(MultiLayerNetwork trained, ActivationStats activations, PruneRule rule) {
        return probes -> measure(trained, activations, rule, probes);
    }

    private List<SensitivityPoint> measure(MultiLayerNetwork trained, ActivationStats activations, PruneRule rule,
                                           List<Probe> probes) {
        if (probes.isEmpty()) {
            return List.of();
        }
        Broadcast<String> conf = sc.broadcast(trained.getLayerWiseConfigurations().toJson());
        // A copy: destroying the broadcast must not release the driver network's own buffer (local mode shares it).
        Broadcast<INDArray> params = sc.broadcast(trained.params().dup());
        Broadcast<ActivationStats> stats = sc.broadcast(activations);
        Broadcast<LabeledImages> images = sc.broadcast(validation);
        try {
            return sc.parallelize(probes, probes.size()).mapPartitions((Iterator<Probe> mine) -> {
                MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf.value()));
                net.init(params.value(), true);
                Pruner pruner = new Pruner(net, stats.value(), rule, false);
                List<SensitivityPoint> out = new ArrayList<>();
                LabeledImages v = images.value();
                InputType input = InputType.convolutional(v.height(), v.width(), v.channels());
                mine.forEachRemaining(p -> out.add(Sensitivities.measure(pruner, input,
                        n -> LocalTrainer.accuracy(n, v, PruningPipeline.INFERENCE_BATCH), p)));
                return out.iterator();
            }).collect();
        } finally {
            conf.destroy();
            params.destroy();
            stats.destroy();
            images.destroy();
        }
    }
}
