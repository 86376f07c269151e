package io.sparkprune.spark.yarn;

import io.sparkprune.provenance.RunRecord;
import io.sparkprune.spark.hdfs.MiniHdfs;
import io.sparkprune.spark.train.TrainJobFixtures;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shaded job jar submitted to a real (mini) YARN cluster the way deploy/README.md tells users to:
 * spark-submit --master yarn with conf/spark-defaults.conf, data and output on HDFS. The containers
 * (application master, cluster-mode driver, executors) are separate JVMs started by the NodeManager
 * from Spark's jars and the job jar alone, with physical memory enforced.
 */
class YarnSubmissionIT {
    static final String EXECUTOR_MAIN = "org.apache.spark.executor.YarnCoarseGrainedExecutorBackend";
    static final java.nio.file.Path ROOT = java.nio.file.Path.of(System.getProperty("sparkprune.root")).normalize();
    static final java.nio.file.Path JOB_JAR = java.nio.file.Path.of(System.getProperty("sparkprune.job.jar"));

    @TempDir
    static java.nio.file.Path dir;
    static MiniHdfs hdfs;
    static MiniYarn yarn;
    static FileSystem fs;
    static SparkInstallation spark;

    @BeforeAll
    static void startClusters() throws Exception {
        assertTrue(Files.isRegularFile(JOB_JAR), JOB_JAR + " missing: run mvn verify (the jar is built in package)");
        hdfs = MiniHdfs.start(dir.resolve("hdfs").toFile());
        fs = FileSystem.get(hdfs.uri(), hdfs.conf());
        java.nio.file.Path data = dir.resolve("mnist");
        TrainJobFixtures.writeIdx(data);
        fs.copyFromLocalFile(new Path(data.toUri()), new Path("/datasets/mnist"));
        yarn = MiniYarn.start(hdfs.uri(), dir.resolve("yarn"));
        spark = SparkInstallation.create(JOB_JAR.getParent().resolve("yarn-spark-home"),
                java.nio.file.Path.of(System.getProperty("sparkprune.spark.jars")),
                java.nio.file.Path.of(System.getProperty("sparkprune.spark.extras")),
                ROOT.resolve("conf/log4j2.properties"), yarn.confDir());
    }

