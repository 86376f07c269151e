package io.sparkprune.model.conv;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.algorithm.convolution_direct;
import static org.bytedeco.dnnl.global.dnnl.prop_kind.forward_training;

/**
 * One convolution geometry's oneDNN primitives (forward, backward-data, backward-weights with the
 * bias gradient), created once and executed on DL4J's buffers: NCHW activations, OIHW weights.
 * oneDNN picks its own (blocked) layouts inside; {@link DnnlEdge}s reorder at the borders.
 * Not thread-safe: one instance per layer, as DL4J runs a layer on one thread.
 */
final class DnnlConvolution {
    private final convolution_forward forward;
    private final convolution_backward_data backwardData;
    private final convolution_backward_weights backwardWeights;
    private final DnnlEdge fwdSrc, fwdWeights, fwdDst, bias;
    private final DnnlEdge bwdDiffDst, bwdWeights, bwdDiffSrc;
    private final DnnlEdge bwwSrc, bwwDiffDst, bwwDiffWeights, diffBias;
    private final boolean hasBias;
    /**
     * The address of the input the last forward pass reordered into {@code fwdSrc}'s blocked copy, while
     * the following backward pass may still use that copy (0 otherwise). DL4J's backward pass reads the
     * input of the layer's forward pass of the same step, so the copy is current; any other input is
     * reordered again.
     */
    private long forwardSrcHeld;
    /** Backward passes that used the forward's blocked input instead of reordering it again: tests check it. */
    long heldInputBackwards;

    DnnlConvolution(ConvGeometry g, int outChannels, boolean hasBias) {
        this.hasBias = hasBias;
        memory.desc src = plain(g.batch(), g.channels(), g.inH(), g.inW(), memory.format_tag.nchw);
        memory.desc weights = plain(outChannels, g.channels(), g.kH(), g.kW(), memory.format_tag.oihw);
        memory.desc dst = plain(g.batch(), outChannels, g.outH(), g.outW(), memory.format_tag.nchw);
        memory.desc biasDesc = new memory.desc(new long[]{outChannels}, memory.data_type.f32, memory.format_tag.x);
        memory.desc srcAny = any(g.batch(), g.channels(), g.inH(), g.inW());
        memory.desc weightsAny = any(outChannels, g.channels(), g.kH(), g.kW());
        memory.desc dstAny = any(g.batch(), outChannels, g.outH(), g.outW());
        long[] strides = {g.strideH(), g.strideW()};
        long[] padLow = {g.padTop(), g.padLeft()};
        long[] padHigh = {highPadding(g.inH(), g.kH(), g.strideH(), g.padTop(), g.outH()),
                highPadding(g.inW(), g.kW(), g.strideW(), g.padLeft(), g.outW())};

        var fwdDesc = hasBias
                ? new convolution_forward.desc(forward_training, convolution_direct, srcAny, weightsAny, biasDesc,
                dstAny, strides, padLow, padHigh)
                : new convolution_forward.desc(forward_training, convolution_direct, srcAny, weightsAny, dstAny,
                strides, padLow, padHigh);
        var fwdPd = new convolution_forward.primitive_desc(fwdDesc, DnnlRuntime.engine());
        var bwdPd = new convolution_backward_data.primitive_desc(new convolution_backward_data.desc(
                convolution_direct, srcAny, weightsAny, dstAny, strides, padLow, padHigh), DnnlRuntime.engine(), fwdPd);
        var bwwDesc = hasBias
                ? new convolution_backward_weights.desc(convolution_direct, srcAny, weightsAny, biasDesc, dstAny,
                strides, padLow, padHigh)
                : new convolution_backward_weights.desc(convolution_direct, srcAny, weightsAny, dstAny, strides,
                padLow, padHigh);
        var bwwPd = new convolution_backward_weights.primitive_desc(bwwDesc, DnnlRuntime.engine(), fwdPd);

        forward = new convolution_forward(fwdPd);
        backwardData = new convolution_backward_data(bwdPd);
        backwardWeights = new convolution_backward_weights(bwwPd);
        fwdSrc = new DnnlEdge(src, fwdPd.src_desc());
        fwdWeights = new DnnlEdge(weights, fwdPd.weights_desc());
        fwdDst = new DnnlEdge(dst, fwdPd.dst_desc());
        bias = new DnnlEdge(biasDesc, biasDesc);
        bwdDiffDst = new DnnlEdge(dst, bwdPd.diff_dst_desc());
        bwdWeights = new DnnlEdge(weights, bwdPd.weights_desc());
        bwdDiffSrc = new DnnlEdge(src, bwdPd.diff_src_desc());
        // the backward primitives usually choose the forward's input layout and one output-gradient
        // layout between them: an edge shared where they agree reorders each tensor once per step
        bwwSrc = fwdPd.src_desc().equals(bwwPd.src_desc()) ? fwdSrc : new DnnlEdge(src, bwwPd.src_desc());
        bwwDiffDst = bwdPd.diff_dst_desc().equals(bwwPd.diff_dst_desc()) ? bwdDiffDst
                : new DnnlEdge(dst, bwwPd.diff_dst_desc());
        bwwDiffWeights = new DnnlEdge(weights, bwwPd.diff_weights_desc());
        diffBias = new DnnlEdge(biasDesc, biasDesc);
    }

