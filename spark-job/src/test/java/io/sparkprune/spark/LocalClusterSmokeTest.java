package io.sparkprune.spark;

import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proves that two real executor JVMs start from Maven's jars and run a Java lambda. */
class LocalClusterSmokeTest {

    @Test
    void lambdasRunInTwoSeparateExecutorJvms() throws Exception {
        try (JavaSparkContext sc = SparkTestContexts.localCluster(2, 1, 1024)) {
            SparkTestContexts.awaitExecutors(sc, 2);
            List<Integer> data = IntStream.range(0, 100).boxed().toList();
            assertEquals(4950, sc.parallelize(data, 4).reduce(Integer::sum));
            // Tasks long enough that one executor cannot take them all before the other asks for one.
            Map<String, Long> pidByExecutor = sc.parallelize(data, 8).mapToPair(x -> {
                Thread.sleep(20);
                return new Tuple2<>(SparkEnv.get().executorId(), ProcessHandle.current().pid());
            }).collectAsMap();
            assertEquals(2, pidByExecutor.size(), "two executor ids: " + pidByExecutor);
            assertFalse(pidByExecutor.containsKey("driver"), pidByExecutor.toString());
            assertEquals(2, pidByExecutor.values().stream().distinct().count(), "two JVMs: " + pidByExecutor);
            assertTrue(pidByExecutor.values().stream().noneMatch(p -> p == ProcessHandle.current().pid()),
                    "tasks ran outside the driver JVM");
        }
    }
}
