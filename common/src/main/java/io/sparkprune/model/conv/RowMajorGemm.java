package io.sparkprune.model.conv;

import io.sparkprune.train.NativeThreads;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * {@code C = op(A) * op(B) + beta * C} on row-major float matrices in native memory, straight
 * through oneDNN's sgemm (or the OpenBLAS that ND4J's CPU backend calls itself). Per-image convolution
 * makes many small products; going through INDArray views would cost more than the arithmetic.
 */
final class RowMajorGemm {
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;
    private static final boolean ON_ONEDNN = DnnlRuntime.available();

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

    /** Gives the calling thread back its OpenMP thread budget after a layer's products ran on one thread. */
    static void restoreThreads() {
        if (ON_ONEDNN) {
            DnnlRuntime.useThreads(NativeThreads.current());
        }
    }

    /**
     * op(A) is m x k, op(B) is k x n, C is m x n; lda/ldb/ldc are the stored row lengths. On oneDNN's sgemm
     * where it loads, on one OpenMP thread: on LeNet-5's per-image products it took 0.37-0.85x OpenBLAS's
     * time (same process, alternated); else on OpenBLAS ({@code -Dsparkprune.onednn=false} included).
     */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, int lda,
                      FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        if (ON_ONEDNN) {
            DnnlRuntime.useThreads(1);
            int status = dnnl.dnnl_sgemm((byte) (transA ? 'T' : 'N'), (byte) (transB ? 'T' : 'N'), m, n, k, 1f, a,
                    lda, b, ldb, beta, c, ldc);
            if (status != 0) {
                throw new IllegalStateException("oneDNN sgemm failed with status " + status);
            }
            return;
        }
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k,
                1f, a, lda, b, ldb, beta, c, ldc);
    }
}
