package io.sparkprune.cli;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.spark.sweep.SweepJob;
import io.sparkprune.sweep.SweepGrid;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every file shipped in conf/ loads and validates, so a broken one fails the build. */
class ConfDirectoryTest {
    private static final Path CONF = Path.of("..", "conf");

    @Test
    void everyRunAndSweepConfigValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CONF)) {
            files = s.filter(p -> p.toString().endsWith(".conf") && !p.endsWith("spark-defaults.conf")).sorted().toList();
        }
        assertTrue(files.size() >= 6, "single runs for MNIST, Fashion-MNIST, CIFAR-10 and three sweeps: " + files);
        for (Path f : files) {
            var merged = ConfigLoader.load(f, List.of());
            if (merged.hasPath("sweep.grid")) {
                SweepJob.check(SweepGrid.from(merged));
            } else {
                ConfigLoader.runConfig(merged);
            }
        }
    }

    @Test
    void sparkDefaultsAreSparkSettingsWithTheJava17Options() throws IOException {
        SparkConf conf = new SparkConf(false);
        for (String line : Files.readAllLines(CONF.resolve("spark-defaults.conf"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.strip().split("\\s+", 2);
            assertEquals(2, kv.length, "key and value: " + line);
            assertTrue(kv[0].startsWith("spark."), "a Spark key: " + kv[0]);
            conf.set(kv[0], kv[1]);
        }
        assertTrue(conf.get("spark.executor.extraJavaOptions").contains("--add-opens=java.base/java.nio=ALL-UNNAMED"));
        assertEquals("org.apache.spark.serializer.JavaSerializer", conf.get("spark.serializer"));
    }

    @Test
    void log4jConfigurationParses() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(CONF.resolve("log4j2.properties"))) {
            p.load(r);
        }
        assertFalse(p.isEmpty());
        assertTrue(p.stringPropertyNames().stream().anyMatch(k -> k.startsWith("appender.")), "defines an appender");
    }
}
