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
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;

/**
 * Convolution as im2col (Java loops, memory order) plus one gemm per pass, plugged into DL4J's
 * {@code ConvolutionLayer} through its helper hook. The patch matrix of the last forward pass is
 * kept and reused by the backward pass of the same input, so each training step builds it once.
 * Float NCHW without dilation only; for anything else it returns null and DL4J's built-in code runs.
 */
final class Im2colConvolutionHelper implements ConvolutionHelper {
    /** Patch matrix [rows, patchSize] of {@link #patchesOf}; outside any workspace, reused across steps. */
    private INDArray patches;
    private INDArray patchesOf;

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return patches == null ? Map.of() : Map.of("patches", patches.length() * Float.BYTES);
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides,
                              int[] pad, AlgoMode mode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode,
                              int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!supported(input, weights, dilation, format)) {
            return null;
        }
        ConvGeometry g = geometry(input, weights, kernel, strides, pad, convolutionMode);
        if (!fitsBuffers(g)) {
            return null;
        }
        long outChannels = weights.size(0);
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[]{g.rows(), outChannels}, 'c');
        Nd4j.gemm(patches(input, g), weightMatrix(weights, g), z, false, true, 1.0, 0.0);
        if (bias != null) {
            z.addiRowVector(bias);
        }
        // rows are [b, oh, ow]: NCHW is a permuted view, as in DL4J's own implementation
        return z.reshape('c', g.batch(), g.outH(), g.outW(), outChannels).permute(0, 3, 1, 2);
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
        ConvGeometry g = geometry(input, weights, kernel, strides, pad, convolutionMode);
        if (!fitsBuffers(g)) {
            return null;
        }
        long outChannels = weights.size(0);
        INDArray col = input == patchesOf && patches.size(0) == g.rows() ? patches : patches(input, g);
        INDArray delta2d = delta.permute(0, 2, 3, 1).dup('c').reshape('c', g.rows(), outChannels);

        INDArray weightGrad2d = Shape.newShapeNoCopy(weightGradView, new long[]{outChannels, g.patchSize()}, false);
        if (weightGrad2d == null) {
            return null;
        }
        Nd4j.gemm(delta2d, col, weightGrad2d, true, false, 1.0, 0.0);
        if (biasGradView != null) {
            biasGradView.assign(delta2d.sum(0).reshape(biasGradView.shape()));
        }

        INDArray colGrad = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                new long[]{g.rows(), g.patchSize()}, 'c');
        Nd4j.gemm(delta2d, weightMatrix(weights, g), colGrad, false, false, 1.0, 0.0);
        INDArray inputGrad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                input.shape(), 'c');
        Patches.col2im(NativeFloats.of(colGrad), g, NativeFloats.of(inputGrad));

        Gradient gradient = new DefaultGradient();
        if (biasGradView != null) {
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(gradient, inputGrad);
    }

    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        return null; // DL4J applies the activation itself
    }

    private INDArray patches(INDArray input, ConvGeometry g) {
        long n = g.rows() * g.patchSize();
        if (patches == null || patches.length() != n) {
            if (patches != null) {
                patches.close();
            }
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                patches = Nd4j.createUninitializedDetached(DataType.FLOAT, g.rows(), g.patchSize());
            }
        }
        Patches.im2col(NativeFloats.of(NativeFloats.contiguous(input)), g, NativeFloats.of(patches));
        patchesOf = input;
        return patches;
    }

    /** Weights [out, c, kh, kw] as the [out, c*kh*kw] matrix the patches multiply. */
    private static INDArray weightMatrix(INDArray weights, ConvGeometry g) {
        return weights.reshape('c', weights.size(0), g.patchSize());
    }

    /** Java buffers are int-indexed: larger problems go to DL4J's own code. */
    private static boolean fitsBuffers(ConvGeometry g) {
        return g.rows() * g.patchSize() <= Integer.MAX_VALUE && g.inputLength() <= Integer.MAX_VALUE;
    }

    private static boolean supported(INDArray input, INDArray weights, int[] dilation, CNN2DFormat format) {
        return format == CNN2DFormat.NCHW && input.rank() == 4 && input.dataType() == DataType.FLOAT
                && weights.dataType() == DataType.FLOAT && Arrays.stream(dilation).allMatch(d -> d == 1);
    }

    private static ConvGeometry geometry(INDArray input, INDArray weights, int[] kernel, int[] strides, int[] pad,
                                         ConvolutionMode mode) {
        int inH = (int) input.size(2);
        int inW = (int) input.size(3);
        int outH = mode == ConvolutionMode.Same ? ceilDiv(inH, strides[0]) : (inH + 2 * pad[0] - kernel[0]) / strides[0] + 1;
        int outW = mode == ConvolutionMode.Same ? ceilDiv(inW, strides[1]) : (inW + 2 * pad[1] - kernel[1]) / strides[1] + 1;
        return new ConvGeometry((int) input.size(0), (int) weights.size(1), inH, inW, kernel[0], kernel[1],
                strides[0], strides[1], pad[0], pad[1], outH, outW);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
