package io.sparkprune.regularization;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * A DL4J {@link Regularization} lambda * R(W) whose R is computed from group norms of one layer's
 * weights. It adds lambda * dR/dW to the gradient before the updater (like L1/L2), and works on
 * the {@code [nOut, nIn, spatial]} view of {@link LayerShape}, which is why the geometry is part
 * of the configuration. Immutable and stateless: safe to share across layers, threads, workers.
 */
public abstract class GroupPenalty implements Regularization {
    private static final long serialVersionUID = 1L;

    @JsonProperty("lambda")
    protected final double lambda;
    @JsonProperty("shape")
    protected final LayerShape shape;

    protected GroupPenalty(double lambda, LayerShape shape) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        this.lambda = lambda;
        this.shape = Objects.requireNonNull(shape, "shape");
    }

    public double lambda() {
        return lambda;
    }

    public LayerShape shape() {
        return shape;
    }

    /** The same penalty for a layer of another size (after pruning removed filters or inputs). */
    public abstract GroupPenalty withShape(LayerShape newShape);

    /** R(W) on the {@code [nOut, nIn, spatial]} view. */
    protected abstract double penalty(INDArray w3);

    /** {@code g3 += scale * dR/dW}, both views {@code [nOut, nIn, spatial]}. */
    protected abstract void addGradient(INDArray w3, INDArray g3, double scale);

    @Override
    public ApplyStep applyStep() {
        return ApplyStep.BEFORE_UPDATER;
    }

    @Override
    public void apply(INDArray param, INDArray gradView, double lr, int iteration, int epoch) {
        if (lambda == 0.0) {
            return; // exactly no-op: training stays bit-identical to no regularization
        }
        addGradient(shape.view(param), shape.view(gradView), lambda);
    }

    @Override
    public double score(INDArray param, int iteration, int epoch) {
        return lambda == 0.0 ? 0.0 : lambda * penalty(shape.view(param));
    }

    /** Immutable, so a clone is the object itself. */
    @Override
    public Regularization clone() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((GroupPenalty) o).lambda == lambda
                && ((GroupPenalty) o).shape.equals(shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass().getName(), lambda, shape);
    }
}
