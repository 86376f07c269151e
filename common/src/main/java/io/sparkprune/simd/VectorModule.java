package io.sparkprune.simd;

/**
 * Whether the Java kernels may use the incubating vector API ({@code jdk.incubator.vector}): only when
 * the module is in the boot layer, i.e. the JVM got {@code --add-modules=jdk.incubator.vector}
 * ({@code conf/spark-defaults.conf} and the test JVMs pass it). Without it every kernel falls back.
 */
public final class VectorModule {
    public static final boolean PRESENT = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorModule() {
    }
}
