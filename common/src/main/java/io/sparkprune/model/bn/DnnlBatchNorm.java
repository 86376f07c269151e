package io.sparkprune.model.bn;

import io.sparkprune.model.conv.DnnlRuntime;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.javacpp.Pointer;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;
import static org.bytedeco.dnnl.global.dnnl.normalization_flags.use_global_stats;
import static org.bytedeco.dnnl.global.dnnl.normalization_flags.use_scale;
import static org.bytedeco.dnnl.global.dnnl.normalization_flags.use_shift;
import static org.bytedeco.dnnl.global.dnnl.prop_kind.backward;
import static org.bytedeco.dnnl.global.dnnl.prop_kind.forward_inference;
import static org.bytedeco.dnnl.global.dnnl.prop_kind.forward_training;

/**
 * One activation shape's oneDNN batch-norm primitives, run on DL4J's buffers: NCHW activations,
 * per-channel gamma (scale), beta (shift), mean and variance as plain float vectors (separate
 * scale and shift arguments, so DL4J's parameter and gradient views are used in place, no packing).
 * The variance oneDNN reads and writes is the biased batch variance without eps, as DL4J's layer keeps it.
 * Training and inference primitives are built on first use. Not thread-safe: one per layer.
 */
final class DnnlBatchNorm {
    private final memory.desc data;
    private final float eps;
    private final memory src, dst, diffDst, diffSrc, scale, shift, mean, variance, diffScale, diffShift;
    private batch_normalization_forward.primitive_desc trainingPd;
    private primitive training, inference, backwardPass;

    DnnlBatchNorm(long batch, long channels, long height, long width, double eps) {
        this.data = new memory.desc(new long[]{batch, channels, height, width}, memory.data_type.f32,
                memory.format_tag.nchw);
        this.eps = (float) eps;
        memory.desc vector = new memory.desc(new long[]{channels}, memory.data_type.f32, memory.format_tag.x);
        src = DnnlRuntime.unbound(data);
        dst = DnnlRuntime.unbound(data);
        diffDst = DnnlRuntime.unbound(data);
        diffSrc = DnnlRuntime.unbound(data);
        scale = DnnlRuntime.unbound(vector);
        shift = DnnlRuntime.unbound(vector);
        mean = DnnlRuntime.unbound(vector);
        variance = DnnlRuntime.unbound(vector);
        diffScale = DnnlRuntime.unbound(vector);
        diffShift = DnnlRuntime.unbound(vector);
    }

    /** y = gamma (x - mean) / sqrt(var + eps) + beta with this batch's statistics, written to mean and var. */
    void train(Pointer x, Pointer gamma, Pointer beta, Pointer y, Pointer batchMean, Pointer batchVar) {
        if (training == null) {
            training = new batch_normalization_forward(trainingPd());
        }
        IntMemoryMap args = args(x, gamma, beta, batchMean, batchVar);
        args.put(DNNL_ARG_DST, DnnlRuntime.bind(dst, y));
        DnnlRuntime.execute(training, args);
    }

    /** y = gamma (x - mean) / sqrt(var + eps) + beta with the given (running) statistics. */
    void infer(Pointer x, Pointer gamma, Pointer beta, Pointer runningMean, Pointer runningVar, Pointer y) {
        if (inference == null) {
            inference = new batch_normalization_forward(new batch_normalization_forward.primitive_desc(
                    new batch_normalization_forward.desc(forward_inference.value, data, eps,
                            use_scale.value | use_shift.value | use_global_stats.value), DnnlRuntime.engine()));
        }
        IntMemoryMap args = args(x, gamma, beta, runningMean, runningVar);
        args.put(DNNL_ARG_DST, DnnlRuntime.bind(dst, y));
        DnnlRuntime.execute(inference, args);
    }

    /** dx, dgamma and dbeta from x, dy and the statistics {@link #train} computed for x. */
    void backward(Pointer x, Pointer dy, Pointer gamma, Pointer beta, Pointer batchMean, Pointer batchVar,
                  Pointer dx, Pointer dGamma, Pointer dBeta) {
        if (backwardPass == null) {
            backwardPass = new batch_normalization_backward(new batch_normalization_backward.primitive_desc(
                    new batch_normalization_backward.desc(backward.value, data, data, eps, flags()),
                    DnnlRuntime.engine(), trainingPd()));
        }
        IntMemoryMap args = args(x, gamma, beta, batchMean, batchVar);
        args.put(DNNL_ARG_DIFF_DST, DnnlRuntime.bind(diffDst, dy));
        args.put(DNNL_ARG_DIFF_SRC, DnnlRuntime.bind(diffSrc, dx));
        args.put(DNNL_ARG_DIFF_SCALE, DnnlRuntime.bind(diffScale, dGamma));
        args.put(DNNL_ARG_DIFF_SHIFT, DnnlRuntime.bind(diffShift, dBeta));
        DnnlRuntime.execute(backwardPass, args);
    }

    private batch_normalization_forward.primitive_desc trainingPd() {
        if (trainingPd == null) {
            trainingPd = new batch_normalization_forward.primitive_desc(
                    new batch_normalization_forward.desc(forward_training.value, data, eps, flags()),
                    DnnlRuntime.engine());
        }
        return trainingPd;
    }

    private static int flags() {
        return use_scale.value | use_shift.value;
    }

    private IntMemoryMap args(Pointer x, Pointer gamma, Pointer beta, Pointer m, Pointer v) {
        IntMemoryMap args = new IntMemoryMap();
        args.put(DNNL_ARG_SRC, DnnlRuntime.bind(src, x));
        args.put(DNNL_ARG_SCALE, DnnlRuntime.bind(scale, gamma));
        args.put(DNNL_ARG_SHIFT, DnnlRuntime.bind(shift, beta));
        args.put(DNNL_ARG_MEAN, DnnlRuntime.bind(mean, m));
        args.put(DNNL_ARG_VARIANCE, DnnlRuntime.bind(variance, v));
        return args;
    }
}
