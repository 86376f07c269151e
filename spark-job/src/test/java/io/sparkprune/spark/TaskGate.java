package io.sparkprune.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * A Spark plugin that holds task attempts in the executor's task thread, before the task's own
 * code runs, so that a test can act (kill the executor) while a chosen task is certainly running.
 *
 * <p>While the driver-side {@link Gate} is armed, every first attempt of a task that starts on an
 * executor reports itself as a file {@code held-<taskId>} ({@code executorId pid}) and waits until
 * the test releases it or disarms the gate. Files, not RPC: the executors are separate JVMs on the
 * same machine, and a file is there for whoever looks, whatever the order of events.
 */
public final class TaskGate implements SparkPlugin {
    /** Spark conf key of the gate's directory. */
    static final String DIR = "spark.sparkprune.test.task-gate.dir";
    private static final long POLL_MILLIS = 10;

    /** Adds the plugin to {@code conf}, gated by the files in {@code dir}. */
    public static Gate install(SparkConf conf, Path dir) {
        conf.set("spark.plugins", TaskGate.class.getName()).set(DIR, dir.toString());
        return new Gate(dir);
    }

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new Holder();
    }

    /** The executor side: runs in the task's thread just before the task. */
    private static final class Holder implements ExecutorPlugin {
        private Gate gate;
        private String executorId;

        @Override
        public void init(PluginContext ctx, Map<String, String> extraConf) {
            gate = new Gate(Path.of(ctx.conf().get(DIR)));
            executorId = ctx.executorID();
        }

        @Override
        public void onTaskStart() {
            TaskContext task = TaskContext.get();
            if (task.attemptNumber() > 0 || !gate.armed()) {
                return;
            }
            long id = task.taskAttemptId();
            gate.report(id, executorId + " " + ProcessHandle.current().pid());
            while (gate.armed() && !gate.released(id)) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The files both sides read and write. */
    public static final class Gate {
        private final Path dir;

        Gate(Path dir) {
            this.dir = dir;
        }

        public void arm() {
            touch(dir.resolve("armed"));
        }

        public void disarm() {
            try {
                Files.deleteIfExists(dir.resolve("armed"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean armed() {
            return Files.exists(dir.resolve("armed"));
        }

        /** Lets held task {@code taskId} run. */
        public void release(long taskId) {
            touch(dir.resolve("release-" + taskId));
        }

        boolean released(long taskId) {
            return Files.exists(dir.resolve("release-" + taskId));
        }

        /** {@code executorId pid} of held task {@code taskId}, once it is held. */
        public Optional<String[]> held(long taskId) {
            Path file = dir.resolve("held-" + taskId);
            try {
                return Files.exists(file) ? Optional.of(Files.readString(file).split(" ")) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void report(long taskId, String text) {
            try {
                // Written whole, then renamed: the driver never reads half a line.
                Path tmp = Files.writeString(dir.resolve("tmp-" + taskId), text);
                Files.move(tmp, dir.resolve("held-" + taskId), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void touch(Path file) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
