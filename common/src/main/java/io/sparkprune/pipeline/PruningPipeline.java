package io.sparkprune.pipeline;

import io.sparkprune.budget.BudgetChoice;
import io.sparkprune.budget.BudgetResult;
import io.sparkprune.budget.LayerBudgetSearch;
import io.sparkprune.budget.Sensitivities;
import io.sparkprune.config.DataConfig;
import io.sparkprune.config.PruneRule;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.DataSplits;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.metrics.ModelCost;
import io.sparkprune.prunable.NetworkTopology;
import io.sparkprune.prunable.PruningException;
import io.sparkprune.pruning.PruneDecision;
import io.sparkprune.pruning.PrunedNetwork;
import io.sparkprune.pruning.Pruner;
import io.sparkprune.results.CurvePoint;
import io.sparkprune.stats.ActivationStats;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

/**
 * Train -> measure -> prune -> evaluate, the one place these steps are put together (for
 * {@code train}, both sweep modes, {@code prune} and the notebooks). Training, statistics and
 * evaluation are strategies: in this JVM ({@link #local}) or on a cluster (given by spark-job).
 * Statistics are measured once; each threshold then only decides, cuts, evaluates and (with
 * {@code prune.finetune-epochs > 0}) fine-tunes its own copy, so the curve needs no retraining.
 */
public final class PruningPipeline {
    /** Minibatch size for inference (evaluation and statistics): it changes no result, only speed and memory. */
    public static final int INFERENCE_BATCH = 256;
    /** How far below the unpruned model's accuracy the cut rows go (5 points): the plots zoom to that range. */
    public static final double CUT_SCAN_DROP = 0.05;
    private static final Logger LOG = LoggerFactory.getLogger(PruningPipeline.class);

    private final Training training;
    private final Training finetuning;
    private final Statistics statistics;
    private final Evaluation evaluation;
    private final PruneRule rule;
    private final int curvePoints;
    private final double targetAccuracy;
    private final int finetuneEpochs;
    private final InputType input;
    /** False for a rung measurement, which reads the validation images only. */
    private final boolean testImages;

    private PruningPipeline(Training training, Training finetuning, Statistics statistics, Evaluation evaluation,
                            PruneRule rule, int curvePoints, double targetAccuracy, int finetuneEpochs, InputType input,
                            boolean testImages) {
        this.training = training;
        this.finetuning = finetuning;
        this.statistics = statistics;
        this.evaluation = evaluation;
        this.rule = rule;
        this.curvePoints = curvePoints;
        this.targetAccuracy = targetAccuracy;
        this.finetuneEpochs = finetuneEpochs;
        this.input = input;
        this.testImages = testImages;
    }

    /** The pipeline of {@code cfg} (its prune rule, fine-tuning epochs and input shape) with these strategies. */
    public static PruningPipeline of(RunConfig cfg, Training training, Training finetuning, Statistics statistics,
                                     Evaluation evaluation) {
        DataConfig data = cfg.data();
        return new PruningPipeline(training, finetuning, statistics, evaluation, cfg.prune().rule(),
                cfg.prune().curvePoints(), cfg.prune().targetAccuracy(), cfg.prune().finetuneEpochs(),
                InputType.convolutional(data.imageHeight(), data.imageWidth(), data.imageChannels()), true);
    }

    /** Everything in this JVM, on in-memory images (a grid-parallel task, {@code prune}, notebooks). */
    public static PruningPipeline local(RunConfig cfg, DataSplits data) {
        return local(cfg, data, (net, epoch) -> { });
    }

    /** As {@link #local(RunConfig, DataSplits)}; {@code onEpoch} sees each finished training (not fine-tuning) epoch. */
    public static PruningPipeline local(RunConfig cfg, DataSplits data, ObjIntConsumer<MultiLayerNetwork> onEpoch) {
        LabeledImages train = data.train();
        int batch = cfg.train().batchSize();
        long seed = cfg.train().seed();
        Training training = (net, first, last) -> {
            LocalTrainer.fit(net, train, first, last, batch, seed, epoch -> onEpoch.accept(net, epoch));
            return net;
        };
        Training finetuning = (net, first, last) -> {
            LocalTrainer.fit(net, train, first, last, batch, seed, epoch -> { });
            return net;
        };
        return of(cfg, training, finetuning, (net, layers) -> ActivationStats.over(net, layers, train, INFERENCE_BATCH),
                Evaluation.of(net -> LocalTrainer.accuracy(net, data.test(), INFERENCE_BATCH), !data.hasValidation()
                        ? null : net -> LocalTrainer.accuracy(net, data.validation(), INFERENCE_BATCH)));
    }

