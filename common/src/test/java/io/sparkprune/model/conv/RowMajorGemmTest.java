package io.sparkprune.model.conv;

import io.sparkprune.train.NativeThreads;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import static io.sparkprune.model.LayerChecks.assertClose;
import static io.sparkprune.model.conv.DnnlArrays.pointer;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Java kernels' products (on oneDNN's sgemm here) must be C = op(A) op(B) + beta C for every
 * transposition the kernels use, and leave the calling thread its OpenMP budget afterwards.
 */
class RowMajorGemmTest {

    @ParameterizedTest
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    void multipliesAsNd4jDoesAndGivesTheThreadsBack(boolean transA, boolean transB) {
        int m = 5, n = 7, k = 9;
        INDArray a = random(1, transA ? k : m, transA ? m : k);
        INDArray b = random(2, transB ? n : k, transB ? k : n);
        INDArray c = random(3, m, n);
        INDArray expected = (transA ? a.transpose() : a).mmul(transB ? b.transpose() : b).addi(c.mul(0.5));
        int before = NativeThreads.current();
        try {
            NativeThreads.limit(2);
            DnnlRuntime.stream();
            RowMajorGemm.sgemm(transA, transB, m, n, k, new FloatPointer(pointer(a)), (int) a.size(1),
                    new FloatPointer(pointer(b)), (int) b.size(1), 0.5f, new FloatPointer(pointer(c)), n);
            RowMajorGemm.restoreThreads();
            assertEquals(2, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(),
                    "the calling thread has its two OpenMP threads back");
        } finally {
            NativeThreads.limit(before);
        }
        assertClose(expected, c, "C = op(A) op(B) + 0.5 C");
    }

    private static INDArray random(long seed, int rows, int cols) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, rows, cols).subi(0.5);
    }
}
