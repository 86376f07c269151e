package io.sparkprune.spark.yarn;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark installation made of the jars Maven fetched (SPARK_HOME/jars links to each, as a Spark
 * distribution's jars/ folder holds them) and its {@code spark-submit}: like {@code bin/spark-submit},
 * Spark's launcher ({@code org.apache.spark.launcher.Main}) turns the arguments into the java command
 * of the submitting JVM (driver options from the properties file in client mode, Spark's Java 17
 * options), which is then run.
 */
final class SparkInstallation {
    private final Path home;
    private final Path hadoopConfDir;

    private SparkInstallation(Path home, Path hadoopConfDir) {
        this.home = home;
        this.hadoopConfDir = hadoopConfDir;
    }

    /**
     * @param classPathFile the distribution's jars, separated by the path separator (written by Maven)
     * @param extraJars     a folder of jars a distribution has besides those
     * @param logConfig     installed as SPARK_HOME/conf/log4j2.properties, which spark-submit ships to
     *                      the YARN containers
     */
    static SparkInstallation create(Path home, Path classPathFile, Path extraJars, Path logConfig, Path hadoopConfDir)
            throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        try (Stream<Path> old = Files.list(jars)) { // links of an earlier build's jars
            for (Path link : old.toList()) {
                Files.delete(link);
            }
        }
        List<Path> all = new ArrayList<>();
        for (String jar : Files.readString(classPathFile).trim().split(File.pathSeparator)) {
            all.add(Path.of(jar));
        }
        try (Stream<Path> extras = Files.list(extraJars)) {
            extras.forEach(all::add);
        }
        for (Path jar : all) {
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
        }
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.copy(logConfig, conf.resolve("log4j2.properties"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new SparkInstallation(home, hadoopConfDir);
    }

    /** For {@code spark.yarn.jars}: the jars are on every node (this machine), so nothing is uploaded. */
    String yarnJars() {
        return "local:" + home.resolve("jars") + "/*";
    }

    static String javaHome() {
        return System.getProperty("java.home");
    }

    /** Starts {@code spark-submit ARGS} in {@code workDir}; its output (stdout and stderr) goes to {@code log}. */
    Process submit(List<String> args, Path workDir, Path log) throws IOException, InterruptedException {
        List<String> launcher = new ArrayList<>(List.of(java(), "-Xmx128m", "-cp", home.resolve("jars") + "/*",
                "org.apache.spark.launcher.Main", "org.apache.spark.deploy.SparkSubmit"));
        launcher.addAll(args);
        ProcessBuilder build = environment(new ProcessBuilder(launcher)).redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = build.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("Spark's launcher failed on " + args);
        }
        // As bin/spark-class reads it: a NUL line marks the start, then the command's words end in NUL each.
        String printed = new String(out, StandardCharsets.UTF_8);
        List<String> command = Arrays.asList(printed.substring(printed.indexOf("\0\n") + 2).split("\0"));
        Files.writeString(log, "$ " + String.join(" ", command) + "\n");
        return environment(new ProcessBuilder(command)).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private ProcessBuilder environment(ProcessBuilder b) {
        Map<String, String> env = b.environment();
        List.of("SPARK_CONF_DIR", "SPARK_DIST_CLASSPATH", "YARN_CONF_DIR", "HADOOP_HOME", "SPARK_SUBMIT_OPTS")
                .forEach(env::remove);
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.12"); // what bin/load-spark-env.sh sets in a distribution
        env.put("HADOOP_CONF_DIR", hadoopConfDir.toString());
        env.put("JAVA_HOME", javaHome());
        return b;
    }

    private static String java() {
        return Path.of(javaHome(), "bin", "java").toString();
    }
}
