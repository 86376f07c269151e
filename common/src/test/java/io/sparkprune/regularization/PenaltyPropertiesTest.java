package io.sparkprune.regularization;

import io.sparkprune.config.RegularizerGroup;
import io.sparkprune.config.RegularizerType;
import io.sparkprune.regularization.Variants.Variant;
import io.sparkprune.regularization.Variants.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mathematical properties the penalties must have, independent of how they are computed. */
class PenaltyPropertiesTest {

    static Stream<Variant> scaleInvariant() {
        return Variants.all().stream().filter(v -> v.type() == RegularizerType.L1L2
                || v.type() == RegularizerType.HOYER_SQUARE);
    }

    static Stream<Variant> all() {
        return Variants.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scaleInvariant")
    void ratioScoresAreScaleInvariantAndTheirGradientIsOrthogonalToW(Variant v) {
        for (Weights w : List.of(Weights.conv(6, 4, 3, DataType.DOUBLE).fill(1, 0),
                Weights.dense(9, 5, DataType.DOUBLE).fill(2, 0))) {
            Regularization reg = v.penalty(w.shape(), 0.3);
            double base = w.score(reg);
            INDArray g = w.gradient(reg);
            double cos = g.mul(w.flat()).sumNumber().doubleValue()
                    / (g.norm2Number().doubleValue() * w.flat().norm2Number().doubleValue());
            assertEquals(0, cos, 1e-12, v + " " + w.kind() + ": gradient . W");
            INDArray original = w.flat().dup();
            for (double c : new double[]{1e-6, 0.5, 3, 1e5}) {
                w.flat().assign(original.mul(c));
                assertEquals(base, w.score(reg), 1e-12 * base, v + " " + w.kind() + " at scale " + c);
            }
        }
    }

    @Test
    void concentratingTheSameNormIntoFewerFiltersLowersRatioScores() {
        Weights spread = Weights.conv(8, 3, 3, DataType.DOUBLE).fill(3, 0);
        Weights dense = Weights.conv(8, 3, 3, DataType.DOUBLE);
        // same filters, first half zeroed, rest scaled so that ||W||_F is unchanged
        INDArray rows = spread.flat().reshape('c', 8, 27);
        INDArray target = dense.flat().reshape('c', 8, 27);
        target.get(NDArrayIndex.interval(4, 8), NDArrayIndex.all()).assign(
                rows.get(NDArrayIndex.interval(4, 8), NDArrayIndex.all()));
        target.muli(spread.flat().norm2Number().doubleValue() / dense.flat().norm2Number().doubleValue());
        assertEquals(spread.flat().norm2Number().doubleValue(), dense.flat().norm2Number().doubleValue(), 1e-9);
        for (Variant v : List.of(new Variant(RegularizerType.L1L2, RegularizerGroup.FILTER),
                new Variant(RegularizerType.HOYER_SQUARE, RegularizerGroup.FILTER))) {
            Regularization reg = v.penalty(spread.shape(), 1.0);
            double before = spread.score(reg);
            double after = dense.score(reg);
            assertTrue(after < before, v + ": " + after + " should be < " + before);
        }
    }

    @Test
    void sslWithGroupsOfOneIsL1() {
        double lambda = 0.4;
        L1Regularization l1 = new L1Regularization(lambda);
        for (Weights w : List.of(Weights.conv(7, 1, 1, DataType.DOUBLE).fill(4, 0.01),
                Weights.dense(1, 9, DataType.DOUBLE).fill(5, 0.01))) {
            Regularization ssl = new Variant(RegularizerType.SSL, RegularizerGroup.FILTER).penalty(w.shape(), lambda);
            assertEquals(w.score(l1), w.score(ssl), 1e-12, w.kind() + " score");
            assertEquals(w.gradient(l1), w.gradient(ssl), w.kind() + " gradient");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void finiteOnZeroGroupsSingleFiltersAndExtremeScales(Variant v) {
        for (DataType dt : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            Weights one = Weights.conv(1, 2, 3, dt).fill(6, 0);
            Weights partZero = Weights.conv(4, 3, 3, dt).fill(7, 0);
            partZero.flat().reshape('c', 4, 27).getRow(2).assign(0);
            partZero.flat().reshape('c', 4, 3, 9).get(NDArrayIndex.all(), NDArrayIndex.point(1), NDArrayIndex.all())
                    .assign(0);
            Weights zero = Weights.dense(5, 4, dt);
            for (Weights w : List.of(one, partZero, zero)) {
                INDArray original = w.flat().dup();
                double[] scales = dt == DataType.DOUBLE ? new double[]{1e-30, 1e-8, 1, 1e8, 1e30}
                        : new double[]{1e-20, 1e-8, 1, 1e8, 1e15};
                for (double c : scales) {
                    w.flat().assign(original.mul(c));
                    Regularization reg = v.penalty(w.shape(), 1e-3);
                    String where = v + " " + dt + " " + w.kind() + " " + w.shape() + " scale " + c;
                    assertTrue(Double.isFinite(w.score(reg)), where + " score " + w.score(reg));
                    INDArray g = w.gradient(reg);
                    assertTrue(Arrays.stream(g.toDoubleVector()).allMatch(Double::isFinite), where + " gradient " + g);
                }
            }
            // an all-zero layer has zero penalty and zero gradient
            Regularization reg = v.penalty(zero.shape(), 1.0);
            assertEquals(0.0, zero.score(reg));
            assertEquals(0.0, zero.gradient(reg).norm2Number().doubleValue());
        }
    }
}