    /** This pipeline without fine-tuning: the curve of the trained model as it is. */
    public PruningPipeline withoutFinetuning() {
        return new PruningPipeline(training, finetuning, statistics, evaluation, rule, curvePoints, targetAccuracy, 0,
                input, testImages);
    }

    /**
     * This pipeline as a successive-halving rung's measurement: the grid thresholds only (no fine-tuning,
     * no cut rows, no budget search), on the validation images only (test accuracies null). The ranking
     * reads those alone; the test images are evaluated for the models a sweep finishes, never for a
     * decision, and a stopped point's rows carry no test accuracy.
     */
    public PruningPipeline rungMeasurement() {
        return new PruningPipeline(training, finetuning, statistics, evaluation, rule, 0, 0, 0, input, false);
    }

    /**
     * Trains {@code net} through epochs {@code firstEpoch..lastEpoch} (none when resuming after the
     * last), hands the trained network to {@code onTrained} (e.g. to save it), then {@link #curve}.
     */
    public CurveResult run(MultiLayerNetwork net, int firstEpoch, int lastEpoch, List<Double> thresholds,
                           Consumer<MultiLayerNetwork> onTrained, Consumer<PrunedModel> onPruned) {
        thresholds.forEach(PruneDecision::checkThreshold); // a bad threshold fails before hours of training
        long start = System.nanoTime();
        MultiLayerNetwork trained = training.train(net, firstEpoch, lastEpoch);
        double seconds = (System.nanoTime() - start) / 1e9;
        onTrained.accept(trained);
        long curveStart = System.nanoTime();
        CurveResult curve = curve(trained, thresholds, onPruned);
        double curveSeconds = (System.nanoTime() - curveStart) / 1e9;
        // what the curve (statistics, pruning, evaluation) costs next to training: the cut rows' budget;
        // a point resumed after its last epoch trained for no time, and a ratio to that means nothing
        LOG.info(String.format(Locale.ROOT, "curve of %d pruned models in %.1f s after %.1f s of training%s",
                curve.points().size(), curveSeconds, seconds,
                lastEpoch < firstEpoch ? "" : String.format(Locale.ROOT, " (+%.1f%%)", 100 * curveSeconds / seconds)));
        return new CurveResult(curve.accuracy(), curve.points(), seconds);
    }

    /**
     * The curve of a trained network: its accuracy, then per threshold (in the given order) the
     * pruned network's size and accuracy; {@code onPruned} sees each pruned model (e.g. to save it).
     * With {@code prune.curve-points > 0} the thresholds where the kept filters change follow
     * (ascending, {@link CurvePoint#CUT}, never fine-tuned nor handed to {@code onPruned}; see {@link #cuts}).
     * With {@code prune.target-accuracy > 0} and a model that reaches it unpruned on validation, the
     * {@link #budget} search's choice comes last ({@link BudgetResult#KIND}, not fine-tuned either).
     */
    public CurveResult curve(MultiLayerNetwork trained, List<Double> thresholds, Consumer<PrunedModel> onPruned) {
        thresholds.forEach(PruneDecision::checkThreshold);
        Double accuracy = testImages ? evaluation.accuracy(trained) : null;
        Double valAccuracy = evaluation.validationAccuracy(trained);
        ActivationStats activations = statistics.activations(trained, NetworkTopology.prunableLayers(trained, false));
        Pruner pruner = new Pruner(trained, activations, rule, false);
        ModelCost before = ModelCost.of(trained, input);
        List<CurvePoint> points = new ArrayList<>();
        for (double threshold : thresholds) {
            PrunedNetwork pruned = pruner.prune(threshold);
            // measured before fine-tuning, which trains the pruned network in place
            CurvePoint point = point(CurvePoint.GRID, pruned, accuracy, valAccuracy, before);
            MultiLayerNetwork result = pruned.network();
            if (finetuneEpochs > 0) {
                result = finetuning.train(pruned.network(), 1, finetuneEpochs);
                point = point.withFinetuned(evaluation.accuracy(result), evaluation.validationAccuracy(result));
            }
            points.add(point);
            onPruned.accept(new PrunedModel(point, pruned, result, pruner, activations));
        }
        points.addAll(cuts(pruner, thresholds, points, accuracy, valAccuracy, before));
        if (targetAccuracy > 0 && valAccuracy != null && valAccuracy >= targetAccuracy) {
            points.add(budget(trained, pruner, activations, targetAccuracy, LayerBudgetSearch.DEFAULT_LEVELS,
                    Sensitivities.sequential(input, this::validationAccuracy), accuracy, before).point());
        }
        return new CurveResult(accuracy, points, 0);
    }

