package io.sparkprune.model;

import io.sparkprune.model.bn.FastBatchNormalization;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;

/**
 * A DL4J {@link BatchNormalization} whose per-channel scale gamma carries the layer's regularization
 * (DL4J's own returns none for any BN parameter): the penalty of {@code regularizer.target = auto |
 * bn-scale} on a conv followed by batch norm. The penalty is the inherited {@code regularization}
 * list, so it is written into the network JSON (with this class's name) and read back like any
 * layer's; DL4J's updater and score pick it up through {@link #getRegularizationByParam}. Beta and
 * the running statistics stay unpenalised. Models saved with plain BatchNormalization load as before.
 * It computes like {@link FastBatchNormalization} (oneDNN where it loads), which adds no JSON field.
 */
public class PenalizedBatchNormalization extends FastBatchNormalization {

    /** For Jackson; DL4J's BatchNormalization defaults (decay 0.9, eps 1e-5, gamma 1, beta 0). */
    public PenalizedBatchNormalization() {
    }

    /** A batch norm over {@code channels} channels whose gamma carries {@code gammaPenalty}. */
    public static PenalizedBatchNormalization of(long channels, List<Regularization> gammaPenalty) {
        PenalizedBatchNormalization bn = new PenalizedBatchNormalization();
        bn.setNOut(channels);
        bn.setRegularization(List.copyOf(gammaPenalty));
        return bn;
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return BatchNormalizationParamInitializer.GAMMA.equals(paramName) && !isLockGammaBeta() ? getRegularization()
                : null;
    }

    @Override
    public PenalizedBatchNormalization clone() {
        return (PenalizedBatchNormalization) super.clone();
    }
}
