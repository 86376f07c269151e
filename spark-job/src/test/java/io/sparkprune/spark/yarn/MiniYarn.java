package io.sparkprune.spark.yarn;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerReport;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A one-NodeManager YARN cluster in this JVM whose containers are real local processes, with HDFS
 * as its default file system, and the Hadoop configuration directory a client needs to submit to it.
 */
final class MiniYarn implements AutoCloseable {
    /** Megabytes the NodeManager offers: the AM plus two executors with the shipped 4g overhead each. */
    static final int NODE_MEMORY_MB = 16384;
    private final MiniYARNCluster cluster;
    private final Path confDir;
    private final Path workDir;

    private MiniYarn(MiniYARNCluster cluster, Path confDir, Path workDir) {
        this.cluster = cluster;
        this.confDir = confDir;
        this.workDir = workDir;
    }

    static MiniYarn start(URI defaultFs, Path dir) throws Exception {
        YarnConfiguration conf = new YarnConfiguration();
        conf.set("fs.defaultFS", defaultFs.toString());
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
        conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, NODE_MEMORY_MB);
        conf.setInt(YarnConfiguration.YARN_MINICLUSTER_NM_PMEM_MB, NODE_MEMORY_MB);
        conf.setInt(YarnConfiguration.NM_VCORES, 4);
        // Physical memory is enforced as on a real cluster (a container over its request is killed);
        // virtual memory is not: a JVM reserves far more address space than it uses.
        conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, true);
        conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        // A busy shared disk must not mark the NodeManager unhealthy.
        conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100f);
        conf.setLong(YarnConfiguration.NM_MIN_PER_DISK_FREE_SPACE_MB, 0);
        // One queue with the whole cluster (no capacity-scheduler.xml on this class path); application
        // masters may use all of it (the default 10% would leave room for one small AM).
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.set("yarn.scheduler.capacity.root.default.capacity", "100");
        conf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
        // Finished containers' directories stay until the test's folder is removed: their logs explain failures.
        conf.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 600);

        MiniYARNCluster cluster = new MiniYARNCluster("sparkprune-yarn", 1, 1, 1);
        cluster.init(conf);
        cluster.start();
        Configuration live = cluster.getConfig();
        waitForBoundAddress(live);
        if (!cluster.waitForNodeManagersToConnect(30_000)) {
            throw new IllegalStateException("the NodeManager did not register with the ResourceManager");
        }

        Path confDir = Files.createDirectories(dir.resolve("hadoop-conf"));
        try (OutputStream out = Files.newOutputStream(confDir.resolve("yarn-site.xml"))) {
            live.writeXml(out);
        }
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", defaultFs.toString());
        try (OutputStream out = Files.newOutputStream(confDir.resolve("core-site.xml"))) {
            core.writeXml(out);
        }
        return new MiniYarn(cluster, confDir, cluster.getTestWorkDir().toPath().toRealPath());
    }

    /** start() can return before the ResourceManager wrote its real port into the configuration. */
    private static void waitForBoundAddress(Configuration conf) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (conf.get(YarnConfiguration.RM_ADDRESS, "").endsWith(":0")) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the ResourceManager did not bind: "
                        + conf.get(YarnConfiguration.RM_ADDRESS));
            }
            Thread.sleep(100);
        }
    }

    /** HADOOP_CONF_DIR for clients: yarn-site.xml (the ResourceManager's addresses) and core-site.xml (HDFS). */
    Path confDir() {
        return confDir;
    }

    /** Where the NodeManager keeps container directories and container logs (MiniYARNCluster's choice: target/NAME). */
    Path workDir() {
        return workDir;
    }

    /** The report of the application submitted last. */
    ApplicationReport lastApplication() throws Exception {
        try (YarnClient client = client()) {
            return client.getApplications().stream().max(Comparator.comparing(ApplicationReport::getApplicationId))
                    .orElseThrow(() -> new IllegalStateException("no application was submitted"));
        }
    }

    /** Megabytes allocated to each running container of the current attempt of {@code app}, by container id. */
    Map<ContainerId, Long> containerMemoryMb(ApplicationReport app) throws Exception {
        try (YarnClient client = client()) {
            return client.getContainers(app.getCurrentApplicationAttemptId()).stream()
                    .collect(Collectors.toMap(ContainerReport::getContainerId,
                            c -> c.getAllocatedResource().getMemorySize()));
        }
    }

    /** A file (stdout, stderr) the NodeManager kept of one container's output. */
    String containerLog(ContainerId container, String file) throws IOException {
        try (Stream<Path> dirs = Files.walk(workDir)) {
            // Container ids are unique (they hold the cluster's start time); the log directory is under *-logDir-*.
            Path log = dirs.filter(d -> d.getFileName().toString().equals(container.toString())
                            && workDir.relativize(d).toString().contains("logDir"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no log directory for " + container));
            return Files.readString(log.resolve(file));
        }
    }

    private YarnClient client() {
        YarnClient client = YarnClient.createYarnClient();
        client.init(cluster.getConfig());
        client.start();
        return client;
    }

    /**
     * The live JVMs of this cluster's containers that run {@code mainClass}: java processes working in
     * a container directory under {@link #workDir()}, found through /proc (Linux, as the containers).
     */
    List<ProcessHandle> containerJvms(String mainClass) {
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                Path cwd = Path.of("/proc", String.valueOf(p.pid()), "cwd").toRealPath();
                List<String> argv = commandLine(p.pid());
                return cwd.startsWith(workDir) && argv.get(0).endsWith("/java") && argv.contains(mainClass);
            } catch (IOException | RuntimeException gone) { // exited meanwhile, or not ours to read
                return false;
            }
        }).toList();
    }

    /** A process's program and arguments, from /proc. */
    static List<String> commandLine(long pid) {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Stops the cluster and removes its containers' working directories (each holds a copy of the job
     * jar); keeps their logs.
     */
    @Override
    public void close() throws IOException {
        cluster.stop();
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path f : files.filter(f -> workDir.relativize(f).toString().contains("localDir"))
                    .sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
