package io.sparkprune.regularization;

import io.sparkprune.config.RegularizerConfig;
import io.sparkprune.config.RegularizerGroup;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;

/**
 * The regularizations a layer's weights (or a batch norm's scales) carry under a {@link RegularizerConfig}. Group penalties
 * need the layer's geometry because DL4J hands {@code apply} a flat view of the weights.
 * Element-wise l1 and l2 use DL4J's own classes (same formulas: lambda*sum|w|, lambda/2*sum w^2).
 */
public final class WeightPenalties {
    private WeightPenalties() {
    }

    /** For conv weights of shape [nOut, nIn, kH, kW]. */
    public static List<Regularization> forConv(RegularizerConfig c, long nOut, long nIn, long kH, long kW) {
        return forShape(c, LayerShape.conv(nOut, nIn, kH, kW));
    }

    /** For dense weights of shape [nIn, nOut]; empty unless {@code regularizer.dense} is set. */
    public static List<Regularization> forDense(RegularizerConfig c, long nIn, long nOut) {
        return c.dense() ? forShape(c, LayerShape.dense(nIn, nOut)) : List.of();
    }

    /**
     * For the per-channel scales gamma of a batch norm over {@code channels} channels (vector [1, channels]):
     * each scale is its own group, so l1l2 is sum|gamma| / ||gamma||_2, Hoyer-square its square,
     * SSL and l1 are sum|gamma| (network slimming), l2 is 1/2 sum gamma^2.
     */
    public static List<Regularization> forScales(RegularizerConfig c, long channels) {
        return forShape(c, LayerShape.scales(channels));
    }

    /** The penalty for weights of the given geometry; empty when the config is off. */
    public static List<Regularization> forShape(RegularizerConfig c, LayerShape shape) {
        if (c.isOff()) {
            return List.of();
        }
        double lambda = c.lambda();
        return List.of(switch (c.type()) {
            case NONE -> throw new AssertionError("isOff covers none");
            case L1 -> new L1Regularization(lambda);
            case L2 -> new L2Regularization(lambda);
            case L1L2 -> NormRatioRegularization.l1OverL2(lambda, shape, grouping(c.group()));
            case HOYER_SQUARE -> NormRatioRegularization.hoyerSquare(lambda, shape, grouping(c.group()));
            case SSL -> c.group() == RegularizerGroup.FILTER_CHANNEL
                    ? new GroupLassoRegularization(lambda, shape, Grouping.FILTER, Grouping.CHANNEL)
                    : new GroupLassoRegularization(lambda, shape, grouping(c.group()));
        });
    }

    private static Grouping grouping(RegularizerGroup g) {
        return switch (g) {
            case FILTER -> Grouping.FILTER;
            case CHANNEL -> Grouping.CHANNEL;
            case ELEMENT -> Grouping.ELEMENT;
            case FILTER_CHANNEL -> throw new IllegalArgumentException("filter+channel is a pair of groupings");
        };
    }
}
