package io.sparkprune.regularization;

import io.sparkprune.regularization.Variants.Variant;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's own network-level gradient check (score from {@code net.score()}, regularization applied by
 * the updater as in training) on a tiny conv net, each regularizer on conv and dense weights.
 */
class NetworkGradientCheckTest {
    private static DataType previousDefault;

    /** GradientCheckUtil insists on double as the global default type; restore it afterwards. */
    @BeforeAll
    static void doublePrecision() {
        previousDefault = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousDefault, previousDefault);
    }

    static Stream<Variant> variants() {
        return Variants.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void networkGradientIncludesTheRegularizerExactly(Variant v) {
        // lambda large enough that the penalty's gradient is a visible share of the total
        MultiLayerNetwork net = TinyNets.create(TinyNets.config(DataType.DOUBLE, new NoOp(),
                shape -> List.of(v.penalty(shape, 0.05))));
        assertTrue(net.calcRegularizationScore(true) > 0, v + " must contribute to the score");
        DataSet ds = TinyNets.data(DataType.DOUBLE, 4, 7);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(ds.getFeatures()).labels(ds.getLabels())
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertTrue(ok, v + ": DL4J gradient check failed");
    }

    static Stream<Variant> scaleVariants() {
        return Variants.onScales().stream();
    }

    /** The penalty on batch-norm scales reaches DL4J's score and updater through PenalizedBatchNormalization. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scaleVariants")
    void networkGradientIncludesTheBatchNormScalePenaltyExactly(Variant v) {
        MultiLayerNetwork net = TinyNets.create(TinyNets.withBatchNorm(DataType.DOUBLE, new NoOp(),
                channels -> List.of(v.penalty(LayerShape.scales(channels), 0.05))));
        // gammas of mixed sign and size (not all 1), so ratios and |.| are exercised away from their kinks
        Nd4j.getRandom().setSeed(5);
        for (int bn : new int[]{1, 5}) {
            INDArray gamma = net.getLayer(bn).getParam("gamma");
            gamma.assign(Nd4j.rand(DataType.DOUBLE, gamma.shape()).addi(0.2).muli(Nd4j.rand(DataType.DOUBLE, gamma.shape())
                    .gt(0.3).castTo(DataType.DOUBLE).muli(2).subi(1)));
        }
        double penalty = net.calcRegularizationScore(true);
        assertTrue(penalty > 0, v + " must contribute to the score");
        assertEquals(v.penalty(LayerShape.scales(4), 0.05).score(net.getLayer(1).getParam("gamma"), 0, 0)
                + v.penalty(LayerShape.scales(3), 0.05).score(net.getLayer(5).getParam("gamma"), 0, 0), penalty, 1e-12,
                "the score's penalty is exactly the gamma penalties");
        DataSet ds = TinyNets.data(DataType.DOUBLE, 8, 7);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(ds.getFeatures()).labels(ds.getLabels())
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .excludeParams(Set.of("1_mean", "1_var", "1_log10stdev", "5_mean", "5_var", "5_log10stdev"))
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertTrue(ok, v + " on BN scales: DL4J gradient check failed");
    }
}
