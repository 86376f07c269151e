package io.sparkprune.pipeline;

import io.sparkprune.data.DataSplits;
import io.sparkprune.stats.ActivationStats;
import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.pruning.Pruner;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.PatternImages;
import io.sparkprune.metrics.ModelCost;
import io.sparkprune.model.Networks;
import io.sparkprune.prunable.PruningException;
import io.sparkprune.results.CurvePoint;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local pipeline on pattern images: a tiny LeNet-5 trained, measured, pruned and evaluated. */
class PruningPipelineTest {
    private static final LabeledImages TRAIN = PatternImages.mnistShaped(600, 1);
    private static final LabeledImages TEST = PatternImages.mnistShaped(200, 2);

    private static RunConfig config(String... sets) {
        List<String> all = new ArrayList<>(List.of("model.width=0.25", "regularizer.type=l1l2", "regularizer.lambda=0.01",
                "train.lr=0.003", "train.batch-size=32"));
        all.addAll(List.of(sets));
        return ConfigLoader.runConfig(ConfigLoader.load(null, all));
    }

    @Test
    void curveMatchesEachPrunedNetworkMeasuredOnItsOwn() {
        RunConfig cfg = config();
        List<PrunedModel> seen = new ArrayList<>();
        List<MultiLayerNetwork> trained = new ArrayList<>();
        CurveResult result = PruningPipeline.local(cfg, DataSplits.of(TRAIN, TEST)).run(Networks.create(cfg), 1, 2,
                List.of(0.0, 0.3, 1.0), trained::add, seen::add);

        assertEquals(1, trained.size());
        assertEquals(LocalTrainer.accuracy(trained.get(0), TEST, 50), result.accuracy(), 1e-9);
        assertTrue(result.accuracy() > 0.8, "trained: " + result.accuracy());
        assertTrue(result.trainSeconds() > 0);
        assertEquals(List.of(0.0, 0.3, 1.0), result.points().stream().map(CurvePoint::threshold).toList());
        assertEquals(3, seen.size());
        InputType input = InputType.convolutional(28, 28, 1);
        for (PrunedModel p : seen) {
            CurvePoint c = p.point();
            assertEquals(LocalTrainer.accuracy(p.result(), TEST, 50), c.accuracyAfterPrune(), 1e-9);
            assertEquals(ModelCost.of(p.result(), input).params(), c.paramsAfter());
            assertEquals(ModelCost.of(trained.get(0), input).macs(), c.flopsBefore());
            assertNull(c.accuracyAfterFinetune(), "no fine-tuning configured");
        }
        CurvePoint none = result.points().get(0);
        assertEquals(result.accuracy(), none.accuracyAfterPrune(), 1e-9, "threshold 0 keeps every filter");
        assertEquals(none.paramsBefore(), none.paramsAfter());
        assertEquals("1-1", result.points().get(2).filtersAfter(), "threshold 1 keeps one filter per layer");
    }

