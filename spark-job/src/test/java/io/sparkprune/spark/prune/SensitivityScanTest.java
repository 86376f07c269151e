package io.sparkprune.spark.prune;

import io.sparkprune.budget.BudgetFixtures;
import io.sparkprune.budget.BudgetResult;
import io.sparkprune.budget.Probe;
import io.sparkprune.budget.Sensitivities;
import io.sparkprune.budget.SensitivityPoint;
import io.sparkprune.config.PruneRule;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.pipeline.PruningPipeline;
import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PrunableLayer;
import io.sparkprune.pruning.Pruner;
import io.sparkprune.spark.SparkTestContexts;
import io.sparkprune.stats.ActivationStats;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One Spark task per (layer, threshold) on local[2] measures what the local scan measures: the
 * network, its pruner's statistics and the validation images reach the executors unchanged.
 */
class SensitivityScanTest {

    @Test
    void theClusterScanMeasuresWhatTheLocalScanMeasures() {
        MultiLayerNetwork trained = BudgetFixtures.trained();
        LabeledImages validation = BudgetFixtures.DATA.validation();
        List<PrunableLayer> layers = NetworkTopology.prunableLayers(trained, false);
        ActivationStats stats = ActivationStats.over(trained, layers, BudgetFixtures.DATA.train(),
                PruningPipeline.INFERENCE_BATCH);
        Pruner pruner = new Pruner(trained, stats, PruneRule.RELATIVE, false);
        List<Probe> probes = new ArrayList<>();
        for (PrunableLayer p : layers) {
            pruner.layerCuts(p, 4).forEach(t -> probes.add(new Probe(p.index(), t)));
        }
        InputType input = InputType.convolutional(28, 28, 1);
        List<SensitivityPoint> local = Sensitivities.sequential(input,
                n -> LocalTrainer.accuracy(n, validation, PruningPipeline.INFERENCE_BATCH))
                .of(trained, stats, PruneRule.RELATIVE).measure(probes);
        List<SensitivityPoint> cluster;
        BudgetResult budget;
        double target = local.stream().mapToDouble(SensitivityPoint::valAccuracy).max().orElseThrow() - 0.05;
        PruningPipeline pipeline = PruningPipeline.local(BudgetFixtures.config(), BudgetFixtures.DATA);
        try (JavaSparkContext sc = SparkTestContexts.local(2)) {
            SensitivityScan scan = new SensitivityScan(sc, validation);
            cluster = scan.of(trained, stats, PruneRule.RELATIVE).measure(probes);
            budget = pipeline.budget(trained, target, 4, scan);
        }
        assertEquals(8, probes.size(), "two conv layers, four steps each");
        assertEquals(local, cluster);
        assertTrue(local.stream().map(SensitivityPoint::valAccuracy).distinct().count() > 1,
                "the probes measure different networks: " + local);
        BudgetResult here = pipeline.budget(trained, target, 4, Sensitivities.sequential(input,
                n -> LocalTrainer.accuracy(n, validation, PruningPipeline.INFERENCE_BATCH)));
        assertEquals(here.choice().thresholds(), budget.choice().thresholds(), "the same search either way");
        assertEquals(here.point(), budget.point());
    }
}
