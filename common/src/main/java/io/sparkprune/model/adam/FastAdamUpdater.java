package io.sparkprune.model.adam;

import io.sparkprune.simd.VectorModule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;

import static io.sparkprune.model.conv.DnnlArrays.plainC;

/**
 * Adam's step in one pass of {@link AdamKernel} over the gradient and the m and v state: the same
 * state arrays and formulas as DL4J's {@link AdamUpdater}, which it extends (state handling, equality,
 * serialization of the state are DL4J's). Arrays that are not gap-free float, or a JVM without the
 * vector module, get DL4J's libnd4j op.
 */
public class FastAdamUpdater extends AdamUpdater {
    /** Steps computed by {@link AdamKernel} (not handed to libnd4j): tests check it moves. */
    long kernelSteps;

    public FastAdamUpdater(FastAdam config) {
        super(config);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        INDArray m = getM();
        INDArray v = getV();
        if (!VectorModule.PRESENT || m == null || v == null || !plainC(gradient) || !plainC(m) || !plainC(v)
                || gradient.length() != m.length() || gradient.length() != v.length()) {
            super.applyUpdater(gradient, iteration, epoch);
            return;
        }
        var c = getConfig();
        AdamKernel.step(gradient, m, v, c.getLearningRate(iteration, epoch), c.getBeta1(), c.getBeta2(),
                c.getEpsilon(), iteration);
        kernelSteps++;
    }
}
