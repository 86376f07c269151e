package io.sparkprune.model.dense;

import io.sparkprune.model.conv.DnnlRuntime;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

import static io.sparkprune.model.conv.DnnlArrays.plainC;
import static io.sparkprune.model.conv.DnnlArrays.pointer;
import static org.bytedeco.dnnl.global.dnnl.dnnl_sgemm;

/**
 * DL4J's dense runtime layer with its products on oneDNN's sgemm (row-major, JIT-compiled for the
 * CPU): z = x W + b forward; dW = x^T delta, dx = delta W^T backward. DL4J keeps W in 'f' order
 * [nIn, nOut], i.e. W^T row-major, so no product needs a copy. ND4J's {@code mmul} on OpenBLAS took
 * 1.4-2.7 ms for LeNet-5's [32, 800] x [800, 500] on one thread, oneDNN 0.23-0.65 ms (same process,
 * alternated). Dropout, weight noise, masks and anything not plain float go to DL4J's code.
 */
final class GemmDenseLayer extends DenseLayer {
    /** Backward passes computed here (not handed to DL4J's code): tests check it moves. */
    long gemmBackwardPasses;

    GemmDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                           LayerWorkspaceMgr workspaceMgr) {
        if (!plain()) {
            return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
        }
        assertInputSet(forBackprop);
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray x = input;
        int n = (int) x.size(0);
        int nIn = (int) w.size(0);
        int nOut = (int) w.size(1);
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[]{n, nOut}, 'c');
        DnnlRuntime.stream(); // this thread's oneDNN thread count
        sgemm(false, true, n, nOut, nIn, x, nIn, w, nIn, z, nOut);
        if (hasBias()) {
            z.addiRowVector(getParam(DefaultParamInitializer.BIAS_KEY));
        }
        return new Pair<>(z, z);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!plain() || epsilon.dataType() != DataType.FLOAT) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
        INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
        if (!plainC(delta)) {
            delta = delta.dup('c');
        }
        Gradient gradient = new DefaultGradient();
        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGrad, 0);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        }
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY); // 'f' [nIn, nOut]: dW^T row-major
        int n = (int) input.size(0);
        int nIn = (int) w.size(0);
        int nOut = (int) w.size(1);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, new long[]{n, nIn}, 'c');
        DnnlRuntime.stream();
        sgemm(true, false, nOut, nIn, n, delta, nOut, input, nIn, weightGrad, nIn); // dW^T = delta^T x
        sgemm(false, false, n, nIn, nOut, delta, nOut, w, nIn, dx, nIn);            // dx = delta W^T
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        gemmBackwardPasses++;
        return new Pair<>(gradient, dx);
    }

    /** Plain float inputs and 'f'-order weights, no dropout, weight noise or mask: the case computed here. */
    private boolean plain() {
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray weightGrad = gradientViews == null ? null : gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        return input != null && input.rank() == 2 && plainC(input) && input.size(1) == w.size(0)
                && maskArray == null && layerConf().getIDropout() == null && layerConf().getWeightNoise() == null
                && isPlainF(w) && (weightGrad == null || isPlainF(weightGrad));
    }

    private static boolean isPlainF(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'f' && a.rank() == 2
                && Shape.hasDefaultStridesForShape(a);
    }

    /** Row-major C[m, n] = op(A) op(B) on oneDNN (op = transpose when asked); leading dimensions as stored. */
    private static void sgemm(boolean transA, boolean transB, int m, int n, int k, INDArray a, int lda, INDArray b,
                              int ldb, INDArray c, int ldc) {
        int status = dnnl_sgemm((byte) (transA ? 'T' : 'N'), (byte) (transB ? 'T' : 'N'), m, n, k, 1f,
                new FloatPointer(pointer(a)), lda, new FloatPointer(pointer(b)), ldb, 0f, new FloatPointer(pointer(c)),
                ldc);
        if (status != 0) {
            throw new IllegalStateException("oneDNN sgemm failed with status " + status);
        }
    }
}
