package io.sparkprune.regularization;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How the coefficients of a {@code [nOut, nIn, spatial]} weight view (see {@link LayerShape}) fall
 * into groups, and the two operations every group penalty is built from: the vector of group
 * norms, and adding a per-group multiple of the weights to a gradient. Every penalty here has a
 * gradient of the form {@code dR/dw_i = c_{g(i)} * w_i}, which is why those two suffice.
 */
public enum Grouping {
    /** One group per output filter / neuron: reduce over channels and space. */
    FILTER(0, 1, 2),
    /** One group per input channel: reduce over filters and space. */
    CHANNEL(1, 0, 2),
    /** Every coefficient its own group: the norm is |w|. */
    ELEMENT(-1);

    /**
     * Norms below EPS count as EPS in denominators (never in the score). A group whose norm is 0
     * then gets gradient exactly 0 (the minimum-norm subgradient) and every quotient stays finite;
     * |w_i| / max(s_g, EPS) <= 1 always. 1e-12 is far below any trained weight in float or double
     * yet far above float's smallest normal, so 1/EPS and its products stay finite.
     */
    public static final double EPS = 1e-12;

    private final int axis;
    private final int[] reduced;

    Grouping(int axis, int... reduced) {
        this.axis = axis;
        this.reduced = reduced;
    }

    /** One norm per group: shape [nOut], [nIn], or the whole view's shape for ELEMENT. */
    INDArray norms(INDArray w3) {
        return switch (this) {
            case FILTER -> rows(w3).norm2(1);
            case CHANNEL -> w3.size(2) == 1 ? rows(w3).norm2(0) : w3.norm2(reduced);
            case ELEMENT -> Transforms.abs(w3, true);
        };
    }

    /**
     * {@code g3 += w3 * coef}, coef one value per group (as returned by {@link #norms}; ELEMENT
     * reuses it as scratch). Where the geometry allows, rank-2 row/column broadcasts over contiguous
     * rows replace the general rank-3 broadcast (fewer, longer inner loops for ND4J).
     */
    void addScaled(INDArray g3, INDArray w3, INDArray coef) {
        switch (this) {
            case FILTER -> rows(g3).addi(rows(w3).mulColumnVector(coef));
            case CHANNEL -> {
                if (w3.size(2) == 1) {
                    rows(g3).addi(rows(w3).mulRowVector(coef));
                } else {
                    g3.addi(Broadcast.mul(w3, coef, w3.ulike(), axis));
                }
            }
            case ELEMENT -> g3.addi(coef.muli(w3));
        }
    }

    /** The [nOut, nIn * spatial] view of a [nOut, nIn, spatial] view: one filter per row. */
    private static INDArray rows(INDArray w3) {
        return w3.reshape('c', w3.size(0), w3.size(1) * w3.size(2));
    }

    /** {@code 1 / max(norms, EPS)}, in place. */
    static INDArray inverse(INDArray norms) {
        return Transforms.max(norms, EPS, false).rdivi(1.0);
    }
}
