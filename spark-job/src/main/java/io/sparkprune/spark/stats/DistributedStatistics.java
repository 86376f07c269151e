package io.sparkprune.spark.stats;

import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.stats.ActivationStats;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Iterator;
import java.util.List;

/**
 * Activation statistics over the whole training set, computed where the data lives: the model
 * is broadcast once, each partition feeds its minibatches through its own copy, and the
 * per-partition accumulators are tree-merged to the driver.
 */
public final class DistributedStatistics {
    private static final int TREE_DEPTH = 2;

    private DistributedStatistics() {
    }

    public static ActivationStats activations(JavaSparkContext sc, MultiLayerNetwork net, List<PrunableLayer> layers,
                                              JavaRDD<DataSet> data) {
        Broadcast<String> conf = sc.broadcast(net.getLayerWiseConfigurations().toJson());
        // A copy: destroying the broadcast must not release the driver network's own buffer (local mode shares it).
        Broadcast<INDArray> params = sc.broadcast(net.params().dup());
        try {
            ActivationStats zero = ActivationStats.empty(layers);
            return data.mapPartitions((Iterator<DataSet> batches) -> {
                MultiLayerNetwork local = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf.value()));
                local.init(params.value(), false);
                ActivationStats stats = zero;
                while (batches.hasNext()) {
                    stats = stats.add(local, layers, batches.next());
                }
                return List.of(stats).iterator();
            }).treeReduce(ActivationStats::merge, TREE_DEPTH);
        } finally {
            conf.destroy();
            params.destroy();
        }
    }
}
