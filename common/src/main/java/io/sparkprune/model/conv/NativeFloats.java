package io.sparkprune.model.conv;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/** Direct {@link FloatBuffer} views of ND4J arrays, so plain Java loops can read and write them in place. */
final class NativeFloats {
    private NativeFloats() {
    }

    /** A buffer over {@code a}'s elements in C order; {@code a} must be a contiguous C-order float array. */
    static FloatBuffer of(INDArray a) {
        if (!isContiguousC(a)) {
            throw new IllegalArgumentException("need a contiguous C-order float array, got " + a.shapeInfoToString());
        }
        long n = a.length();
        FloatPointer p = new FloatPointer(a.data().addressPointer());
        return p.position(0).limit(n).capacity(n).asBuffer();
    }

    /** A pointer to {@code a}'s first element, for BLAS; same requirement as {@link #of}. */
    static FloatPointer pointer(INDArray a) {
        if (!isContiguousC(a)) {
            throw new IllegalArgumentException("need a contiguous C-order float array, got " + a.shapeInfoToString());
        }
        return new FloatPointer(a.data().addressPointer());
    }

    /** {@code a} itself when {@link #of} can view it, else a contiguous C-order copy. */
    static INDArray contiguous(INDArray a) {
        return isContiguousC(a) ? a : a.dup('c');
    }

    private static boolean isContiguousC(INDArray a) {
        // elementWiseStride, not the stride vector: ND4J gives size-1 dimensions arbitrary strides
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && !a.isView() && a.offset() == 0
                && a.elementWiseStride() == 1;
    }
}
