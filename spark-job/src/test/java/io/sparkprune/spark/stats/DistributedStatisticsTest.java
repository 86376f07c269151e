package io.sparkprune.spark.stats;

import io.sparkprune.data.DataSplits;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.PatternImages;
import io.sparkprune.model.Networks;
import io.sparkprune.pipeline.PrunedModel;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.pruning.Pruner;
import io.sparkprune.spark.SparkTestContexts;
import io.sparkprune.spark.train.DistributedPipeline;
import io.sparkprune.spark.train.TrainingData;
import io.sparkprune.train.LocalTrainer;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster pipeline's statistics strategy (what {@code train} prunes with) measures on the
 * executors, over the cached minibatches, the activation means the local pipeline measures in one
 * JVM; so both prune a trained network to the same network. (PruningEquivalenceTest shows the
 * local pipeline's pruned network is the original with removed filters forced to those means.)
 */
class DistributedStatisticsTest {
    private static final double THRESHOLD = 0.3;
    /** Float networks fed the same images: only summation order differs. */
    private static final double TOLERANCE = 1e-5;

    @Test
    void theClusterPipelinePrunesWithTheMeansTheLocalPipelineMeasures() {
        RunConfig cfg = ConfigLoader.runConfig(ConfigLoader.load(null, List.of("model.width=0.5",
                "regularizer.type=l1l2", "regularizer.lambda=0.01", "train.lr=0.003", "train.batch-size=32")));
        LabeledImages train = PatternImages.mnistShaped(300, 1);
        LabeledImages test = PatternImages.mnistShaped(64, 2);
        MultiLayerNetwork net = Networks.create(cfg);
        LocalTrainer.fit(net, train, 1, 32, 42);
        for (PrunableLayer p : NetworkTopology.prunableLayers(net, false)) { // filters 0 and 2 of each conv layer go
            INDArray w = net.getLayer(p.index()).getParam("W");
            for (int f : new int[]{0, 2}) {
                w.get(NDArrayIndex.point(f), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()).muli(1e-3);
            }
        }

        List<PrunedModel> local = new ArrayList<>();
        PruningPipeline.local(cfg, DataSplits.of(train, test)).curve(net, List.of(THRESHOLD), local::add);
        List<PrunedModel> cluster = new ArrayList<>();
        try (JavaSparkContext sc = SparkTestContexts.local(2)) {
            TrainingData data = TrainingData.of(sc, train, test, 32);
            assertTrue(data.train().getNumPartitions() > 1, "statistics merged over partitions");
            DistributedPipeline.of(sc, cfg, data, (r, n) -> { }).curve(net, List.of(THRESHOLD), cluster::add);
        }

        PrunedModel l = local.get(0);
        PrunedModel c = cluster.get(0);
        for (PrunableLayer p : l.pruned().layers()) {
            // The same float activations, summed in another order.
            assertArrayEquals(l.activations().mean(p.index()), c.activations().mean(p.index()), 1e-6, p.name());
            assertArrayEquals(l.activations().apoz(p.index()), c.activations().apoz(p.index()), 1e-6, p.name());
        }
        assertEquals(l.pruned().unitsAfter(), c.pruned().unitsAfter());
        for (PrunableLayer p : c.pruned().layers()) {
            assertTrue(!c.pruned().isKept(p, 0) && !c.pruned().isKept(p, 2), p.name() + " " + c.pruned().unitsAfter());
        }

        INDArray x = test.toDataSet().getFeatures();
        INDArray expected = l.result().output(x);
        double diff = expected.sub(c.result().output(x)).amaxNumber().doubleValue();
        assertTrue(diff < TOLERANCE, "max |local pipeline's pruned - cluster pipeline's| = " + diff);
        // Control: the tolerance sees the difference between measured means and bias-only constants
        // (softmax outputs: here about 1.7e-4).
        MultiLayerNetwork biasOnly = new Pruner(net, null, cfg.prune().rule(), false).prune(THRESHOLD).network();
        double control = expected.sub(biasOnly.output(x)).amaxNumber().doubleValue();
        assertTrue(control > 10 * TOLERANCE, "the measured means change the pruned network by only " + control);
    }
}