    /**
     * With a validation split and curve points: the cut rows each keep another number of filters
     * (none a grid row's), are measured on validation until it has fallen 5 points, and carry test
     * accuracy exactly when no other row is smaller and at least as accurate on validation.
     */
    @Test
    void cutRowsAndValidationAccuraciesMeasureEachPrunedNetwork() {
        RunConfig cfg = config("prune.curve-points=8");
        LabeledImages validation = PatternImages.mnistShaped(150, 3);
        MultiLayerNetwork net = Networks.create(cfg);
        LocalTrainer.fit(net, TRAIN, 1, 32, 42);
        List<PrunedModel> handed = new ArrayList<>();
        CurveResult result = PruningPipeline.local(cfg, new DataSplits(TRAIN, validation, TEST))
                .curve(net, List.of(0.0, 0.5), handed::add);

        assertEquals(2, handed.size(), "only the thresholds asked for are handed on (e.g. to be saved)");
        List<CurvePoint> cuts = result.points().subList(2, result.points().size());
        assertTrue(cuts.size() >= 2 && cuts.size() <= 8, "a tiny LeNet has more than 8 cut points: " + cuts.size());
        double unpruned = result.points().get(0).valAccuracyBeforePrune();
        for (int i = 0; i < cuts.size() - 1; i++) {
            assertTrue(cuts.get(i).valAccuracyAfterPrune() >= unpruned - PruningPipeline.CUT_SCAN_DROP,
                    "the scan goes on only while validation accuracy is within 5 points");
        }
        assertTrue(cuts.size() == 8 || cuts.get(cuts.size() - 1).valAccuracyAfterPrune() < unpruned - PruningPipeline.CUT_SCAN_DROP,
                "the scan stopped early only below the floor");
        assertTrue(cuts.stream().allMatch(c -> c.thresholdKind().equals(CurvePoint.CUT)));
        assertTrue(result.points().subList(0, 2).stream().allMatch(c -> c.thresholdKind().equals(CurvePoint.GRID)));
        java.util.Set<String> kept = new java.util.HashSet<>();
        result.points().subList(0, 2).forEach(c -> kept.add(c.filtersAfter()));
        cuts.forEach(c -> assertTrue(kept.add(c.filtersAfter()), "cut " + c.threshold() + " keeps what another row keeps"));
        Pruner pruner = new Pruner(net, ActivationStats.over(net, NetworkTopology.prunableLayers(net, false), TRAIN,
                PruningPipeline.INFERENCE_BATCH), cfg.prune().rule(), false);
        int tested = 0;
        for (CurvePoint c : result.points()) {
            MultiLayerNetwork pruned = pruner.prune(c.threshold()).network();
            boolean dominated = result.points().stream().anyMatch(o -> o.valAccuracyAfterPrune() >= c.valAccuracyAfterPrune()
                    && (o.paramsAfter() < c.paramsAfter()
                    || o.paramsAfter() == c.paramsAfter() && o.valAccuracyAfterPrune() > c.valAccuracyAfterPrune()));
            if (c.thresholdKind().equals(CurvePoint.CUT) && dominated) {
                assertNull(c.accuracyAfterPrune(), "no selection can pick a dominated cut: its test accuracy is not measured");
            } else {
                assertEquals(LocalTrainer.accuracy(pruned, TEST, 50), c.accuracyAfterPrune(), 1e-9);
                tested += c.thresholdKind().equals(CurvePoint.CUT) ? 1 : 0;
            }
            assertEquals(LocalTrainer.accuracy(pruned, validation, 50), c.valAccuracyAfterPrune(), 1e-9);
            assertEquals(LocalTrainer.accuracy(net, validation, 50), c.valAccuracyBeforePrune(), 1e-9);
            assertNull(c.valAccuracyAfterFinetune());
        }
        assertTrue(tested >= 1, "the smallest cut within the scan is on the front");
        CurveResult plain = PruningPipeline.local(config(), DataSplits.of(TRAIN, TEST)).curve(net, List.of(0.5), p -> { });
        assertEquals(1, plain.points().size(), "no curve points: only the thresholds asked for");
        assertNull(plain.points().get(0).valAccuracyAfterPrune(), "no validation split: no validation accuracy");
    }

