package io.sparkprune.model.conv;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/** How ND4J arrays are handed to oneDNN primitives: as the address of plain C-order float data. */
public final class DnnlArrays {
    private DnnlArrays() {
    }

    /** {@code a} itself when its elements lie in C order without gaps (views included), else a C copy. */
    public static INDArray contiguous(INDArray a) {
        return plainC(a) ? a : a.dup('c');
    }

    /** Whether {@code a} is float and gap-free in C order (a vector in any order, like DL4J's [1, n] bias). */
    public static boolean plainC(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.elementWiseStride() == 1
                && (a.isVectorOrScalar() || a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a));
    }

    /** The address of {@code a}'s first element (a view's buffer already starts at its offset). */
    public static Pointer pointer(INDArray a) {
        return a.data().addressPointer();
    }
}
