package io.sparkprune.model.adam;

import io.sparkprune.bench.Interleaved;
import io.sparkprune.train.NativeThreads;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.util.ArrayList;
import java.util.List;

/**
 * One Adam step over LeNet-5's (431,080) and VGG-16-BN width 0.25's (942,810) parameter counts, DL4J's
 * libnd4j op against {@link FastAdam}'s kernel, alternated. Not a test: run its main with the test
 * classpath (see docs/performance.md). Args: steps per round (50), rounds (9), native threads (1).
 */
public final class AdamStepSpeed {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        NativeThreads.limit(args.length > 2 ? Integer.parseInt(args[2]) : 1);
        for (int params : new int[]{431_080, 942_810}) {
            List<Runnable> variants = new ArrayList<>();
            for (Adam config : List.of(new Adam(1e-3), new FastAdam(1e-3))) {
                INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2L * params);
                GradientUpdater<?> updater = config.instantiate(state, true);
                INDArray gradient = Nd4j.randn(DataType.FLOAT, 1, params);
                variants.add(() -> {
                    for (int s = 0; s < steps; s++) {
                        updater.applyUpdater(gradient, s, 0); // the gradient becomes the update: scale stays O(1)
                    }
                });
            }
            double[][] seconds = Interleaved.roundSeconds(variants, 1, rounds);
            System.out.printf("%,d params: DL4J %7.1f us, FastAdam %7.1f us per step; DL4J / FastAdam %.2fx%n", params,
                    1e6 * Interleaved.median(seconds[0]) / steps, 1e6 * Interleaved.median(seconds[1]) / steps,
                    Interleaved.medianRatio(seconds, 0, 1));
        }
    }

    private AdamStepSpeed() {
    }
}
