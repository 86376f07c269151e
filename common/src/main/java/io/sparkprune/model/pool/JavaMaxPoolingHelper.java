package io.sparkprune.model.pool;

import io.sparkprune.model.conv.NativeFloats;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Max pooling ({@link MaxPooling}) plugged into DL4J's {@code SubsamplingLayer} through its helper
 * hook. Float NCHW max pooling whose windows need no padding or dilation (LeNet-5's and VGG-16's
 * 2x2 / 2); for
 * anything else it returns null and DL4J's built-in code runs.
 */
final class JavaMaxPoolingHelper implements SubsamplingHelper {
    /** Backward passes computed here: tests check it moves. */
    long backwardPasses;

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }

    @Override
    public INDArray activate(INDArray input, boolean training, int[] kernel, int[] strides, int[] pad,
                             PoolingType poolingType, ConvolutionMode convolutionMode, int[] dilation,
                             CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!supported(input, kernel, strides, pad, poolingType, convolutionMode, dilation, format)) {
            return null;
        }
        MaxPooling pool = pooling(input, kernel, strides);
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[]{input.size(0), input.size(1), pool.outH(), pool.outW()}, 'c');
        pool.forward(NativeFloats.of(NativeFloats.contiguous(input)), NativeFloats.of(y));
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, int[] kernel, int[] strides,
                                                     int[] pad, PoolingType poolingType,
                                                     ConvolutionMode convolutionMode, int[] dilation,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!supported(input, kernel, strides, pad, poolingType, convolutionMode, dilation, format)
                || epsilon.dataType() != DataType.FLOAT) {
            return null;
        }
        MaxPooling pool = pooling(input, kernel, strides);
        if (epsilon.size(2) != pool.outH() || epsilon.size(3) != pool.outW()) {
            return null;
        }
        INDArray dx = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        pool.backward(NativeFloats.of(NativeFloats.contiguous(input)),
                NativeFloats.of(NativeFloats.contiguous(epsilon)), NativeFloats.of(dx));
        backwardPasses++;
        return new Pair<>(new DefaultGradient(), dx); // no parameters, so no gradients
    }

    private static MaxPooling pooling(INDArray input, int[] kernel, int[] strides) {
        return new MaxPooling((int) (input.size(0) * input.size(1)), (int) input.size(2), (int) input.size(3),
                kernel[0], kernel[1], strides[0], strides[1]);
    }

    private static boolean supported(INDArray input, int[] kernel, int[] strides, int[] pad, PoolingType poolingType,
                                     ConvolutionMode mode, int[] dilation, CNN2DFormat format) {
        return poolingType == PoolingType.MAX && format == CNN2DFormat.NCHW && input.rank() == 4
                && input.dataType() == DataType.FLOAT && pad[0] == 0 && pad[1] == 0
                && dilation[0] == 1 && dilation[1] == 1 && input.length() <= Integer.MAX_VALUE
                && fits(input.size(2), kernel[0], strides[0], mode) && fits(input.size(3), kernel[1], strides[1], mode);
    }

    /** The windows tile this side without padding (in Same mode too, e.g. VGG's 2x2 / 2 on even sides). */
    private static boolean fits(long in, int kernel, int stride, ConvolutionMode mode) {
        if (in < kernel) {
            return false;
        }
        long unpadded = (in - kernel) / stride + 1;
        return mode != ConvolutionMode.Same || (in + stride - 1) / stride == unpadded;
    }
}
