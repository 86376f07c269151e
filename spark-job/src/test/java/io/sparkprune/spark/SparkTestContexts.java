package io.sparkprune.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Spark contexts for tests: {@code local[N]} (executors are threads: fast) and
 * {@code local-cluster[W,C,MB]} (real executor JVMs: real serialization and class path).
 */
public final class SparkTestContexts {
    private SparkTestContexts() {
    }

    public static JavaSparkContext local(int threads) {
        return new JavaSparkContext(base("local[" + threads + "]"));
    }

    /**
     * Starts W executor JVMs through Spark's standalone worker code, from Maven's jars alone:
     * SPARK_HOME (set by Surefire) needs only an existing jars/ folder, and the executors get the
     * test JVM's whole class path and its Java 17 options.
     */
    public static JavaSparkContext localCluster(int workers, int coresPerWorker, int memoryMbPerWorker) {
        return new JavaSparkContext(localClusterConf(workers, coresPerWorker, memoryMbPerWorker));
    }

    /** The conf of {@link #localCluster}, for tests that add to it. */
    public static SparkConf localClusterConf(int workers, int coresPerWorker, int memoryMbPerWorker) {
        String sparkHome = System.getenv("SPARK_HOME");
        if (sparkHome == null || System.getenv("SPARK_SCALA_VERSION") == null) {
            throw new IllegalStateException("local-cluster tests need SPARK_HOME and SPARK_SCALA_VERSION "
                    + "(Surefire sets them in spark-job/pom.xml)");
        }
        try {
            Files.createDirectories(Path.of(sparkHome, "jars"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + sparkHome + "/jars", e);
        }
        String master = "local-cluster[" + workers + "," + coresPerWorker + "," + memoryMbPerWorker + "]";
        return base(master)
                .set("spark.executor.extraClassPath", testClassPath())
                .set("spark.executor.extraJavaOptions", jvmOptions())
                .set("spark.executor.memory", Math.max(512, memoryMbPerWorker / 2) + "m");
    }

    /** Waits (up to 2 min) until {@code n} executors besides the driver have registered. */
    public static void awaitExecutors(JavaSparkContext sc, int n) throws InterruptedException {
        long end = System.nanoTime() + 120_000_000_000L;
        while (sc.sc().statusTracker().getExecutorInfos().length < n + 1 && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        if (sc.sc().statusTracker().getExecutorInfos().length < n + 1) {
            throw new IllegalStateException(n + " executors did not register within 2 min");
        }
    }

    private static SparkConf base(String master) {
        // The production conf (SparkContexts) underneath: tests run with the settings the jobs get.
        return SparkContexts.conf("sparkprune-test", master)
                .set("spark.driver.host", "localhost")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
    }

    /** Surefire runs tests from a manifest-only jar; the real class path is in this property. */
    static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return java.util.Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isBlank())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The --add-opens, --add-modules and -D options this JVM got, for executors on Java 17. */
    static String jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules") || a.startsWith("-Djdk.reflect")
                        || a.startsWith("-Dorg.bytedeco"))
                .collect(Collectors.joining(" "));
    }
}
