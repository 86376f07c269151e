package io.sparkprune.model.conv;

import io.sparkprune.bench.Interleaved;
import io.sparkprune.train.NativeThreads;

import java.util.ArrayList;
import java.util.List;

/**
 * A network's first convolution, training step (forward plus backward) with and without the input
 * gradient (what {@code LocalTrainer} leaves out), alternated: LeNet-5's conv1 at a shard's 32 images
 * (the Java kernels) and VGG-16 w0.25's first layer at 64 (oneDNN). Not a test: run its main with the
 * test classpath (see docs/performance.md). Args: steps per round (20), rounds (9), threads (1).
 */
public final class InputGradientSpeed {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        for (var shape : List.of(ConvKernelSpeed.SHAPES.get(0), ConvKernelSpeed.SHAPES.get(2))) {
            int batch = shape.in() == 1 ? 32 : 64;
            List<Runnable> variants = new ArrayList<>();
            for (boolean inputGradient : new boolean[]{true, false}) {
                DnnlConvolutionHelper kernels = new DnnlConvolutionHelper();
                kernels.inputGradient(inputGradient);
                var layer = new ConvKernelSpeed.Layer(shape, batch, kernels, 3, "both");
                variants.add(() -> {
                    NativeThreads.limit(threads);
                    for (int i = 0; i < steps; i++) {
                        layer.step();
                    }
                });
            }
            double[][] seconds = Interleaved.roundSeconds(variants, 1, rounds);
            System.out.printf("%-24s batch %d: with input gradient %.3f ms, without %.3f ms per step; with / without %.2fx%n",
                    shape.name(), batch, 1e3 * Interleaved.median(seconds[0]) / steps,
                    1e3 * Interleaved.median(seconds[1]) / steps, Interleaved.medianRatio(seconds, 0, 1));
        }
    }

    private InputGradientSpeed() {
    }
}
