package io.sparkprune.model.pool;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** An NCHW float input's shape and the window that max-pools it, windows tiling the input without padding. */
record PoolShape(long batch, long channels, long inH, long inW, int kernelH, int kernelW, int strideH,
                 int strideW) {

    long outH() {
        return (inH - kernelH) / strideH + 1;
    }

    long outW() {
        return (inW - kernelW) / strideW + 1;
    }

    long[] outputShape() {
        return new long[]{batch, channels, outH(), outW()};
    }

    /**
     * The shape of max-pooling {@code input} as {@code conf} says, or null when oneDNN's unpadded max
     * pooling does not compute exactly what DL4J would: other pooling types, NHWC, doubles, dilation,
     * padding, windows that leave input rows or columns over (DL4J's Truncate mode drops them) or that Same
     * mode would pad. LeNet-5's and VGG-16's 2x2 / 2 on even sides qualify.
     */
    static PoolShape of(INDArray input, SubsamplingLayer conf) {
        int[] k = conf.getKernelSize();
        int[] s = conf.getStride();
        int[] pad = conf.getPadding();
        int[] dilation = conf.getDilation();
        boolean supported = conf.getPoolingType() == PoolingType.MAX && conf.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && input.rank() == 4 && input.dataType() == DataType.FLOAT && pad[0] == 0 && pad[1] == 0
                && dilation[0] == 1 && dilation[1] == 1 && tiles(input.size(2), k[0], s[0], conf.getConvolutionMode())
                && tiles(input.size(3), k[1], s[1], conf.getConvolutionMode());
        return supported ? new PoolShape(input.size(0), input.size(1), input.size(2), input.size(3), k[0], k[1],
                s[0], s[1]) : null;
    }

    /** The windows cover this side exactly, and Same mode would not pad it. */
    private static boolean tiles(long in, int kernel, int stride, ConvolutionMode mode) {
        if (in < kernel || (in - kernel) % stride != 0) {
            return false;
        }
        return mode != ConvolutionMode.Same || (in + stride - 1) / stride == (in - kernel) / stride + 1;
    }
}