    /**
     * A halving rung's measurement: the grid thresholds' rows as the full curve has them on validation,
     * nothing else, and no test image read (its evaluation of the test split fails the test).
     */
    @Test
    void aRungMeasurementHasTheGridRowsOnValidationAndNeverReadsTheTestImages() {
        RunConfig cfg = config("prune.finetune-epochs=1", "prune.curve-points=4", "prune.target-accuracy=0.5");
        MultiLayerNetwork net = Networks.create(cfg);
        LocalTrainer.fit(net, TRAIN, 1, 32, 42);
        LabeledImages validation = PatternImages.mnistShaped(100, 3);
        DataSplits data = new DataSplits(TRAIN, validation, TEST);
        CurveResult full = PruningPipeline.local(cfg, data).curve(net, List.of(0.0, 0.5), p -> { });
        PruningPipeline blind = PruningPipeline.of(cfg, (n, first, last) -> n, (n, first, last) -> n,
                (n, layers) -> ActivationStats.over(n, layers, TRAIN, PruningPipeline.INFERENCE_BATCH),
                Evaluation.of(n -> {
                    throw new AssertionError("a rung read the test images");
                }, n -> LocalTrainer.accuracy(n, validation, PruningPipeline.INFERENCE_BATCH)));
        CurveResult rung = blind.rungMeasurement().curve(net, List.of(0.0, 0.5), p -> { });
        assertTrue(full.points().size() > 2, "the full curve has cut and budget rows: " + full.points());
        assertNull(rung.accuracy());
        assertEquals(2, rung.points().size());
        for (int i = 0; i < 2; i++) {
            CurvePoint f = full.points().get(i);
            CurvePoint r = rung.points().get(i);
            assertEquals(List.of(f.threshold(), f.thresholdKind(), f.paramsAfter(), f.valAccuracyBeforePrune(),
                    f.valAccuracyAfterPrune()), List.of(r.threshold(), r.thresholdKind(), r.paramsAfter(),
                    r.valAccuracyBeforePrune(), r.valAccuracyAfterPrune()));
            assertTrue(f.accuracyAfterPrune() != null && f.accuracyAfterFinetune() != null);
            assertTrue(r.accuracyBeforePrune() == null && r.accuracyAfterPrune() == null
                    && r.accuracyAfterFinetune() == null, r.toString());
        }
    }

    @Test
    void finetuningTrainsEachPrunedCopyAndRecordsItsAccuracy() {
        RunConfig cfg = config("prune.finetune-epochs=1");
        MultiLayerNetwork net = Networks.create(cfg);
        LocalTrainer.fit(net, TRAIN, 1, 32, 42);
        var trainedParams = net.params().dup();
        List<PrunedModel> plain = new ArrayList<>();
        CurveResult unfinetuned = PruningPipeline.local(cfg, DataSplits.of(TRAIN, TEST)).withoutFinetuning()
                .curve(net, List.of(0.5), plain::add);
        assertNull(unfinetuned.points().get(0).accuracyAfterFinetune());

        List<PrunedModel> seen = new ArrayList<>();
        CurveResult result = PruningPipeline.local(cfg, DataSplits.of(TRAIN, TEST)).curve(net, List.of(0.5), seen::add);
        PrunedModel p = seen.get(0);
        assertEquals(plain.get(0).point().paramsAfter(), p.point().paramsAfter(), "the same pruning");
        assertEquals(unfinetuned.points().get(0).accuracyAfterPrune(), result.points().get(0).accuracyAfterPrune(),
                "the pruned accuracy is measured before fine-tuning trains the pruned network");
        assertNotEquals(plain.get(0).result().params(), p.result().params(), "the fine-tuned copy was trained");
        assertEquals(LocalTrainer.accuracy(p.result(), TEST, 50), result.points().get(0).accuracyAfterFinetune(), 1e-9);
        assertEquals(trainedParams, net.params(), "the trained network itself is not touched");
    }

    @Test
    void aBadThresholdFailsBeforeAnyTraining() {
        RunConfig cfg = config();
        List<Integer> trainedEpochs = new ArrayList<>();
        PruningPipeline pipeline = PruningPipeline.of(cfg, (net, first, last) -> {
            trainedEpochs.add(last);
            return net;
        }, (net, first, last) -> net, (net, layers) -> null, Evaluation.of(net -> 0, null));
        assertThrows(PruningException.class, () -> pipeline.run(Networks.create(cfg), 1, 5, List.of(0.1, -1.0),
                n -> { }, p -> { }));
        assertEquals(List.of(), trainedEpochs);
    }
}
