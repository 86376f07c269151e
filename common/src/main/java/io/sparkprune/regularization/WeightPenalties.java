package io.sparkprune.regularization;

import io.sparkprune.config.RegularizerConfig;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;

/**
 * The regularizations a layer's weights carry under a {@link RegularizerConfig}. Group penalties
 * need the layer's geometry because DL4J hands {@code apply} a flat view of the weights.
 */
public final class WeightPenalties {
    private WeightPenalties() {
    }

    /** For conv weights of shape [nOut, nIn, kH, kW]. */
    public static List<Regularization> forConv(RegularizerConfig c, long nOut, long nIn, long kH, long kW) {
        return forShape(c);
    }

    /** For dense weights of shape [nIn, nOut]; empty unless {@code regularizer.dense} is set. */
    public static List<Regularization> forDense(RegularizerConfig c, long nIn, long nOut) {
        return c.dense() ? forShape(c) : List.of();
    }

    private static List<Regularization> forShape(RegularizerConfig c) {
        if (c.isOff()) {
            return List.of();
        }
        return switch (c.type()) {
            case NONE -> List.of();
            case L1 -> List.of(new L1Regularization(c.lambda()));
            case L2 -> List.of(new L2Regularization(c.lambda()));
            default -> throw new UnsupportedOperationException("regularizer.type " + c.type().configName()
                    + " is not implemented yet");
        };
    }
}
