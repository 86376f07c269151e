package io.sparkprune.model.act;

import io.sparkprune.simd.VectorModule;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's ActivationLayer for y = max(x, 0) without its copies. DL4J's layer duplicates the input
 * before rectifying it in place (forward) and again before computing the gradient into a third
 * array (backward): two passes over the activations that carry nothing, each in libnd4j ops that
 * are slow for their arithmetic. Here the forward pass writes max(x, 0) straight into the output and
 * the backward pass writes dy where x > 0 (else 0) straight into the input gradient, with the
 * vector-API {@link ReluKernel} on dense float arrays, else with libnd4j's two ops (the input DL4J
 * keeps for backprop is never modified either way).
 */
final class OnePassReluLayer extends ActivationLayer {

    /** Passes computed here, and how many of them by {@link ReluKernel}: tests check they move. */
    long forwardPasses;
    long backwardPasses;
    long vectorPasses;

    OnePassReluLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        INDArray y = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
        if (VectorModule.PRESENT && ReluKernel.dense(input)) {
            ReluKernel.forward(input, y);
            vectorPasses++;
        } else {
            Nd4j.getExecutioner().exec(new RectifiedLinear(input, y, 0.0));
        }
        forwardPasses++;
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        if (VectorModule.PRESENT && ReluKernel.dense(input) && ReluKernel.dense(epsilon)
                && epsilon.length() == input.length()) {
            ReluKernel.backward(input, epsilon, dx);
            vectorPasses++;
        } else {
            Nd4j.getExecutioner().exec(new RectifiedLinearDerivative(input, epsilon, dx, 0.0));
        }
        backwardPasses++;
        return new Pair<>(new DefaultGradient(), dx);
    }
}
