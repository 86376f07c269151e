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
        limitProcess(threads);
        limitCallingThread(threads);
    }

    /**
     * Limits native ops and BLAS to {@code threads} for the process, leaving the calling thread's
     * OpenMP team as it is (for work that runs on other threads, each limiting its own team).
     */
    public static void limitProcess(int threads) {
        check(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /**
     * Limits the calling thread's OpenMP team to {@code threads}, nothing else: for a pooled worker
     * thread of a JVM whose budget {@link #limitProcess} already set (a fresh thread's team is OpenMP's default).
     */
    public static void limitCallingThread(int threads) {
        check(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    /**
     * The process's budget as it is now, to put back after a temporary limit. Restoring with
     * {@code limit(current())} would also set BLAS to that many threads, where the process may have
     * kept it on one on purpose (the Java convolution kernels do: two BLAS threads spin-wait).
     */
    public static Budget save() {
        return new Budget(current(), Nd4j.factory().blas().getMaxThreads());
    }

    private static void check(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** A saved budget: native ops' threads and BLAS's. */
    public record Budget(int threads, int blasThreads) {
        /** Puts this budget back for the process, and the calling thread's OpenMP team to its thread count. */
        public void restore() {
            restoreProcess();
            limitCallingThread(threads);
        }

        /** Puts this budget back for the process only (after {@link #limitProcess}). */
        public void restoreProcess() {
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            Nd4j.factory().blas().setMaxThreads(blasThreads);
        }
    }
}
