package io.sparkprune.regularization;

import io.sparkprune.regularization.Variants.Variant;
import io.sparkprune.regularization.Variants.Weights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * apply() against central differences of score(), every type x grouping, conv and dense layouts
 * as DL4J passes them (flat [1,N] to apply, shaped to score), and a batch norm's gamma vector for
 * every type that can act on it, in double precision.
 */
class FiniteDifferenceTest {
    /** Five-point stencil: truncation O(h^4) ~ 1e-16, round-off ~ 1e-16 * |score| / h ~ 1e-12. */
    private static final double H = 1e-4;
    private static final double MAX_REL_ERR = 1e-5;
    private static final double LAMBDA = 0.7;
    private static final Map<String, double[]> TABLE = new TreeMap<>();

    private static List<Supplier<Weights>> layouts() {
        return List.of(
                () -> Weights.conv(5, 3, 3, DataType.DOUBLE),
                () -> Weights.dense(7, 6, DataType.DOUBLE),
                () -> Weights.scales(9, DataType.DOUBLE));
    }

    @TestFactory
    List<DynamicTest> analyticGradientMatchesFiniteDifferences() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Variant v : Variants.all()) {
            for (int li = 0; li < layouts().size(); li++) {
                Supplier<Weights> layout = layouts().get(li);
                if (layout.get().kind().equals("bn-scale") && !Variants.onScales().contains(v)) {
                    continue;
                }
                int column = li;
                tests.add(DynamicTest.dynamicTest(v + " " + layout.get().kind(), () -> {
                    // l1 (and groups of one) checked away from zero: |w| >= 0.05
                    Weights w = layout.get().fill(42 + column, 0.05);
                    double err = maxRelativeError(v.penalty(w.shape(), LAMBDA), w);
                    TABLE.computeIfAbsent(v.toString(), k -> new double[]{Double.NaN, Double.NaN, Double.NaN})[column] = err;
                    assertTrue(err < MAX_REL_ERR, v + " " + w.kind() + ": max rel err " + err);
                }));
            }
        }
        return tests;
    }

    static double maxRelativeError(Regularization reg, Weights w) {
        INDArray g = w.gradient(reg);
        assertTrue(g.norm2Number().doubleValue() > 0, "apply must write into the flat gradient view");
        assertEquals(w.score(reg), reg.score(w.flat(), 0, 0), 1e-12 * Math.abs(w.score(reg)),
                "score must not depend on the view it gets");
        double worst = 0;
        for (long i = 0; i < w.flat().length(); i++) {
            double orig = w.flat().getDouble(i);
            double numeric = (8 * (scoreAt(reg, w, i, orig + H) - scoreAt(reg, w, i, orig - H))
                    - (scoreAt(reg, w, i, orig + 2 * H) - scoreAt(reg, w, i, orig - 2 * H))) / (12 * H);
            w.flat().putScalar(i, orig);
            double analytic = g.getDouble(i);
            double denom = Math.max(Math.abs(numeric) + Math.abs(analytic), 1e-10);
            worst = Math.max(worst, Math.abs(numeric - analytic) / denom);
        }
        return worst;
    }

    private static double scoreAt(Regularization reg, Weights w, long i, double value) {
        w.flat().putScalar(i, value);
        return w.score(reg);
    }

    @AfterAll
    static void printTable() {
        StringBuilder sb = new StringBuilder("\nmax relative error, apply() vs five-point differences of score() (h=1e-4, double)\n");
        sb.append(String.format("%-26s %12s %12s %12s%n", "type/group", "conv 5x3x3x3", "dense 7x6", "BN gamma 9"));
        TABLE.forEach((k, e) -> sb.append(String.format("%-26s %12.2e %12.2e %12.2e%n", k, e[0], e[1], e[2])));
        System.out.println(sb);
    }
}