    /** z = conv(x, w) + b; all plain C-order float buffers. */
    void forward(Pointer x, Pointer w, Pointer b, Pointer z) {
        stream s = DnnlRuntime.stream();
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, fwdSrc.in(x, s));
        forwardSrcHeld = fwdSrc.reorders() ? x.address() : 0;
        args.put(DNNL_ARG_WEIGHTS, fwdWeights.in(w, s));
        if (hasBias) {
            args.put(DNNL_ARG_BIAS, bias.in(b, s));
        }
        args.put(DNNL_ARG_DST, fwdDst.target(z));
        forward.execute(s, args);
        fwdDst.out(s);
        s._wait();
    }

    /** dW, db (if the layer has a bias) and dx (unless null) from the input x, weights w and output gradient dz. */
    void backward(Pointer x, Pointer w, Pointer dz, Pointer dw, Pointer db, Pointer dx) {
        stream s = DnnlRuntime.stream();
        IntMemoryMap weightArgs = new IntMemoryMap();
        boolean srcHeld = bwwSrc == fwdSrc && forwardSrcHeld != 0 && forwardSrcHeld == x.address();
        forwardSrcHeld = 0;
        if (srcHeld) {
            heldInputBackwards++;
        }
        weightArgs.put(DNNL_ARG_SRC, srcHeld ? fwdSrc.held() : bwwSrc.in(x, s));
        memory diffDst = bwwDiffDst.in(dz, s);
        weightArgs.put(DNNL_ARG_DIFF_DST, diffDst);
        weightArgs.put(DNNL_ARG_DIFF_WEIGHTS, bwwDiffWeights.target(dw));
        if (hasBias) {
            weightArgs.put(DNNL_ARG_DIFF_BIAS, diffBias.target(db));
        }
        backwardWeights.execute(s, weightArgs);
        bwwDiffWeights.out(s);
        if (dx == null) {
            s._wait();
            return;
        }

        IntMemoryMap dataArgs = new IntMemoryMap();
        dataArgs.put(DNNL_ARG_DIFF_DST, bwdDiffDst == bwwDiffDst ? diffDst : bwdDiffDst.in(dz, s));
        dataArgs.put(DNNL_ARG_WEIGHTS, bwdWeights.in(w, s));
        dataArgs.put(DNNL_ARG_DIFF_SRC, bwdDiffSrc.target(dx));
        backwardData.execute(s, dataArgs);
        bwdDiffSrc.out(s);
        s._wait();
    }

    /** Bottom/right padding that makes oneDNN's output size DL4J's (Same mode pads the far side more). */
    private static long highPadding(int in, int kernel, int stride, int padLow, int out) {
        return Math.max(0, (long) (out - 1) * stride + kernel - in - padLow);
    }

    private static memory.desc plain(long a, long b, long c, long d, memory.format_tag tag) {
        return new memory.desc(new long[]{a, b, c, d}, memory.data_type.f32, tag);
    }

    private static memory.desc any(long a, long b, long c, long d) {
        return plain(a, b, c, d, memory.format_tag.any);
    }
}
