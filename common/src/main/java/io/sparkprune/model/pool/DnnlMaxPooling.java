package io.sparkprune.model.pool;

import io.sparkprune.model.conv.DnnlRuntime;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.javacpp.Pointer;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;
import static org.bytedeco.dnnl.global.dnnl.algorithm.pooling_max;
import static org.bytedeco.dnnl.global.dnnl.prop_kind.forward_inference;
import static org.bytedeco.dnnl.global.dnnl.prop_kind.forward_training;

/**
 * One shape's oneDNN max-pooling primitives on DL4J's NCHW float buffers, windows without padding.
 * The training pass records in a workspace which element of each window was the maximum; the
 * backward pass routes each output gradient there instead of searching the windows again (what
 * libnd4j's {@code maxpool2d_bp} does, 13% of a LeNet-5 training step). The caller sees to it that
 * a backward pass follows the training pass of its input. Not thread-safe: one per layer.
 */
final class DnnlMaxPooling {
    private final memory.desc src;
    private final memory.desc dst;
    private final long[] strides, kernel, padding;
    private final memory x, y, dy, dx;
    private pooling_forward.primitive_desc trainingPd;
    private primitive training, inference, backwardPass;
    private memory workspace;

    DnnlMaxPooling(PoolShape shape) {
        src = plain(shape.batch(), shape.channels(), shape.inH(), shape.inW());
        dst = plain(shape.batch(), shape.channels(), shape.outH(), shape.outW());
        strides = new long[]{shape.strideH(), shape.strideW()};
        kernel = new long[]{shape.kernelH(), shape.kernelW()};
        padding = new long[]{0, 0};
        x = DnnlRuntime.unbound(src);
        dx = DnnlRuntime.unbound(src);
        y = DnnlRuntime.unbound(dst);
        dy = DnnlRuntime.unbound(dst);
    }

    /** y = each window's maximum of x, remembering where it was for {@link #backward}. */
    void train(Pointer in, Pointer out) {
        if (training == null) {
            training = new pooling_forward(trainingPd());
            workspace = new memory(trainingPd().workspace_desc(), DnnlRuntime.engine());
        }
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, DnnlRuntime.bind(x, in));
        args.put(DNNL_ARG_DST, DnnlRuntime.bind(y, out));
        args.put(DNNL_ARG_WORKSPACE, workspace);
        DnnlRuntime.execute(training, args);
    }

    /** y = each window's maximum of x. */
    void infer(Pointer in, Pointer out) {
        if (inference == null) {
            inference = new pooling_forward(new pooling_forward.primitive_desc(new pooling_forward.desc(
                    forward_inference.value, pooling_max.value, src, dst, strides, kernel, padding, padding),
                    DnnlRuntime.engine()));
        }
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, DnnlRuntime.bind(x, in));
        args.put(DNNL_ARG_DST, DnnlRuntime.bind(y, out));
        DnnlRuntime.execute(inference, args);
    }

    /** dx = each output gradient at the maximum of its window in the last training pass's input, zero elsewhere. */
    void backward(Pointer gradOut, Pointer gradIn) {
        if (workspace == null) {
            throw new IllegalStateException("no training pass to take the window maxima from");
        }
        if (backwardPass == null) {
            backwardPass = new pooling_backward(new pooling_backward.primitive_desc(new pooling_backward.desc(
                    pooling_max.value, src, dst, strides, kernel, padding, padding), DnnlRuntime.engine(), trainingPd()));
        }
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_DIFF_DST, DnnlRuntime.bind(dy, gradOut));
        args.put(DNNL_ARG_DIFF_SRC, DnnlRuntime.bind(dx, gradIn));
        args.put(DNNL_ARG_WORKSPACE, workspace);
        DnnlRuntime.execute(backwardPass, args);
    }

    private pooling_forward.primitive_desc trainingPd() {
        if (trainingPd == null) {
            trainingPd = new pooling_forward.primitive_desc(new pooling_forward.desc(
                    forward_training.value, pooling_max.value, src, dst, strides, kernel, padding, padding),
                    DnnlRuntime.engine());
        }
        return trainingPd;
    }

    private static memory.desc plain(long n, long c, long h, long w) {
        return new memory.desc(new long[]{n, c, h, w}, memory.data_type.f32, memory.format_tag.nchw);
    }
}