    /**
     * The cut rows, kept cheap next to training: thresholds ascending, each pruned network measured
     * on validation images, until validation accuracy has fallen {@link #CUT_SCAN_DROP} below the
     * unpruned model's (no selection looks that far down); then test accuracy only for the cuts on the
     * curve's validation front (no other row smaller and at least as accurate), the only ones a
     * selection on validation accuracy can pick. Without a validation split, test accuracy does all of it.
     */
    private List<CurvePoint> cuts(Pruner pruner, List<Double> thresholds, List<CurvePoint> grid, Double accuracy,
                                  Double valAccuracy, ModelCost before) {
        boolean validated = valAccuracy != null;
        double scanFloor = (validated ? valAccuracy : accuracy) - CUT_SCAN_DROP;
        List<CurvePoint> scanned = new ArrayList<>();
        for (double cut : pruner.cuts(curvePoints, thresholds)) {
            PrunedNetwork pruned = pruner.prune(cut);
            ModelCost after = ModelCost.of(pruned.network(), input);
            Double val = evaluation.validationAccuracy(pruned.network());
            Double test = validated ? null : evaluation.accuracy(pruned.network());
            scanned.add(new CurvePoint(cut, CurvePoint.CUT, accuracy, test, CurvePoint.join(pruned.unitsBefore()),
                    CurvePoint.join(pruned.unitsAfter()), before.params(), after.params(), before.macs(), after.macs(),
                    null, valAccuracy, val, null));
            if ((validated ? val : test) < scanFloor) {
                break;
            }
        }
        if (!validated) {
            return scanned;
        }
        List<CurvePoint> all = new ArrayList<>(grid);
        all.addAll(scanned);
        List<CurvePoint> measured = new ArrayList<>();
        for (CurvePoint c : scanned) {
            boolean dominated = all.stream().anyMatch(o -> o.valAccuracyAfterPrune() >= c.valAccuracyAfterPrune()
                    && (o.paramsAfter() < c.paramsAfter() || o.valAccuracyAfterPrune() > c.valAccuracyAfterPrune()
                    && o.paramsAfter() == c.paramsAfter()));
            measured.add(dominated ? c : c.withAccuracyAfterPrune(evaluation.accuracy(pruner.prune(c.threshold()).network())));
        }
        return measured;
    }

    /**
     * A threshold per prunable layer ({@link LayerBudgetSearch}): the fewest parameters whose
     * validation accuracy stays >= {@code target}, each layer's curve with at most {@code levels}
     * steps measured by {@code sensitivities}. The search sees validation accuracies alone; the test
     * images are evaluated afterwards, for the unpruned and the chosen model only.
     */
    public BudgetResult budget(MultiLayerNetwork trained, double target, int levels, Sensitivities sensitivities) {
        LayerBudgetSearch.checkTarget(target);
        LayerBudgetSearch.checkLevels(levels);
        if (evaluation.validationAccuracy(trained) == null) {
            throw new PruningException("no validation images: a target accuracy is searched on held-out images;"
                    + " set data.validation = N (train with it, so that the model never sees them)");
        }
        ActivationStats activations = statistics.activations(trained, NetworkTopology.prunableLayers(trained, false));
        Pruner pruner = new Pruner(trained, activations, rule, false);
        return budget(trained, pruner, activations, target, levels, sensitivities, null, ModelCost.of(trained, input));
    }

    private BudgetResult budget(MultiLayerNetwork trained, Pruner pruner, ActivationStats activations, double target,
                                int levels, Sensitivities sensitivities, Double accuracy, ModelCost before) {
        BudgetChoice choice = new LayerBudgetSearch(pruner, input, this::validationAccuracy,
                sensitivities.of(trained, activations, rule)).search(target, levels);
        // Test accuracy only now that the choice is made.
        double testBefore = accuracy != null ? accuracy : evaluation.accuracy(trained);
        return new BudgetResult(choice, point(BudgetResult.KIND, choice.pruned(), testBefore,
                choice.valAccuracyBefore(), before));
    }

    private double validationAccuracy(MultiLayerNetwork net) {
        return evaluation.validationAccuracy(net);
    }

    /** A pruned network of the given kind, measured on both splits (validation only for a rung). */
    private CurvePoint point(String kind, PrunedNetwork pruned, Double accuracy, Double valAccuracy, ModelCost before) {
        ModelCost after = ModelCost.of(pruned.network(), input);
        return new CurvePoint(pruned.threshold(), kind, accuracy, testImages ? evaluation.accuracy(pruned.network()) : null,
                CurvePoint.join(pruned.unitsBefore()), CurvePoint.join(pruned.unitsAfter()), before.params(),
                after.params(), before.macs(), after.macs(), null, valAccuracy,
                evaluation.validationAccuracy(pruned.network()), null);
    }
}
