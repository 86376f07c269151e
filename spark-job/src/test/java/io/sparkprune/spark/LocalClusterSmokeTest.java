package io.sparkprune.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proves that two real executor JVMs start from Maven's jars and run a Java lambda. */
class LocalClusterSmokeTest {

    @Test
    void lambdasRunInSeparateExecutorJvms() {
        try (JavaSparkContext sc = SparkTestContexts.localCluster(2, 1, 1024)) {
            List<Integer> data = IntStream.range(0, 100).boxed().toList();
            long pids = sc.parallelize(data, 4)
                    .map(x -> ProcessHandle.current().pid())
                    .distinct().count();
            assertEquals(4950, sc.parallelize(data, 4).reduce(Integer::sum));
            assertTrue(pids >= 1);
            assertTrue(sc.parallelize(data, 4).map(x -> ProcessHandle.current().pid()).collect()
                    .stream().noneMatch(p -> p == ProcessHandle.current().pid()), "tasks ran outside the driver JVM");
        }
    }
}
