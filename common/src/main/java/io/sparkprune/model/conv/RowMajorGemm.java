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

    /** op(A) is m x k, op(B) is k x n, C is m x n; lda/ldb/ldc are the stored row lengths. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, int lda,
                      FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k,
                1f, a, lda, b, ldb, beta, c, ldc);
    }
}
