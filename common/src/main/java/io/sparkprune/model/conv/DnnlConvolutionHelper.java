package io.sparkprune.model.conv;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.sparkprune.model.conv.DnnlArrays.contiguous;
import static io.sparkprune.model.conv.DnnlArrays.pointer;

/**
 * Convolutions on oneDNN ({@link DnnlConvolution}), plugged into DL4J's {@code ConvolutionLayer}
 * through its helper hook. Layers and passes oneDNN computes slower go to {@link Im2colConvolutionHelper}
 * (see {@link #onOneDnn}). Primitives are built per geometry on first use and cached: the helper lives
 * in the layer's runtime, never in its configuration, so nothing native is serialized and every
 * executor builds its own.
 */
final class DnnlConvolutionHelper implements ConvolutionKernels {
    /**
     * Forward passes of this many images or more (inference batches; training uses 64) run on the
     * Java/OpenBLAS kernels: LeNet-5 inference at batch 256 measured 0.73x (original) and 0.78x
     * (pruned) on oneDNN against them, while at batch 1 oneDNN was 4.6x and 1.1x faster.
     */
    static final int LARGE_FORWARD_BATCH = 128;

    /**
     * Whether oneDNN computes this pass, else the im2col / framed Java kernels. Measured per layer
     * shape ({@code ConvKernelSpeed}: batch 64, forward + backward, both kernels alternated in one
     * process, 1 and 2 native threads; see docs/performance.md): oneDNN took 0.15-0.85x the time on
     * every shape with several input channels (VGG's 3->16 ... 128->128, LeNet-5's 20->50). On
     * single-channel input (LeNet-5's 1->20, 5x5), where it has no channels to block, it was never
     * clearly faster: a tie (0.82-1.07x) with {@code OMP_WAIT_POLICY=PASSIVE}, 1.2-1.8x slower with
     * libgomp's default policy, and LeNet-5 with every layer on oneDNN trained 1.9x slower on the idle
     * machine. Large forward batches: see {@link #LARGE_FORWARD_BATCH}.
     */
    static boolean onOneDnn(ConvGeometry g, boolean forward) {
        return g.channels() > 1 && !(forward && g.batch() >= LARGE_FORWARD_BATCH);
    }

    /** Geometries kept: a training run sees the full batch and one last partial batch per epoch. */
    private static final int CACHED = 4;

    private final Im2colConvolutionHelper fallback = new Im2colConvolutionHelper();
    private boolean inputGradient = true;
    private final Map<Key, DnnlConvolution> primitives = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, DnnlConvolution> eldest) {
            return size() > CACHED;
        }
    };

    /** Backward passes computed on oneDNN (not handed to the Java kernels or DL4J's code): tests check it. */
    long backwardPasses;

    /** What fixes a primitive: the geometry, the filter count and whether there is a bias. */
    private record Key(ConvGeometry geometry, int outChannels, boolean hasBias) {
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return fallback.helperMemoryUse();
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides,
                              int[] pad, AlgoMode mode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode,
                              int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!supported(input, weights, dilation, format)) {
            return null;
        }
        ConvGeometry g = Im2colConvolutionHelper.geometry(input, weights, kernel, strides, pad, convolutionMode);
        if (!onOneDnn(g, true)) {
            return fallback.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode,
                    dilation, format, workspaceMgr);
        }
        int outChannels = (int) weights.size(0);
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[]{g.batch(), outChannels, g.outH(), g.outW()}, 'c');
        INDArray x = contiguous(input);
        INDArray w = contiguous(weights);
        INDArray b = bias == null ? null : contiguous(bias);
        primitives(g, outChannels, b != null).forward(pointer(x), pointer(w), b == null ? null : pointer(b),
                pointer(z));
        return z;
    }

    @Override
    public void inputGradient(boolean needed) {
        inputGradient = needed;
        fallback.inputGradient(needed);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
                                                     int[] kernel, int[] strides, int[] pad, INDArray biasGradView,
                                                     INDArray weightGradView, IActivation afn, AlgoMode mode,
                                                     BwdFilterAlgo bwdFilterAlgo, BwdDataAlgo bwdDataAlgo,
                                                     ConvolutionMode convolutionMode, int[] dilation,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!supported(input, weights, dilation, format)) {
            return null;
        }
        ConvGeometry g = Im2colConvolutionHelper.geometry(input, weights, kernel, strides, pad, convolutionMode);
        if (!onOneDnn(g, false)) {
            return fallback.backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView,
                    weightGradView, afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format,
                    workspaceMgr);
        }
        int outChannels = (int) weights.size(0);
        boolean hasBias = biasGradView != null;
        INDArray inputGrad = inputGradient ? workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD,
                DataType.FLOAT, input.shape(), 'c') : null;
        INDArray dw = contiguous(weightGradView);
        INDArray db = hasBias ? contiguous(biasGradView) : null;
        primitives(g, outChannels, hasBias).backward(pointer(contiguous(input)), pointer(contiguous(weights)),
                pointer(contiguous(delta)), pointer(dw), hasBias ? pointer(db) : null,
                inputGradient ? pointer(inputGrad) : null);
        if (dw != weightGradView) {
            weightGradView.assign(dw);
        }
        if (hasBias && db != biasGradView) {
            biasGradView.assign(db);
        }
        backwardPasses++;

        Gradient gradient = new DefaultGradient();
        if (hasBias) {
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(gradient, inputGrad);
    }

    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        return null; // DL4J applies the activation itself
    }

    private DnnlConvolution primitives(ConvGeometry g, int outChannels, boolean hasBias) {
        return primitives.computeIfAbsent(new Key(g, outChannels, hasBias),
                k -> new DnnlConvolution(k.geometry(), k.outChannels(), k.hasBias()));
    }

    private static boolean supported(INDArray input, INDArray weights, int[] dilation, CNN2DFormat format) {
        return format == CNN2DFormat.NCHW && input.rank() == 4 && input.dataType() == DataType.FLOAT
                && weights.dataType() == DataType.FLOAT && dilation[0] == 1 && dilation[1] == 1;
    }
}