    @AfterAll
    static void stopClusters() throws IOException {
        if (yarn != null) {
            yarn.close();
        }
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Test
    void trainInClusterModeWritesItsSummaryToHdfs() throws Exception {
        List<String> args = submission("cluster");
        args.addAll(List.of("--files", ROOT.resolve("conf/lenet5-mnist.conf").toString(),
                "--class", "io.sparkprune.cli.Main", JOB_JAR.toString(),
                "train", "--config", "lenet5-mnist.conf", "--set", "data.dir=hdfs:///datasets/mnist",
                "--set", "train.epochs=1", "--set", "model.width=0.5", "--out", "hdfs:///runs/lenet5"));
        run("train-cluster", args, null);

        ApplicationReport app = yarn.lastApplication();
        assertEquals(FinalApplicationStatus.SUCCEEDED, app.getFinalApplicationStatus(), app.getDiagnostics());
        assertEquals(1, app.getCurrentApplicationAttemptId().getAttemptId(),
                "the job ran once, not again after a failed attempt");
        // The driver ran in the application master's container (the attempt's first), logging through the
        // log4j2.properties spark-submit shipped from SPARK_HOME/conf: sparkprune at info, Spark quiet.
        ContainerId driver = ContainerId.newContainerId(app.getCurrentApplicationAttemptId(), 1);
        String driverOut = yarn.containerLog(driver, "stdout");
        assertTrue(driverOut.contains("results in hdfs://"), driverOut);
        String driverLog = yarn.containerLog(driver, "stderr");
        assertTrue(driverLog.contains("INFO  TrainJob:") && !driverLog.contains("INFO SparkContext"), tail(driverLog));
        JsonNode summary = new ObjectMapper().readTree(read("/runs/lenet5/summary.json"));
        assertEquals("yarn", RunRecord.fromJson(read("/runs/lenet5/" + RunRecord.FILE)).sparkMaster());
        assertTrue(summary.get("accuracy_before_prune").asDouble() > 0.5, summary.toString());
        assertTrue(fs.exists(new Path("/runs/lenet5/pruned-model.zip")));
    }

    @Test
    void gridSweepInClientModeOnTwoExecutorsSurvivesAKilledExecutor() throws Exception {
        List<String> args = submission("client");
        args.addAll(List.of("--class", "io.sparkprune.cli.Main", JOB_JAR.toString(),
                "sweep", "--config", ROOT.resolve("conf/sweep-quick-mnist.conf").toString(),
                "--set", "data.dir=hdfs:///datasets/mnist", "--set", "model.width=0.5",
                // Points of several seconds on an idle machine (one epoch of 640 images takes under one),
                // so that the executor killed after the first point file appears is still training one.
                "--set", "train.epochs=10",
                // 640 images: no validation split, and only the grid's thresholds (one row each)
                "--set", "data.validation=0", "--set", "prune.curve-points=0",
                "--out", "hdfs:///sweeps/quick"));
        List<Long> executors = new ArrayList<>();
        List<List<String>> executorCommand = new ArrayList<>();
        Map<ContainerId, Long> containerMemory = new java.util.HashMap<>();
        boolean[] tableExistedAtKill = new boolean[1];
        String log = run("sweep-client", args, submitter -> {
            // Once the first point is written the sweep is under way. The driver writes a point's file before
            // it submits that thread's next point, so the executor that trained it can be idle for a moment
            // (a kill then loses no task): 2 s later both train again (points take 10 epochs, over 5 s).
            waitFor(() -> points("/sweeps/quick/points") > 0, submitter);
            Thread.sleep(2000);
            List<ProcessHandle> jvms = yarn.containerJvms(EXECUTOR_MAIN);
            jvms.forEach(p -> executors.add(p.pid()));
            executorCommand.add(MiniYarn.commandLine(jvms.get(0).pid()));
            containerMemory.putAll(yarn.containerMemoryMb(yarn.lastApplication()));
            tableExistedAtKill[0] = exists("/sweeps/quick/results.csv");
            jvms.get(0).destroyForcibly();
        });

        assertEquals(2, executors.size(), "two executor containers ran the sweep: " + executors);
        // spark-defaults.conf reached YARN: executor JVM options (Java 17, ND4J's off-heap cap) and the
        // 4g off-heap overhead on top of --executor-memory 1g in each executor's container request.
        for (String option : defaultsValue("spark.executor.extraJavaOptions").split(" ")) {
            assertTrue(executorCommand.get(0).contains(option), option + " missing on " + executorCommand);
        }
        assertEquals(List.of(896L, 5120L, 5120L), containerMemory.values().stream().sorted().toList(),
                "application master 512m + 384m overhead, executors 1g + 4g: " + containerMemory);
        assertFalse(tableExistedAtKill[0], "the executor was killed before the sweep finished");
        assertTrue(log.contains("Lost executor") && log.contains("Lost task"),
                "the driver lost the executor and the point it was training:\n" + tail(log));
        List<String> csv = read("/sweeps/quick/results.csv").lines().toList();
        List<String> header = Arrays.asList(csv.get(0).split(","));
        int status = header.indexOf("status");
        Map<String, Long> rowsPerPoint = csv.stream().skip(1).map(l -> l.split(",", -1))
                .peek(f -> assertEquals("ok", f[status], String.join(",", f)))
                .collect(Collectors.groupingBy(f -> f[0], Collectors.counting()));
        // conf/sweep-quick-mnist.conf: 7 points x 5 thresholds, each point recorded once.
        assertEquals(7, rowsPerPoint.size(), csv.toString());
        assertTrue(rowsPerPoint.values().stream().allMatch(n -> n == 5), rowsPerPoint.toString());
        assertEquals(7, points("/sweeps/quick/points"));
        assertTrue(fs.exists(new Path("/sweeps/quick/results.parquet/_SUCCESS")));
        String report = read("/sweeps/quick/report.html");
        assertFalse(report.contains("Partial report"), report);
        assertTrue(report.contains("<img src=\"accuracy-vs-params.png\"")
                && fs.exists(new Path("/sweeps/quick/accuracy-vs-params.png")), report);
    }

    /** The spark-submit options both submissions share: deploy/README.md's YARN lines, sized for this machine. */
    static List<String> submission(String deployMode) {
        return new ArrayList<>(List.of("--master", "yarn", "--deploy-mode", deployMode,
                "--properties-file", ROOT.resolve("conf/spark-defaults.conf").toString(),
                "--num-executors", "2", "--executor-cores", "1", "--executor-memory", "1g",
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=1",
                "--conf", "spark.yarn.jars=" + spark.yarnJars(),
                "--conf", "spark.yarn.appMasterEnv.JAVA_HOME=" + SparkInstallation.javaHome(),
                "--conf", "spark.executorEnv.JAVA_HOME=" + SparkInstallation.javaHome(),
                // For this shared, loaded test machine only: an executor starved of CPU must not be declared
                // lost for missed heartbeats (120s by default); the one executor lost is the one killed.
                "--conf", "spark.network.timeout=600s"));
    }

    /** What a test does while its spark-submit runs. */
    interface WhileRunning {
        void accept(Process submitter) throws Exception;
    }

    /**
     * Runs spark-submit to the end (with {@code during}, if given, called while it runs) and returns
     * its output; fails with the output and the containers' logs unless it exits 0.
     */
    static String run(String name, List<String> args, WhileRunning during) throws Exception {
        java.nio.file.Path log = Files.createDirectories(JOB_JAR.getParent().resolve("yarn-submissions"))
                .resolve(name + ".log");
        java.nio.file.Path work = Files.createDirectories(dir.resolve(name));
        Process submitter = spark.submit(args, work, log);
        try {
            if (during != null) {
                during.accept(submitter);
            }
            if (!submitter.waitFor(10, TimeUnit.MINUTES)) {
                fail("spark-submit still running after 10 minutes:\n" + tail(Files.readString(log)) + containerLogs());
            }
        } finally {
            submitter.descendants().forEach(ProcessHandle::destroyForcibly);
            submitter.destroyForcibly();
        }
        String out = Files.readString(log);
        if (submitter.exitValue() != 0) {
            fail("spark-submit exited " + submitter.exitValue() + ":\n" + tail(out) + containerLogs());
        }
        return out;
    }

    /** A value of conf/spark-defaults.conf, the file every submission passes with --properties-file. */
    static String defaultsValue(String key) throws IOException {
        return Files.readAllLines(ROOT.resolve("conf/spark-defaults.conf")).stream()
                .filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length()).trim())
                .findFirst().orElseThrow(() -> new IllegalStateException(key + " not in spark-defaults.conf"));
    }

    static void waitFor(java.util.function.BooleanSupplier condition, Process submitter) {
        try {
            while (!condition.getAsBoolean()) {
                if (!submitter.isAlive()) {
                    fail("spark-submit ended while the test waited for the sweep");
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int points(String dir) {
        try {
            return !fs.exists(new Path(dir)) ? 0
                    : (int) Stream.of(fs.listStatus(new Path(dir)))
                    .filter(s -> s.getPath().getName().endsWith(".csv")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static boolean exists(String path) {
        try {
            return fs.exists(new Path(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String read(String path) throws IOException {
        try (var in = fs.open(new Path(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** stderr and stdout of every container, for a failure message. */
    static String containerLogs() throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<java.nio.file.Path> files = Files.walk(yarn.workDir())) {
            List<java.nio.file.Path> logs = files.filter(p -> p.getFileName().toString().matches("stderr|stdout"))
                    .sorted().toList();
            for (java.nio.file.Path f : logs) {
                b.append("\n==== ").append(f).append('\n').append(tail(Files.readString(f)));
            }
        }
        return b.toString();
    }

    static String tail(String text) {
        return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
    }
}
