package io.sparkprune.spark;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The Java 17 options live in two places, the build (Surefire's argLine, the pom) and the
 * runtime (conf/spark-defaults.conf, read by the launcher and spark-submit): they must not drift.
 */
class JvmOptionsConsistencyTest {

    private static Set<String> opens(String line) {
        return Arrays.stream(line.trim().split("\\s+")).filter(s -> s.startsWith("--add-opens") || s.startsWith("--add-modules"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String property(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + " ") || l.startsWith(key + "\t"))
                .map(l -> l.substring(key.length())).findFirst().orElseThrow();
    }

    @Test
    void runtimeOptionsMatchTheBuildsAndCoverDriverAndExecutors() throws Exception {
        List<String> conf = Files.readAllLines(Path.of("..", "conf", "spark-defaults.conf"));
        Set<String> driver = opens(property(conf, "spark.driver.extraJavaOptions"));
        Set<String> executor = opens(property(conf, "spark.executor.extraJavaOptions"));
        Set<String> build = opens(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        assertFalse(build.isEmpty());
        assertEquals(build, driver);
        assertEquals(build, executor);
    }
}
