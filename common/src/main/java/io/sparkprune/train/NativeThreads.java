package io.sparkprune.train;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The threads ND4J's native ops and BLAS may use in this JVM. A grid-parallel executor runs one
 * training per core, so each must stay on one thread; otherwise N tasks x N OpenMP threads fight
 * over N cores.
 */
public final class NativeThreads {
    private NativeThreads() {
    }

    /** The threads native ops may use (M2 ignores {@code setMaxThreads}; master threads and BLAS's count). */
    public static int current() {
        return Nd4j.getEnvironment().maxMasterThreads();
    }

    /**
     * Limits native ops to {@code threads}, this thread's OpenMP team size included: OpenMP's is a
     * per-thread setting, and a fresh executor thread would otherwise split its first reductions over
     * the default team and sum in another order than a thread that ran a task before.
     */
    public static void limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    /**
     * Limits the calling thread's OpenMP team to {@code threads}, nothing else: for a pooled worker
     * thread of a JVM whose budget {@link #limit} already set (a fresh thread's team is OpenMP's default).
     */
    public static void limitCallingThread(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }
}
