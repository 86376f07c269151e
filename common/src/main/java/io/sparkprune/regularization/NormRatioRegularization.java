package io.sparkprune.regularization;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Scale-invariant sparsity ratios of the group norms s_g = ||W_g||_2:
 * r(W) = sum_g s_g / sqrt(sum_g s_g^2) = S1 / S2 (note S2 = ||W||_F for any grouping), and
 * R(W) = r^power. power 1 is the l1/l2 pseudo-norm of Berthelier et al.; power 2 is DeepHoyer's
 * Hoyer-square (Yang et al. 2020). Both are invariant to W -> cW, so their gradient is
 * orthogonal to W.
 * <p>
 * dr/dw_i = w_i * (1/s_g - S1/S2^2) / S2, and dR/dw_i = power * r^(power-1) * dr/dw_i.
 * Denominators use max(., {@link Grouping#EPS}); the all-zero W scores 0 with gradient 0.
 */
public final class NormRatioRegularization extends GroupPenalty {
    private static final long serialVersionUID = 1L;

    @JsonProperty("grouping")
    private final Grouping grouping;
    @JsonProperty("power")
    private final int power;

    @JsonCreator
    public NormRatioRegularization(@JsonProperty("lambda") double lambda, @JsonProperty("shape") LayerShape shape,
                                   @JsonProperty("grouping") Grouping grouping, @JsonProperty("power") int power) {
        super(lambda, shape);
        if (power != 1 && power != 2) {
            throw new IllegalArgumentException("power must be 1 (l1/l2) or 2 (Hoyer-square), got " + power);
        }
        this.grouping = Objects.requireNonNull(grouping, "grouping");
        this.power = power;
    }

    @Override
    public NormRatioRegularization withShape(LayerShape newShape) {
        return new NormRatioRegularization(lambda, newShape, grouping, power);
    }

    /** The l1/l2 ratio over the given groups. */
    public static NormRatioRegularization l1OverL2(double lambda, LayerShape shape, Grouping grouping) {
        return new NormRatioRegularization(lambda, shape, grouping, 1);
    }

    /** Group Hoyer-square (sum s_g)^2 / sum s_g^2. */
    public static NormRatioRegularization hoyerSquare(double lambda, LayerShape shape, Grouping grouping) {
        return new NormRatioRegularization(lambda, shape, grouping, 2);
    }

    public Grouping grouping() {
        return grouping;
    }

    public int power() {
        return power;
    }

    @Override
    protected double penalty(INDArray w3) {
        INDArray s = grouping.norms(w3);
        double r = s.sumNumber().doubleValue() / Math.max(s.norm2Number().doubleValue(), Grouping.EPS);
        return power == 1 ? r : r * r;
    }

    @Override
    protected void addGradient(INDArray w3, INDArray g3, double scale) {
        INDArray s = grouping.norms(w3);
        double s1 = s.sumNumber().doubleValue();
        double s2 = Math.max(s.norm2Number().doubleValue(), Grouping.EPS);
        double r = s1 / s2;
        double outer = scale * (power == 1 ? 1.0 : 2.0 * r) / s2;
        // coef_g = outer * (1/s_g - S1/S2^2), computed in place in the norms vector
        INDArray coef = Grouping.inverse(s).subi(r / s2).muli(outer);
        grouping.addScaled(g3, w3, coef);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && ((NormRatioRegularization) o).grouping == grouping
                && ((NormRatioRegularization) o).power == power;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), grouping, power);
    }

    @Override
    public String toString() {
        return "NormRatioRegularization[lambda=" + lambda + ", " + shape + ", grouping=" + grouping
                + ", power=" + power + "]";
    }
}
