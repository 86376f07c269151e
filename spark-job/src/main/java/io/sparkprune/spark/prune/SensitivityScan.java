package io.sparkprune.spark.prune;

import io.sparkprune.budget.Probe;
import io.sparkprune.budget.Sensitivities;
import io.sparkprune.budget.SensitivityPoint;
import io.sparkprune.config.PruneRule;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.pruning.Pruner;
import io.sparkprune.stats.ActivationStats;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Layer sensitivities across the cluster, one Spark task per (layer, threshold) probe: the trained
 * network (its configuration JSON and parameters), the activation statistics its pruner folds
 * and the validation images are broadcast once; each task rebuilds the pruner and measures its
 * probe with {@link Sensitivities#measure}, as the local scan does.
 */
public final class SensitivityScan implements Sensitivities {
    private final JavaSparkContext sc;

    public SensitivityScan(JavaSparkContext sc) {
        this.sc = sc;
    }

    @Override
    public Scan of(MultiLayerNetwork trained, ActivationStats activations, PruneRule rule, LabeledImages validation) {
        return probes -> measure(trained, activations, rule, validation, probes);
    }

    private List<SensitivityPoint> measure(MultiLayerNetwork trained, ActivationStats activations, PruneRule rule,
                                           LabeledImages validation, List<Probe> probes) {
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
                mine.forEachRemaining(p -> out.add(Sensitivities.measure(pruner, images.value(), p)));
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
