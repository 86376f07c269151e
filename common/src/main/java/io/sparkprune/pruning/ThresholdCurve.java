package io.sparkprune.pruning;

import io.sparkprune.config.PruneRule;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.metrics.ModelCost;
import io.sparkprune.stats.ActivationStats;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The whole accuracy-vs-size curve of one trained model: pruned at every threshold (statistics
 * computed once), each pruned network measured and evaluated on the test images.
 */
public final class ThresholdCurve {
    public static final String CSV_HEADER =
            "threshold,filters_before,filters_after,params_before,params_after,flops_before,flops_after,accuracy";
    private static final int EVAL_BATCH = 256;

    private ThresholdCurve() {
    }

    /** Records in threshold order; {@code onPruned} sees each pruned network (e.g. to save it). */
    public static List<ThresholdRecord> of(MultiLayerNetwork trained, ActivationStats activations, PruneRule rule,
                                           List<Double> thresholds, LabeledImages test,
                                           BiConsumer<Double, MultiLayerNetwork> onPruned) {
        InputType input = InputType.convolutional(test.height(), test.width(), test.channels());
        ModelCost before = ModelCost.of(trained, input);
        Pruner pruner = new Pruner(trained, activations, rule, false);
        List<ThresholdRecord> records = new ArrayList<>();
        for (PrunedNetwork p : pruner.pruneAll(thresholds)) {
            ModelCost after = ModelCost.of(p.network(), input);
            records.add(new ThresholdRecord(p.threshold(), p.unitsBefore(), p.unitsAfter(), before.params(),
                    after.params(), before.macs(), after.macs(), LocalTrainer.accuracy(p.network(), test, EVAL_BATCH)));
            onPruned.accept(p.threshold(), p.network());
        }
        return records;
    }

    public static String csv(List<ThresholdRecord> records) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (ThresholdRecord r : records) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%d,%.4f%n", r.threshold(),
                    ThresholdRecord.join(r.unitsBefore()), ThresholdRecord.join(r.unitsAfter()), r.paramsBefore(),
                    r.paramsAfter(), r.macsBefore(), r.macsAfter(), r.accuracy()));
        }
        return sb.toString();
    }
}
