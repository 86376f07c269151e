package io.sparkprune.pruning;

import io.sparkprune.config.PruneRule;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.DataSplits;
import io.sparkprune.data.Datasets;
import io.sparkprune.data.ImageFolderShape;
import io.sparkprune.io.ModelFiles;
import io.sparkprune.metrics.ModelCost;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.results.CurvePoint;
import io.sparkprune.spark.train.TrainSummary;
import io.sparkprune.stats.ActivationStats;
import io.sparkprune.stats.WeightStats;
import io.sparkprune.train.LocalTrainer;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 20's pilot comparison on a trained VGG-16-BN: the pruning curve (filters kept, test
 * accuracy) under the rule in force (|BN gamma| behind a batch norm) and under the old one (conv
 * weight norm), the same removed-filter constants (measured activation means) for both. Runs on
 * a train run's output directory:
 * <pre>mvn -pl spark-job -am test -Dtest=BatchNormRuleCurveExperiment -Dtest.excludedGroups=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dsparkprune.experiment.run=/work/pilot/l1l2-gamma-0.5</pre>
 * and prints a markdown table (also written to RUN/rule-curves.md).
 */
@Tag("slow")
class BatchNormRuleCurveExperiment {
    private static final List<Double> THRESHOLDS = List.of(0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8);

    @Test
    void bothRulesCurves() throws Exception {
        String run = System.getProperty("sparkprune.experiment.run");
        Assumptions.assumeTrue(run != null, "set -Dsparkprune.experiment.run=DIR (a train run's output)");
        Configuration conf = new Configuration();
        MultiLayerNetwork net = ModelFiles.read(run + "/model.zip", conf);
        RunConfig recorded = TrainSummary.fromJson(Files.readString(Path.of(run, TrainSummary.FILE))).config();
        DataSplits data = Datasets.splits(ImageFolderShape.resolve(recorded.data(), conf), conf);
        List<PrunableLayer> layers = NetworkTopology.prunableLayers(net, false);
        ActivationStats means = ActivationStats.over(net, layers, data.train(), PruningPipeline.INFERENCE_BATCH);
        Map<Integer, double[]> constants = new LinkedHashMap<>();
        layers.forEach(p -> constants.put(p.index(), means.mean(p.index())));
        Pruner pruner = new Pruner(net, means, PruneRule.RELATIVE, false);
        InputType input = InputType.convolutional(32, 32, 3);
        StringBuilder md = new StringBuilder("| threshold | rule | filters kept per layer | filters | params | test accuracy |\n"
                + "|---|---|---|---|---|---|\n");
        for (double t : THRESHOLDS) {
            Map<Integer, int[]> gamma = pruner.decide(t);
            Map<Integer, int[]> weights = new LinkedHashMap<>();
            layers.forEach(p -> weights.put(p.index(), PruneDecision.kept(WeightStats.of(net, p).l2(), PruneRule.RELATIVE, t)));
            row(md, t, "gamma (new)", net, layers, gamma, constants, data, input);
            row(md, t, "weight norm (old)", net, layers, weights, constants, data, input);
            // the rule in force is what the pipeline runs
            assertEquals(gamma.values().stream().mapToInt(k -> k.length).sum(),
                    pruner.prune(t).unitsAfter().values().stream().mapToInt(Integer::intValue).sum());
        }
        System.out.println(md);
        Files.writeString(Path.of(run, "rule-curves.md"), md.toString());
    }

    private static void row(StringBuilder md, double t, String rule, MultiLayerNetwork net, List<PrunableLayer> layers,
                            Map<Integer, int[]> keep, Map<Integer, double[]> constants, DataSplits data, InputType input) {
        MultiLayerNetwork pruned = NetworkSurgery.apply(net, layers, keep, constants);
        Map<String, Integer> kept = new LinkedHashMap<>();
        layers.forEach(p -> kept.put(p.name(), keep.get(p.index()).length));
        int total = kept.values().stream().mapToInt(Integer::intValue).sum();
        md.append(String.format("| %.2f | %s | %s | %d | %,d | %.4f |%n", t, rule, CurvePoint.join(kept), total,
                ModelCost.of(pruned, input).params(), LocalTrainer.accuracy(pruned, data.test(), 256)));
    }
}
