package io.sparkprune.regularization;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.List;

/**
 * SSL group lasso (Wen et al. 2016): R(W) = sum over groupings, sum over groups g of ||W_g||_2.
 * With FILTER alone it prunes whole filters; FILTER + CHANNEL also prunes input channels. With
 * ELEMENT it is exactly l1. dR/dw_i = w_i / ||W_g||_2 (0 for an all-zero group, see
 * {@link Grouping#EPS}).
 */
public final class GroupLassoRegularization extends GroupPenalty {
    private static final long serialVersionUID = 1L;

    @JsonProperty("groupings")
    private final Grouping[] groupings;

    @JsonCreator
    public GroupLassoRegularization(@JsonProperty("lambda") double lambda, @JsonProperty("shape") LayerShape shape,
                                    @JsonProperty("groupings") Grouping... groupings) {
        super(lambda, shape);
        if (groupings == null || groupings.length == 0) {
            throw new IllegalArgumentException("group lasso needs at least one grouping");
        }
        this.groupings = groupings.clone();
    }

    @Override
    public GroupLassoRegularization withShape(LayerShape newShape) {
        return new GroupLassoRegularization(lambda, newShape, groupings);
    }

    public List<Grouping> groupings() {
        return List.of(groupings);
    }

    @Override
    protected double penalty(INDArray w3) {
        double r = 0;
        for (Grouping g : groupings) {
            r += g.norms(w3).sumNumber().doubleValue();
        }
        return r;
    }

    @Override
    protected void addGradient(INDArray w3, INDArray g3, double scale) {
        for (Grouping g : groupings) {
            g.addScaled(g3, w3, Grouping.inverse(g.norms(w3)).muli(scale));
        }
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Arrays.equals(((GroupLassoRegularization) o).groupings, groupings);
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + Arrays.hashCode(groupings);
    }

    @Override
    public String toString() {
        return "GroupLassoRegularization[lambda=" + lambda + ", " + shape + ", groupings="
                + Arrays.toString(groupings) + "]";
    }
}
