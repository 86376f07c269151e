package io.sparkprune.train;

import org.nd4j.linalg.factory.Nd4j;

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

    public static void limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }
}
