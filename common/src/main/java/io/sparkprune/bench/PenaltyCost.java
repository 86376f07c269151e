package io.sparkprune.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;

/**
 * The time the weight penalties add to one training step, timed in isolation: for every layer's
 * regularized "W", {@code score} on the shaped tensor and {@code apply} on the flat [1,N] layout,
 * as DL4J calls them once per step. Isolating it gives an overhead figure that the end-to-end step
 * time, noisy on a shared machine, cannot resolve.
 */
final class PenaltyCost {
    private static final int WARMUP = 3;

    private PenaltyCost() {
    }

    /** Median over {@code repeats} of the summed penalty work of one step, in milliseconds. */
    static double msPerStep(MultiLayerNetwork net, int repeats) {
        double[] ms = new double[repeats];
        for (int r = -WARMUP; r < repeats; r++) {
            long nanos = 0;
            for (Layer layer : net.getLayers()) {
                List<Regularization> regs = layer.conf().getLayer().getRegularizationByParam("W");
                if (regs == null || regs.isEmpty()) {
                    continue;
                }
                INDArray w = layer.getParam("W");
                // flattened in the weights' own order ('c' conv, 'f' dense), as in DL4J's parameter vector
                INDArray flat = Nd4j.toFlattened(w.ordering(), w).reshape(1, w.length());
                INDArray grad = flat.ulike().assign(0);
                long t0 = System.nanoTime();
                for (Regularization reg : regs) {
                    reg.score(w, 0, 0);
                    reg.apply(flat, grad, 1e-3, 0, 0);
                }
                nanos += System.nanoTime() - t0;
            }
            if (r >= 0) {
                ms[r] = nanos / 1e6;
            }
        }
        return Interleaved.median(ms);
    }
}
