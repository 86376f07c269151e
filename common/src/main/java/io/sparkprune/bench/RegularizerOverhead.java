package io.sparkprune.bench;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RegularizerGroup;
import io.sparkprune.config.RegularizerType;
import io.sparkprune.config.RunConfig;
import io.sparkprune.model.Networks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Training-step time of LeNet-5 (MNIST geometry, Adam, float) with each regularizer against
 * {@code none}, measured in one process: every variant is built and warmed up first, then the
 * timed rounds interleave the variants (rotating which goes first) so that drift of the machine
 * load hits all alike, and each variant's time is the median over rounds. Data is synthetic,
 * seeded, and the same batch for everyone. Plain Java; the CLI's {@code bench} command calls it.
 */
public final class RegularizerOverhead {
    private static final double LAMBDA = 1e-4;
    private static final int WARMUP_ROUNDS = 1;

    private RegularizerOverhead() {
    }

    /**
     * One variant's result. {@code ratioVsNone} is the median over rounds of its step time over that
     * of {@code none} in the same round (end to end, so it carries the machine's noise);
     * {@code penaltyMsPerStep} is the median time of just the penalty work one step adds (score +
     * apply on every regularized weight tensor), far less exposed to other load on the machine.
     */
    public record Row(RegularizerType type, RegularizerGroup group, double msPerStep, double ratioVsNone,
                      double penaltyMsPerStep, double noneMsPerStep) {
        /** The overhead from the penalty's own time: {@code 1 + penalty / step time of none}. */
        public double penaltyOverhead() {
            return 1 + penaltyMsPerStep / noneMsPerStep;
        }

        @Override
        public String toString() {
            return String.format("%-13s %-15s %9.2f ms/step %6.3fx   penalty %8.4f ms/step", type.configName(),
                    group.configName(), msPerStep, ratioVsNone, penaltyMsPerStep);
        }
    }

    /** Regularizer on conv weights only (the default), 5 timed rounds. */
    public static List<Row> measure(int batchSize, int iterations) {
        return measure(batchSize, iterations, 5, false);
    }

    /**
     * @param iterations training steps per variant per round
     * @param rounds     timed rounds (the median is reported)
     * @param dense      also regularize the dense layers ({@code regularizer.dense})
     */
    public static List<Row> measure(int batchSize, int iterations, int rounds, boolean dense) {
        if (batchSize < 1 || iterations < 1 || rounds < 1) {
            throw new IllegalArgumentException("batch size, iterations and rounds must be positive");
        }
        List<RegularizerType> types = new ArrayList<>();
        List<RegularizerGroup> groups = new ArrayList<>();
        for (RegularizerType t : RegularizerType.values()) {
            for (RegularizerGroup g : t.allowedGroups()) {
                types.add(t);
                groups.add(g);
            }
        }
        int n = types.size();
        DataSet batch = syntheticMnist(batchSize);
        MultiLayerNetwork[] nets = new MultiLayerNetwork[n];
        List<Runnable> variants = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            MultiLayerNetwork net = Networks.create(lenet(types.get(v), groups.get(v), dense));
            nets[v] = net;
            variants.add(() -> {
                for (int i = 0; i < iterations; i++) {
                    net.fit(batch);
                }
            });
        }
        double[][] seconds = Interleaved.roundSeconds(variants, WARMUP_ROUNDS, rounds);
        int none = types.indexOf(RegularizerType.NONE);
        double noneMs = msPerStep(seconds[none], iterations);
        List<Row> rows = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            rows.add(new Row(types.get(v), groups.get(v), msPerStep(seconds[v], iterations),
                    Interleaved.medianRatio(seconds, v, none), PenaltyCost.msPerStep(nets[v], rounds * 20), noneMs));
        }
        return rows;
    }

    private static double msPerStep(double[] roundSeconds, int iterations) {
        return Interleaved.median(roundSeconds) * 1e3 / iterations;
    }

    private static RunConfig lenet(RegularizerType type, RegularizerGroup group, boolean dense) {
        double lambda = type == RegularizerType.NONE ? 0.0 : LAMBDA;
        return ConfigLoader.runConfig(ConfigLoader.load(null, List.of("model.arch=lenet5", "data.name=mnist",
                "train.seed=1", "regularizer.type=" + type.configName(), "regularizer.group=" + group.configName(),
                "regularizer.lambda=" + lambda, "regularizer.dense=" + dense)));
    }

    private static DataSet syntheticMnist(int batchSize) {
        Nd4j.getRandom().setSeed(20260101);
        var x = Nd4j.rand(DataType.FLOAT, batchSize, 1, 28, 28);
        var y = Nd4j.zeros(DataType.FLOAT, batchSize, 10);
        for (int i = 0; i < batchSize; i++) {
            y.putScalar(i, i % 10, 1.0);
        }
        return new DataSet(x, y);
    }
}
