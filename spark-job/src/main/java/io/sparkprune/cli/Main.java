package io.sparkprune.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** Entry point for the launcher and for {@code spark-submit --class io.sparkprune.cli.Main}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args);
        // In YARN cluster mode this runs in a thread of Spark's application master, which reports success
        // only when main returns: System.exit(0) there ends the AM first, so YARN records the finished job
        // as failed and runs it again.
        if (code != 0 || !inYarnApplicationMaster()) {
            System.exit(code);
        }
    }

    /** The application master passes spark-submit's settings to the driver as system properties. */
    static boolean inYarnApplicationMaster() {
        return "cluster".equals(System.getProperty("spark.submit.deployMode"))
                && System.getProperty("spark.master", "").startsWith("yarn");
    }

    /** Runs one command and returns its exit code: 0 success, 2 usage/config/input error, 1 failure. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)}, writing to the given streams (tests read them). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SparkpruneCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ExitCodes());
        return cli.execute(args);
    }
}
