package io.sparkprune.model.conv;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * {@code C = op(A) * op(B) + beta * C} on row-major float matrices in native memory, straight
 * through the OpenBLAS that ND4J's CPU backend calls itself. Per-image convolution makes many
 * small products; going through INDArray views would cost more than the arithmetic.
 */
final class RowMajorGemm {
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private RowMajorGemm() {
    }

    /**
     * Puts OpenBLAS on the calling thread only, for the rest of the process. Per-image products are
     * too small to split: with two BLAS threads LeNet-5 inference ran ~15% slower on an idle
     * machine, and on a busy one (a prune command beside a sweep) the threads' spin-waits slowed it
     * by orders of magnitude. Not restored after each layer: a set/restore pair costs 1-2 ms.
     */
    static void useOneThread() {
        if (openblas_nolapack.blas_get_num_threads() != 1) {
            openblas_nolapack.blas_set_num_threads(1);
        }
    }

    /** op(A) is m x k, op(B) is k x n, C is m x n; lda/ldb/ldc are the stored row lengths. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, int lda,
                      FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k,
                1f, a, lda, b, ldb, beta, c, ldc);
    }
}
