package io.sparkprune.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code io.sparkprune.cli.Main} in its own JVM, from the test class path and with this JVM's Java 17
 * options: a real process that a test can kill with SIGKILL, as a crash or an OOM killer would.
 */
final class CliProcess {
    private final Process process;
    private final Path log;

    private CliProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static CliProcess start(Path log, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules") || a.startsWith("-Djdk.reflect"))
                .forEach(cmd::add);
        cmd.add("-Xmx1500m");
        cmd.add("-cp");
        cmd.add(Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator)).filter(s -> !s.isBlank()).reduce((a, b) -> a + File.pathSeparator + b)
                .orElseThrow());
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        try {
            return new CliProcess(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to end by itself; its exit code. */
    int waitFor(long minutes) throws InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + minutes + " min; log " + log);
        }
        return process.exitValue();
    }

    /** Polls {@code condition} while the process runs; false if it ended first. */
    boolean await(BooleanSupplier condition, long minutes) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        while (process.isAlive() && System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean() && process.isAlive();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL (Process.destroyForcibly on Unix): no shutdown hook or finally block runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
